"""Admin screens: one sub-package per area (users, keys, widgets, catalogue, audit).

Each area has a Qt-free `service` (coroutines returning frozen dataclasses over `AdminApi`,
api.py), a Qt `model` with named roles, a `tab` and its `dialogs`; `base` holds the Qt building
blocks they share and `panel` the AdminPanel that hosts the tabs listed in `panel.AREAS`.
Adding an area is one sub-package plus one line in `AREAS`.
"""
