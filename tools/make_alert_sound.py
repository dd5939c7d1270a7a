"""Writes resources/sounds/visitor-waiting.wav: the clerk app's "a visitor is waiting" alert,
a 150 ms two-tone chime with soft edges (no click), mono 16-bit at 44.1 kHz."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
TONES = ((880.0, 0.075), (1320.0, 0.075))  # Hz, seconds
FADE_S = 0.008
AMPLITUDE = 0.35


def samples() -> list[int]:
    out: list[int] = []
    for frequency, seconds in TONES:
        count = int(RATE * seconds)
        fade = int(RATE * FADE_S)
        for n in range(count):
            envelope = min(1.0, n / fade, (count - 1 - n) / fade)
            value = AMPLITUDE * envelope * math.sin(2 * math.pi * frequency * n / RATE)
            out.append(round(value * 32767))
    return out


def main() -> None:
    path = Path(__file__).resolve().parents[1] / "resources" / "sounds" / "visitor-waiting.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        data = samples()
        wav.writeframes(struct.pack(f"<{len(data)}h", *data))
    print(path)


if __name__ == "__main__":
    main()
