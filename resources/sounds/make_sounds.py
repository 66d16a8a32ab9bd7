"""Write the short scan tones in this folder (run once; the .wav files are committed).

    python resources/sounds/make_sounds.py

Each tag gets its own pattern so a technician can tell them apart without looking:
one high blip for In Scope, two low tones for Not in Scope, a falling pair for an unknown
barcode, a soft short tick for a repeat, a rising pair for a location, a low buzz when a
scan was not saved.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
VOLUME = 0.35

# name: list of (frequency Hz, duration s); frequency 0 is a pause
PATTERNS: dict[str, list[tuple[float, float]]] = {
    "in_scope": [(1320, 0.09)],
    "not_in_scope": [(330, 0.12), (0, 0.05), (330, 0.12)],
    "unknown": [(660, 0.1), (0, 0.03), (440, 0.14)],
    "already_scanned": [(880, 0.05)],
    "location": [(660, 0.07), (990, 0.09)],
    "error": [(180, 0.3)],
}


def samples(pattern: list[tuple[float, float]]) -> bytes:
    out = bytearray()
    for frequency, duration in pattern:
        count = int(RATE * duration)
        fade = min(count // 2, int(RATE * 0.008))  # short ramps: no clicks
        for n in range(count):
            envelope = min(1.0, n / fade if fade else 1.0, (count - n) / fade if fade else 1.0)
            value = math.sin(2 * math.pi * frequency * n / RATE) if frequency else 0.0
            out += struct.pack("<h", int(32767 * VOLUME * envelope * value))
    return bytes(out)


def main() -> None:
    folder = Path(__file__).resolve().parent
    for name, pattern in PATTERNS.items():
        with wave.open(str(folder / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(samples(pattern))


if __name__ == "__main__":
    main()
