"""Request bodies read with a size limit, for routes that take more than a small JSON form."""

from __future__ import annotations

from fastapi import Request

from server.problems import ProblemError


def too_large(limit: int) -> ProblemError:
    return ProblemError(
        413,
        "payload_too_large",
        f"The request body is larger than {limit:,} bytes.",
        limit_bytes=limit,
    )


async def read_limited(request: Request, limit: int) -> bytes:
    """The whole body, refused with 413 as soon as it passes `limit` bytes.

    A declared Content-Length over the limit is refused before anything is read; a chunked
    body is counted as it arrives, so no upload is ever held in memory beyond the limit.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)
