"""videoclerk clerk desktop app: a Qt-free core under a thin PySide6 shell."""

__version__ = "0.1.0"
