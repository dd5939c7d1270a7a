"""The admin's Privacy tab: the organisation's details, restrictions, export and erasures."""
