"""Products, keys and images for the catalogue tests."""

from __future__ import annotations

import io
import secrets
from typing import Any

import httpx
from PIL import Image

from tests.accounts_helpers import Org, bearer


def product_form(sku: str | None = None, **overrides: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "sku": f"SKU-{secrets.token_hex(4)}" if sku is None else sku,
        "name": {"en": "Desk lamp", "nl": "Bureaulamp"},
        "description": {"en": "A lamp for the desk.", "nl": "Een lamp voor op het bureau."},
        "price_minor": 4999,
        "currency": "EUR",
        "vat_rate": "21",
    }
    form.update(overrides)
    return form


COLOURS = {
    "code": "colour",
    "name": {"en": "Colour", "nl": "Kleur"},
    "choices": [
        {"code": "black", "name": {"en": "Black", "nl": "Zwart"}},
        {"code": "brass", "name": {"en": "Brass", "nl": "Messing"}, "price_delta_minor": 1500},
    ],
}


def create(client: httpx.Client, headers: dict[str, str], **form: Any) -> dict[str, Any]:
    response = client.post("/api/v1/products", headers=headers, json=product_form(**form))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def key(client: httpx.Client, org: Org, *scopes: str) -> dict[str, str]:
    response = client.post(
        "/api/v1/api-keys", headers=org.admin, json={"name": "shop", "scopes": list(scopes)}
    )
    response.raise_for_status()
    return bearer(str(response.json()["secret"]))


def image_bytes(size: tuple[int, int] = (64, 48), fmt: str = "JPEG", **save: Any) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, (200, 120, 40)).save(out, fmt, **save)
    return out.getvalue()
