"""A run that dies or cannot write is known as unfinished by `send`, `index` and the next `run`;
nothing is half published and the previous report stays as it was."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import hsn_report, small_example, tiny_notebook

from hsn_analysis import cli
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.runs import runner
from hsn_analysis.runs.attempts import mark_started, marker_path, unfinished_run
from hsn_analysis.runs.index import write_index
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.locking import period_lock
from hsn_analysis.runs.published import LatestRunFailed, published_report

ROOT = Path(__file__).resolve().parent.parent
T2 = Period(2025, 2)


@pytest.fixture
def published(example_report, tmp_path) -> Path:
    """An output folder holding a good 2025-T2 report (a copy of the session's)."""
    out = tmp_path / "ut"
    shutil.copytree(example_report.html.parent.parent, out)
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device", "result.pickle")


def test_a_full_disk_keeps_the_previous_report_and_leaves_the_run_unfinished(
    published, monkeypatch
):
    folder = published / T2.code
    before = files_of(folder)
    monkeypatch.setattr(runner, "save_result", full_disk)
    dataset = load_dataset(EXAMPLE_DATA)

    with pytest.raises(runner.OutputFailed) as failed:
        # The failure comes before the kernel is used: a stand-in is enough.
        runner.produce_report(dataset, T2, EXAMPLE_DATA, published, kernel=object())

    assert "disken är full" in str(failed.value)
    assert "tidigare rapport för perioden finns kvar orörd" in str(failed.value)
    after = files_of(folder)
    marker = after.pop(marker_path(published_files(published, T2).html).name)
    assert json.loads(marker)["pid"] == os.getpid()
    after.pop(".korning.lock")
    before.pop(".korning.lock")
    assert after == before  # nothing half published
    assert not list(folder.glob(".korning-*"))  # the pickle went with the working folder
    with period_lock(folder, "test"), pytest.raises(LatestRunFailed, match="avslutades aldrig"):
        published_report(published, T2)
    page = write_index(published).read_text(encoding="utf-8")
    assert "avslutades aldrig" in page


def test_a_run_in_progress_is_not_unfinished(published):
    html = published_files(published, T2).html
    with period_lock(html.parent, "rapport 2025-T2"):
        mark_started(html, runner.datetime.now().astimezone())
        assert unfinished_run(html) is None  # its lock is held: it is running
    assert unfinished_run(html) is not None  # lock free, marker left: it died


def test_a_killed_run_is_known_to_send_index_and_the_next_run(
    published, tmp_path, monkeypatch, capsys
):
    folder = published / T2.code
    report = (folder / "uppfoljning-2025-T2.html").read_bytes()
    # The example's first mål: the run is killed before its notebook ends, and the next run's
    # notebook is a stand-in; what is under test is what they leave and find.
    data = small_example(tmp_path / "data")
    command = [sys.executable, "-m", "hsn_analysis", "run", "--period", "2025-T2"]
    # Its own session: the kill takes the kernel too, as the OOM killer or systemd would.
    process = subprocess.Popen(
        [*command, "--out", str(published), "--data", str(data)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not list(folder.glob(".korning-*/result.pickle")):
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert list(folder.glob(".korning-*"))  # the dead run left its working folder

    config = tmp_path / "mottagare.toml"
    config.write_text(
        'avsandare = "a@region.example"\nmottagare = ["b@region.example"]\n'
        '[smtp]\nserver = "127.0.0.1"\nsakerhet = "ingen"\n',
        encoding="utf-8",
    )
    sent = hsn_report(
        "send", "--period", "2025-T2", "--out", str(published), "--config", str(config), "--dry-run"
    )
    assert sent.returncode == 3, sent.stderr
    assert "avslutades aldrig" in sent.stderr
    assert not (folder / "uppfoljning-2025-T2.eml").exists()

    index = hsn_report("index", "--out", str(published))
    assert index.returncode == 0, index.stderr
    assert "avslutades aldrig" in (published / "index.html").read_text(encoding="utf-8")
    assert (folder / "uppfoljning-2025-T2.html").read_bytes() == report

    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", tiny_notebook(tmp_path))
    again = cli.main(["run", "--period", "2025-T2", "--out", str(published), "--data", str(data)])
    err = capsys.readouterr().err
    assert again == cli.EXIT_OK, err
    assert "Den förra körningen av 2025-T2" in err
    assert not list(folder.glob(".korning-*"))
    assert unfinished_run(folder / "uppfoljning-2025-T2.html") is None
