"""Outgoing mail: written to an outbox table in the sender's transaction, sent after commit."""
