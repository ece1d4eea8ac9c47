#!/usr/bin/env python3
"""png_ink.py FILE.png X0 Y0 X1 Y1 — counts the pixels of a screenshot's region [X0,X1)x[Y0,Y1)
that are neither white nor the page's light lane greys: the "ink" of a rendered timeline.
Prints the count and, per colour family, how many pixels are reddish (panics), greenish
(recover marks) and bluish (deferred calls). A PNG reader in the standard library (zlib):
8-bit RGB or RGBA, non-interlaced, the five scanline filters — what Chromium writes.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG (depth {depth}, colour type {ctype})")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, p = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    path = sys.argv[1]
    x0, y0, x1, y1 = (int(v) for v in sys.argv[2:6])
    w, h, bpp, rows = read_png(path)
    ink = red = green = blue = 0
    for y in range(max(0, y0), min(h, y1)):
        row = rows[y]
        for x in range(max(0, x0), min(w, x1)):
            r, g, b = row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]
            if min(r, g, b) >= 235 and max(r, g, b) - min(r, g, b) < 12:
                continue  # white and the lane backgrounds
            ink += 1
            if r > g + 40 and r > b + 40:
                red += 1
            elif g > r + 30 and g > b + 10:
                green += 1
            elif b > r + 30:
                blue += 1
    print(f"{w}x{h} ink={ink} red={red} green={green} blue={blue}")


if __name__ == "__main__":
    main()
