"""Small image files made on the spot, for the media tests."""

from __future__ import annotations

import io

from PIL import Image


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 48), colour: str = "teal") -> bytes:
    """A picture of one colour in ``fmt`` (PNG, JPEG, GIF, WEBP, BMP...)."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def bomb_bytes(size: tuple[int, int] = (10_000, 10_000)) -> bytes:
    """A tiny PNG file that would decode to ``size`` pixels (a decompression bomb)."""
    out = io.BytesIO()
    Image.new("1", size).save(out, format="PNG")
    return out.getvalue()
