"""Leases on jobs, so that a job several server processes run goes on in only one of them.

A process that wants to run a job (the retention job, the mail sender) takes the job's lease
until a moment; it holds it while it renews it in time. Another process gets the lease only
once it has run out: when its holder stopped, crashed or hung. The lease lives in the
shared database, so it holds across processes on one data folder.
"""

from __future__ import annotations

from server.security import new_id

THIS_PROCESS = new_id("proc")
"""This server process, as a lease's holder."""
