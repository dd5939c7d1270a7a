"""`videoclerk`: the clerk desktop app's entry point."""

from __future__ import annotations

import sys

from clerk_app import __version__


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(f"videoclerk {__version__}")
    return 0 if not args or args == ["--version"] else 0


if __name__ == "__main__":
    sys.exit(main())
