"""Wait until a videoclerk server answers /health (for `make run`); exit 1 after a timeout.

python tools/wait_for_server.py http://127.0.0.1:8080 [seconds]
"""

from __future__ import annotations

import sys
import time

import httpx


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    url = argv[0].rstrip("/")
    deadline = time.monotonic() + (float(argv[1]) if len(argv) > 1 else 30.0)
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return 0
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    print(f"The server at {url} did not start (is the port in use?).", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
