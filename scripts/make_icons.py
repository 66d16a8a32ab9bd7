"""Render the application icon from resources/icons/app.svg to app.png, app.ico and app.icns.

    python scripts/make_icons.py

The bundle needs a raster icon in each system's own format (PyInstaller converts other
formats only with Pillow, which the build does not need otherwise): .ico for the Windows
executables, .icns for the macOS .app, .png for the window; the SVG stays the one source.
The .ico holds PNG images of the usual sizes (Windows Vista and later read PNG-compressed
icon entries); the .icns is Apple's container of PNG images, one per size and density
(macOS 10.7 and later read PNG entries of every type written here).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256
# .icns entry types holding PNG data, and the pixels of each (the @2x types are the Retina
# images of half their size)
ICNS_TYPES = (
    ("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
    ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512),
)  # fmt: skip


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico file whose entries are PNG images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(images: dict[str, bytes]) -> bytes:
    """An .icns file: "icns", its length, then each entry's type, length and PNG data
    (lengths big-endian, each counting its own 8-byte header)."""
    entries = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(png)) + png for kind, png in images.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(entries)) + entries


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    if not renderer.isValid():
        print(f"Cannot read {ICONS / 'app.svg'}.", file=sys.stderr)
        return 1
    (ICONS / "app.png").write_bytes(render(renderer, PNG_SIZE))
    (ICONS / "app.ico").write_bytes(ico({size: render(renderer, size) for size in ICO_SIZES}))
    rendered = {size: render(renderer, size) for size in {size for _, size in ICNS_TYPES}}
    (ICONS / "app.icns").write_bytes(icns({kind: rendered[size] for kind, size in ICNS_TYPES}))
    sizes = ", ".join(map(str, ICO_SIZES))
    print(f"Wrote {ICONS / 'app.png'}, {ICONS / 'app.ico'} ({sizes} px) and {ICONS / 'app.icns'}.")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
