"""The clerk's offer during a call (docs/offers.md): a Qt-free service and editor, and the
panel in the call window that binds to their Qt model."""
