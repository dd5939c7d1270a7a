"""Privacy-policy versions with effective dates, and who must accept which (P15)."""
