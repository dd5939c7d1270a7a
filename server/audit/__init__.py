"""The audit trail: who did what, when, from which IP (P9), per organisation."""
