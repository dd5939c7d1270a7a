"""The admin's Data requests tab: the organisation's details, restrictions, export and erasures."""
