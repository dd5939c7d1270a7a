"""videoclerk companion server: organisations, users, keys, queues and signalling."""

__version__ = "0.1.0"
