"""Webhooks to an organisation's endpoint (Standard Webhooks), sent from an outbox after commit."""
