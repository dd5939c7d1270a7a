"""Supervisor view: live queue figures, clerk states and the waiting chart.

`figures` is Qt-free; `models` and `view` are the PySide6 side.
"""
