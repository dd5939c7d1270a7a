"""Garbage-collector settings for a process that holds thousands of sockets.

Measured with 5,000 waiting visitors (bench/queue_scale.py): the process tracks about 750,000
objects, and a full collection stalls the event loop for 0.4–0.8 s on a loaded 2-core machine.
With CPython's default threshold (700), a collection runs in the middle of one `take`'s position
fan-out, finds its short-lived messages and send tasks alive, and promotes them; after some
forty takes the promoted garbage triggers such a full collection, and one clerk in forty waits
for it. A higher first threshold lets that garbage die young, so full collections follow real
growth (new visitors) only; freezing what start-up built keeps it out of every collection.
Measured over 200 takes: 17 full collections of about 340 ms at 700, one at 10,000 or 50,000;
a higher threshold holds more garbage (single runs at 1,000 visitors: about 0.3 KiB each at
10,000, 1.2 at 50,000), so 10,000.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000


def tune_for_many_sockets() -> None:
    """Call once the app is built, just before serving."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    gc.freeze()
