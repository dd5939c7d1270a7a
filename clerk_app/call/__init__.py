"""One call: media and signalling (Qt-free)."""
