"""Product images: the type from the bytes, re-encoded without metadata, bounded in size.

Re-encoding from pixels is what drops EXIF (camera, GPS position), XMP, ICC profiles and
comments; the orientation EXIF asks for is applied to the pixels first.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from server.catalogue.models import ProductImage
from server.problems import ProblemError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 2048
"""Larger images are scaled down to this many pixels on the long side."""
MAX_PIXELS = 40_000_000
"""Refused before decoding: a small file can claim a huge canvas (a decompression bomb)."""
ACCEPTED = {"JPEG", "PNG", "WEBP"}


def _refuse(detail: str) -> ProblemError:
    return ProblemError(415, "unsupported_image", f"{detail} Send a JPEG, PNG or WebP image.")


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED:
                raise _refuse(f"This is a {image.format} image.")
            if image.width * image.height > MAX_PIXELS:
                raise ProblemError(
                    422,
                    "image_too_large",
                    f"The image has more than {MAX_PIXELS:,} pixels; scale it down first.",
                )
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Warning) as exc:
        raise _refuse("The file is not an image this server can read.") from exc
    return image


def process(data: bytes) -> ProductImage:
    """Check, orient, downscale and re-encode an upload (JPEG, or PNG when it has alpha)."""
    image = ImageOps.exif_transpose(_open(data))
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        media_type, extension = "image/png", "png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        media_type, extension = "image/jpeg", "jpg"
    encoded = out.getvalue()
    name = f"{hashlib.sha256(encoded).hexdigest()}.{extension}"
    return ProductImage(name, media_type, image.width, image.height, encoded)
