"""Offer suggestions to clerks from the organisation's own aggregated offer outcomes (P16)."""
