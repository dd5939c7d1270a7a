"""Marketing mail, opt-in per user, ended by one click; and the operator's service notices (P13)."""
