"""Live queue and presence for the clerk (Qt-free)."""
