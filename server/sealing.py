"""Secrets the server must use again (not just check) are kept sealed: encrypted with AEAD.

A password or an API key is only ever compared, so a hash suffices; a webhook signing secret
must sign every request, so it is stored encrypted instead (Tink AES-256-GCM). The keyset is
a file in the data folder (0600, created on first use), never in the database: a copy of the
database alone, or a backup of it, reveals no secret. Each ciphertext is bound to a context
(its organisation), so a sealed value moved to another row does not open.

Limitation: whoever can read the data folder can read the keyset. Keep backups of the keyset
apart from backups of the database; losing it means rotating every webhook secret.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import tink
from tink import aead, mac, secret_key_access

aead.register()
mac.register()


class Sealer:
    """Seals and opens byte strings with the keyset at `path`, creating it on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._primitive: Any = None
        self._lock = threading.Lock()

    def seal(self, plaintext: bytes, *, context: str) -> bytes:
        sealed: bytes = self._aead().encrypt(plaintext, context.encode())
        return sealed

    def open(self, sealed: bytes, *, context: str) -> bytes:
        """The plaintext; `tink.TinkError` if it was sealed elsewhere or altered."""
        plaintext: bytes = self._aead().decrypt(sealed, context.encode())
        return plaintext

    def _aead(self) -> Any:
        with self._lock:
            if self._primitive is None:
                self._primitive = _primitive(
                    self.path, aead.aead_key_templates.AES256_GCM, aead.Aead
                )
            return self._primitive


class Signer:
    """Signs and checks byte strings with the MAC keyset at `path` (HMAC-SHA256), creating it
    on first use: tokens in links the server mails (unsubscribe links) that no one can forge
    and that need no row in the database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._primitive: Any = None
        self._lock = threading.Lock()

    def sign(self, data: bytes) -> bytes:
        tag: bytes = self._mac().compute_mac(data)
        return tag

    def verify(self, tag: bytes, data: bytes) -> bool:
        try:
            self._mac().verify_mac(tag, data)
        except tink.TinkError:
            return False
        return True

    def _mac(self) -> Any:
        with self._lock:
            if self._primitive is None:
                self._primitive = _primitive(
                    self.path, mac.mac_key_templates.HMAC_SHA256_256BITTAG, mac.Mac
                )
            return self._primitive


def _primitive(path: Path, template: Any, kind: Any) -> Any:
    handle = tink.json_proto_keyset_format.parse(
        _keyset_text(path, template), secret_key_access.TOKEN
    )
    return handle.primitive(kind)


def _keyset_text(path: Path, template: Any) -> str:
    """The keyset file's text; a new keyset is written first if there is none.

    O_EXCL makes the creation safe against a second process doing the same: the loser
    reads the winner's file. The file is written under another name and renamed, so no
    process ever reads half a keyset.
    """
    if not path.exists():
        handle = tink.new_keyset_handle(template)
        text = tink.json_proto_keyset_format.serialize(handle, secret_key_access.TOKEN)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(partial, path)  # fails if another process was first
        except FileExistsError:
            pass
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
    return path.read_text()
