"""Offers: priced proposals a clerk builds during a call (docs/offers.md)."""
