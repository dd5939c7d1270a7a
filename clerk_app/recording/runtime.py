"""The recorder and the uploader, wired to the clerk's sessions (Qt-free).

Each log-in brings a desk, a server and a token: the recorder follows that desk, and the
uploader sends to that server. Recordings wait in a spool folder per server, so that a clerk
who logs in to another server never sends them there; the upload URLs kept by recording id
live beside the app's data, not in the spool (whose `.json` files are recordings). A new
log-in to the same server goes on with the same uploader and the new token.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from clerk_app.queue.desk import ClerkDesk
from clerk_app.recording.recorder import Recorder
from clerk_app.recording.spool import Spool
from clerk_app.recording.uploader import Uploads


def server_folder_name(base_url: str) -> str:
    """A file name for a server address: `https://video.example.com:8443` gives
    `https_video.example.com_8443`."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", base_url).strip("_")


class RecordingRuntime:
    def __init__(self) -> None:
        self.uploads: Uploads | None = None
        self.recorder: Recorder | None = None
        # The server, spool and route (TLS trust, proxy) of `uploads`.
        self._where: tuple[str, Path, str | bool, str | None] | None = None
        self._task: asyncio.Task[None] | None = None

    def open(
        self,
        desk: ClerkDesk,
        *,
        server_url: str,
        token: str,
        verify: str | bool,
        proxy: str | None = None,
        spool_root: Path,
        data_dir: Path,
    ) -> Uploads:
        """A session starts (before its desk does): record the desk's calls, and upload what
        waits for this server. Call `close` first when another session was open."""
        name = server_folder_name(server_url)
        where = (server_url, spool_root, verify, proxy)
        uploads = self.uploads
        if uploads is None or self._where != where:
            uploads = Uploads(
                Spool(spool_root / name),
                server_url=server_url,
                token=token,
                store_path=data_dir / "uploads" / f"{name}.json",
                verify=verify,
                proxy=proxy,
            )
            self.uploads, self._where = uploads, where
        else:
            uploads.set_token(token)
            uploads.resume()
        self.recorder = Recorder(desk, uploads.spool, on_ready=uploads.enqueue)
        self._task = asyncio.get_running_loop().create_task(uploads.run(), name="uploads")
        return uploads

    async def close(self) -> None:
        """The session ends (log-out, session ended, quitting): what was being recorded is
        finished and kept in the spool; uploading stops after the chunk in flight."""
        recorder, self.recorder = self.recorder, None
        if recorder is not None:
            await recorder.close()
        task, self._task = self._task, None
        if self.uploads is not None:
            await self.uploads.stop()
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
