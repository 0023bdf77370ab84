"""One run per period at a time: an exclusive, non-blocking lock on a file in the period folder.

The lock is `flock(2)` on an open file, so the kernel releases it when the process ends however
it ends (a killed run never leaves a stale lock behind). The holder writes who it is into the
file, so that a refused run can say which run it met.
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path

from hsn_analysis.words.safeguards import LOCK_BUSY, LOCK_HOLDER

LOCK_NAME = ".korning.lock"


class LockBusy(Exception):
    """Another process holds the lock."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        who = f" ({holder})" if holder else ""
        super().__init__(LOCK_BUSY.format(who=who, path=path))


@contextmanager
def exclusive(path: Path, purpose: str, *, wait: bool = False) -> Iterator[None]:
    """Hold the lock at `path` for the block, or raise LockBusy at once if someone else holds it
    (with `wait`, block until it is free instead: for short critical sections).

    `purpose` (e.g. "rapport 2025-T2") is written into the file for whoever is refused.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # "a+" never truncates: a refused process must not wipe the holder's note.
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise LockBusy(path, handle.read().strip()) from None
        try:
            handle.seek(0)
            handle.truncate()
            started = datetime.now().astimezone().isoformat(timespec="seconds")
            holder = LOCK_HOLDER.format(
                purpose=purpose, pid=os.getpid(), host=socket.gethostname(), started=started
            )
            handle.write(f"{holder}\n")
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def period_lock(folder: Path, purpose: str) -> AbstractContextManager[None]:
    """The lock of one period's output folder (runs and sendings of that period)."""
    return exclusive(folder / LOCK_NAME, purpose)
