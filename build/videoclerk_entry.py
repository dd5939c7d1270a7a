"""The desktop bundle's entry script (PyInstaller needs a file): clerk_app.main:main."""

import sys

from clerk_app.main import main

sys.exit(main())
