#!/usr/bin/env python3
"""Draws the Teams app icons (our own art, standard library only): run it to rewrite color.png and outline.png.

Teams asks for (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons):
- color.png, 192x192: the full-colour icon; a solid background is fine.
- outline.png, 32x32: white (#FFFFFF) on a fully transparent background, nothing else.

The picture: a speech bubble (a conversation) holding a four-point spark (feedback that helps someone grow).
Shapes are tested per pixel on a 4x4 sub-grid, so edges are anti-aliased through alpha only.
"""
import os
import struct
import zlib

ACCENT = (0x2E, 0x4A, 0x62)  # the manifest's accentColor
SPARK = (0xF2, 0xB7, 0x05)


def rounded_rect(x, y, left, top, right, bottom, radius):
    """True inside the rectangle with rounded corners."""
    if not (left <= x <= right and top <= y <= bottom):
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def triangle(x, y, a, b, c):
    """True inside triangle abc (either winding)."""
    def side(p, q):
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    return (d1 >= 0 and d2 >= 0 and d3 >= 0) or (d1 <= 0 and d2 <= 0 and d3 <= 0)


def bubble(x, y):
    """The speech bubble in unit coordinates (0..1): a rounded body and a tail at the lower left."""
    return rounded_rect(x, y, 0.14, 0.18, 0.86, 0.70, 0.12) or triangle(x, y, (0.26, 0.62), (0.46, 0.66), (0.22, 0.86))


def spark(x, y, cx=0.50, cy=0.44, r=0.18):
    """A four-point star: |dx|^0.5 + |dy|^0.5 <= r^0.5 (an astroid)."""
    return abs(x - cx) ** 0.5 + abs(y - cy) ** 0.5 <= r ** 0.5


def render(size, shade):
    """shade(x, y) -> (r, g, b, a) for a point in unit coordinates; 4x4 supersampled."""
    n = 4
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter type 0 (none) for each scanline
        for px in range(size):
            acc = [0, 0, 0, 0]
            clear = (0, 0, 0)
            for sy in range(n):
                for sx in range(n):
                    r, g, b, a = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)
                    clear = (r, g, b)
                    acc[0] += r * a
                    acc[1] += g * a
                    acc[2] += b * a
                    acc[3] += a
            alpha = acc[3] / (n * n)
            rgb = [round(c / acc[3]) for c in acc[:3]] if acc[3] else list(clear)
            row += bytes(rgb + [round(alpha)])
        rows.append(bytes(row))
    return rows


def color_shade(x, y):
    if not rounded_rect(x, y, 0, 0, 1, 1, 0.18):
        return (0, 0, 0, 0)
    if spark(x, y):
        return (*SPARK, 255)
    if bubble(x, y):
        return (255, 255, 255, 255)
    return (*ACCENT, 255)


def outline_shade(x, y):
    # The bubble's outline (body minus a smaller copy of itself) and the spark: white, everything else clear.
    inner = bubble(0.5 + (x - 0.5) / 0.78, 0.44 + (y - 0.44) / 0.72)
    if spark(x, y, r=0.16) or (bubble(x, y) and not inner):
        return (255, 255, 255, 255)
    return (255, 255, 255, 0)


def write_png(path, size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write_png(os.path.join(here, "color.png"), 192, render(192, color_shade))
    write_png(os.path.join(here, "outline.png"), 32, render(32, outline_shade))
