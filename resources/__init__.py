"""The files videoclerk ships beside its code, installed as the package `videoclerk_resources`.

This folder is `resources/` in the repository and `videoclerk_resources` once installed
(pyproject.toml maps the one to the other), so code finds it the same way in a checkout, a
wheel and a desktop bundle: `importlib.resources.files("videoclerk_resources")`, never a path
relative to the source tree.

- widget/: the visitor's loader script and call panel, served by the server;
- translations/: the clerk app's Dutch texts (.ts in git; `make translations` builds the .qm
  files the app loads, and a wheel built after it ships them);
- sounds/: the clerk app's "a visitor is waiting" chime.
"""
