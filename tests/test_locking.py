"""One run per period at a time: the lock refuses a second holder and outlives no process."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from hsn_analysis.runs.locking import LockBusy, exclusive, period_lock

HOLD = """
import sys, time
from pathlib import Path
from hsn_analysis.runs.locking import exclusive
with exclusive(Path(sys.argv[1]), "rapport 2025-T2 (test)"):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path):
    """Another process that holds the lock at tmp_path/.korning.lock until killed."""
    path = tmp_path / ".korning.lock"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "held"
    yield process, path
    process.kill()
    process.wait()


def test_a_second_holder_is_refused_at_once_and_told_who_holds_the_lock(holder):
    process, path = holder
    started = time.monotonic()
    with pytest.raises(LockBusy) as caught, exclusive(path, "rapport 2025-T2"):
        pytest.fail("the lock was taken twice")
    assert time.monotonic() - started < 5  # refused, not queued
    assert f"pid {process.pid}" in str(caught.value)
    assert "rapport 2025-T2 (test)" in caught.value.holder
    assert str(path) in str(caught.value)


def test_a_killed_holder_leaves_no_stale_lock(holder):
    process, path = holder
    process.kill()
    process.wait()
    with exclusive(path, "efter"):
        assert "efter" in path.read_text(encoding="utf-8")


def test_the_lock_is_free_again_after_the_block_even_when_it_raised(tmp_path):
    path = tmp_path / "las"
    with pytest.raises(RuntimeError), exclusive(path, "första"):
        raise RuntimeError("fel i körningen")
    with exclusive(path, "andra"):
        assert f"pid {os.getpid()}" in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == ""  # no holder named after release


def test_the_same_process_cannot_take_a_period_lock_twice(tmp_path):
    with (
        period_lock(tmp_path, "rapport"),
        pytest.raises(LockBusy),
        period_lock(tmp_path, "rapport igen"),
    ):
        pass


def test_different_periods_have_different_locks(tmp_path):
    with period_lock(tmp_path / "2025-T1", "a"), period_lock(tmp_path / "2025-T2", "b"):
        assert (tmp_path / "2025-T1" / ".korning.lock").exists()


def test_wait_blocks_until_the_holder_is_done(tmp_path):
    path = tmp_path / "las"
    order = []

    def second():
        with exclusive(path, "väntar", wait=True):
            order.append("second")

    with exclusive(path, "först"):
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=0.3)
        assert thread.is_alive()  # still waiting while the first holds the lock
        order.append("first")
    thread.join(timeout=5)
    assert order == ["first", "second"]
