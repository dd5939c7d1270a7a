"""Product images over the real REST API: type from the bytes, size limit, re-encoding that
drops metadata, bounded dimensions, content-addressed and immutable. Promise: P17 (appropriate
security: a photo's GPS position never leaves the server; tenant isolation)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image

from tests.accounts_helpers import Org, new_org, problem
from tests.catalogue_helpers import create, image_bytes

GPS_IFD = 0x8825
MAKE = 0x010F


@pytest.fixture
def org(client: httpx.Client) -> Org:
    return new_org(client)


def upload(client: httpx.Client, org: Org, product_id: str, data: bytes) -> httpx.Response:
    return client.put(
        f"/api/v1/products/{product_id}/image",
        headers={**org.admin, "content-type": "application/octet-stream"},
        content=data,
    )


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "TattleCam 3000"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (52.0, 22.0, 13.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 41.0)
    data = image_bytes((120, 80), "JPEG", exif=exif)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD), "the fixture has GPS"
    return data


def test_exif_and_gps_are_removed(client: httpx.Client, org: Org) -> None:
    """P17: the uploaded photo's EXIF (camera, GPS position) is not kept or served."""
    product = create(client, org.admin)
    response = upload(client, org, product["id"], photo_with_gps())
    assert response.status_code == 200, response.text
    url = response.json()["image_url"]
    served = client.get(url)
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["cache-control"] == "public, max-age=31536000, immutable"
    image = Image.open(io.BytesIO(served.content))
    assert image.size == (120, 80)
    assert not image.getexif()
    assert b"Exif" not in served.content
    assert b"TattleCam" not in served.content
    # Content-addressed: the name is the SHA-256 of the bytes served.
    assert url.rsplit("/", 1)[1] == f"{hashlib.sha256(served.content).hexdigest()}.jpg"
    assert (
        client.get(f"/api/v1/products/{product['id']}", headers=org.admin).json()["image_url"]
        == url
    )


def test_png_with_alpha_stays_png_and_large_images_are_scaled_down(
    client: httpx.Client, org: Org
) -> None:
    product = create(client, org.admin)
    response = upload(client, org, product["id"], image_bytes((3000, 1500), "PNG"))
    assert response.status_code == 200, response.text
    served = client.get(response.json()["image_url"])
    assert served.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(served.content)).size == (2048, 1024)


def test_webp_is_accepted(client: httpx.Client, org: Org) -> None:
    product = create(client, org.admin)
    response = upload(client, org, product["id"], image_bytes((30, 30), "WEBP"))
    assert response.status_code == 200, response.text
    assert response.json()["image_url"].endswith(".jpg")


@pytest.mark.parametrize(
    "data",
    [
        b"just some text, renamed lamp.png",
        b"\x89PNG\r\n\x1a\n" + b"\0" * 64,  # a PNG signature with nothing behind it
        image_bytes((20, 20), "GIF"),
        b"",
    ],
)
def test_what_is_not_a_jpeg_png_or_webp_is_refused(
    client: httpx.Client, org: Org, data: bytes
) -> None:
    product = create(client, org.admin)
    response = client.put(
        f"/api/v1/products/{product['id']}/image",
        headers={**org.admin, "content-type": "image/png"},
        content=data,
    )
    assert problem(response, 415)["code"] == "unsupported_image"
    assert (
        client.get(f"/api/v1/products/{product['id']}", headers=org.admin).json()["image_url"]
        is None
    )


def test_uploads_over_five_mebibytes_are_refused(client: httpx.Client, org: Org) -> None:
    product = create(client, org.admin)
    data = image_bytes((16, 16), "PNG") + b"\0" * (5 * 1024 * 1024)
    body = problem(upload(client, org, product["id"], data), 413)
    assert body["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:
        yield from (b"\0" * 65536 for _ in range(100))

    chunked = client.put(
        f"/api/v1/products/{product['id']}/image", headers=org.admin, content=chunks()
    )
    assert problem(chunked, 413)["code"] == "payload_too_large"


def test_replacing_an_image_retires_the_old_one(client: httpx.Client, org: Org) -> None:
    product = create(client, org.admin)
    first = upload(client, org, product["id"], image_bytes((10, 10))).json()["image_url"]
    second = upload(client, org, product["id"], image_bytes((11, 10))).json()["image_url"]
    assert first != second
    assert problem(client.get(first), 404)["code"] == "not_found"
    assert client.get(second).status_code == 200
    assert client.delete(f"/api/v1/products/{product['id']}", headers=org.admin).status_code == 204
    problem(client.get(second), 404)
