"""Runs that never finished: a marker written when a run starts and removed when it ends.

A run killed by the OOM killer, by `kill -9` or by a full disk cannot write its own failure
record. So each run writes `uppfoljning-P.PAGAR.json` (who, when) as soon as it holds the
period's lock, before anything else, and removes it only when its report is published or its
failure is recorded (`…MISSLYCKAD.ipynb`). A marker whose lock is free therefore belongs to a
run that died: `send` refuses to mail the older report, the index lists the run, and the next
run says so and removes the dead run's working folders (each holds a pickle of the dataset).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from hsn_analysis.runs.locking import LOCK_NAME

MARKER_SUFFIX = ".PAGAR.json"
WORK_PREFIX = ".korning-"  # the runner's working folders in the period folder


def marker_path(html: Path) -> Path:
    """The marker of the period whose report is `html`."""
    return html.with_name(html.stem + MARKER_SUFFIX)


def mark_started(html: Path, started: datetime) -> None:
    """Note that a run of this period has begun (call with the period's lock held)."""
    note = {
        "startad": started.isoformat(timespec="seconds"),
        "pid": os.getpid(),
        "dator": socket.gethostname(),
    }
    marker_path(html).write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")


def mark_finished(html: Path) -> None:
    """The run ended with a report or a recorded failure: it is no longer unfinished."""
    marker_path(html).unlink(missing_ok=True)


def unfinished_run(html: Path, *, lock_held: bool = False) -> dict[str, Any] | None:
    """The note of a run of this period that started and never finished, else None.

    With `lock_held` the caller holds the period's lock, so any marker is a dead run's; else a
    marker counts only while nobody holds the lock (a run in progress is not unfinished).
    """
    marker = marker_path(html)
    if not marker.exists():
        return None
    if not lock_held and _lock_taken(html.parent / LOCK_NAME):
        return None
    if not marker.exists():  # finished while the lock was looked at
        return None
    try:
        note = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        note = None
    return note if isinstance(note, dict) else {}


def remove_dead_work(folder: Path) -> list[Path]:
    """Remove the working folders of runs that died (call with the period's lock held: only
    the lock's holder has a working folder); returns what was removed."""
    removed = []
    for entry in folder.glob(f"{WORK_PREFIX}*"):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _lock_taken(lock: Path) -> bool:
    """Whether some process holds the lock file (flock conflicts between open files, also in
    one process); a missing or unreadable file counts as not held."""
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases a lock taken just now
    return False
