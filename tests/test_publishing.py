"""A report, the board's or a unit's, is published whole or not at all: a failed move puts back
what was moved, and a run whose kernel dies is a failed run like any other."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import builders
import nbformat
import pytest
from test_unit_runner import small_dataset

from hsn_analysis import cli, paths
from hsn_analysis.periods import Period
from hsn_analysis.runs import publishing, runner
from hsn_analysis.runs.layout import ReportFiles, published_files
from hsn_analysis.runs.publishing import move_into_place as publish
from hsn_analysis.words.publishing import MSG_KERNEL_DIED


def prepared(tmp_path: Path, *, earlier: bool) -> tuple[Path, ReportFiles, Path | None]:
    files = published_files(tmp_path, Period(2025, 2))
    work = files.folder / ".korning-test"
    work.mkdir(parents=True)
    backup = None
    if earlier:
        files.backups.mkdir()
        backup = files.backups / f"{files.stem}.2025-09-05T060012.html"
    for path in files.published:
        (work / path.name).write_text(f"ny {path.suffix}", encoding="utf-8")
        if backup is not None:
            path.write_text(f"gammal {path.suffix}", encoding="utf-8")
            os.link(path, backup.with_suffix(path.suffix))
    return work, files, backup


def failing_on_html(real=os.replace):
    def replace(source, target):
        if str(target).endswith(".html"):
            raise OSError(errno.EIO, "Input/output error", str(target))
        real(source, target)

    return replace


def test_a_failed_move_puts_the_earlier_report_back_whole(tmp_path, monkeypatch):
    work, paths, backup = prepared(tmp_path, earlier=True)
    monkeypatch.setattr(publishing.os, "replace", failing_on_html())
    with pytest.raises(OSError):
        publish(work, paths, backup)
    assert [p.read_text(encoding="utf-8") for p in paths.published] == [
        "gammal .ipynb",
        "gammal .json",
        "gammal .pdf",
        "gammal .html",
    ]


def test_a_failed_first_publication_leaves_no_notebook_or_record(tmp_path, monkeypatch):
    work, paths, backup = prepared(tmp_path, earlier=False)
    monkeypatch.setattr(publishing.os, "replace", failing_on_html())
    with pytest.raises(OSError):
        publish(work, paths, backup)
    assert not any(p.exists() for p in paths.published)


def test_a_publication_moves_all_four_files(tmp_path):
    work, paths, backup = prepared(tmp_path, earlier=True)
    publish(work, paths, backup)
    assert [p.read_text(encoding="utf-8") for p in paths.published] == [
        "ny .ipynb",
        "ny .json",
        "ny .pdf",
        "ny .html",
    ]


# ---- a kernel that dies, as the OOM killer would kill it ---------------------------------------

KILL_ITSELF = "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"
# Imported by every Python process started with this folder on PYTHONPATH: it kills the kernel
# (and nothing else) before the kernel can answer its first request.
DIE_WHILE_STARTING = (
    "import os, signal, sys\n"
    "if any('ipykernel' in part for part in sys.orig_argv):\n"
    "    os.kill(os.getpid(), signal.SIGKILL)\n"
)


def arranged_death(moment: str, tmp_path: Path, monkeypatch) -> Path:
    """The stand-in notebook; killed by its own cell (`mid`) or its kernel killed as it starts."""
    if moment == "start":
        hook = tmp_path / "krok"
        hook.mkdir()
        (hook / "sitecustomize.py").write_text(DIE_WHILE_STARTING, encoding="utf-8")
        monkeypatch.setenv(
            "PYTHONPATH", os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))
        )
        return builders.tiny_notebook(tmp_path)
    return builders.tiny_notebook(tmp_path, KILL_ITSELF)


@pytest.mark.parametrize("moment", ["start", "mid"])
@pytest.mark.parametrize("unit", [None, "PV01"])
def test_a_killed_kernel_is_a_failed_run_recorded_with_one_sentence_and_no_marker_left(
    tmp_path, monkeypatch, capsys, moment, unit
):
    notebook = arranged_death(moment, tmp_path, monkeypatch)
    out = tmp_path / "ut"
    argv = ["run", "--period", "2025-T2", "--out", str(out)]
    if unit is None:
        monkeypatch.setattr(runner, "REPORT_NOTEBOOK", notebook)
        # The run's own PDF thread goes on while the kernel dies: on the example's first mål
        # it has 4 charts to draw, not 31.
        argv += ["--data", str(builders.small_example(tmp_path / "data"))]
    else:
        monkeypatch.setattr(paths, "UNIT_NOTEBOOK", notebook)
        data = small_dataset(tmp_path / "data")
        argv += ["--enhet", unit, "--data", str(data), "--today", "2025-10-01"]

    code = cli.main(argv)

    err = capsys.readouterr().err
    assert code == cli.EXIT_RUN_FAILED == 3, err
    assert f"steget notebook misslyckades: liten.ipynb: {MSG_KERNEL_DIED}" in err
    assert "Traceback" not in err and "programfel" not in err and "Kernel died" not in err
    files = published_files(out, Period(2025, 2), unit)
    assert files.failed.exists() and not files.marker.exists() and not files.html.exists()
    record = nbformat.read(files.failed, as_version=4)
    assert MSG_KERNEL_DIED in record.cells[0].source
    assert not list(files.folder.glob(".korning-*"))


def test_a_failed_run_ends_its_pdf_thread_before_it_removes_its_working_folder(
    tmp_path, monkeypatch
):
    """The PDF is made in a thread while the notebook runs; a notebook that fails at once
    must not leave that thread writing in the working folder as the run removes it (once the
    cause of a working folder left behind by a killed kernel, now and then, on a busy machine).
    """
    from hsn_analysis.runs import pdf_step

    real_prepare, wrote = pdf_step._prepare, []

    def slow_prepare(result, data, parameters, folder, *rest):
        try:  # drawn, or stopped at a chart (pdf_step.Cancelled) once the run has failed
            return real_prepare(result, data, parameters, folder, *rest)
        finally:
            time.sleep(1)  # still busy when the notebook has long failed
            (folder / "sent.txt").write_text("skrivet efter notebookens fel", encoding="utf-8")
            wrote.append(folder)

    monkeypatch.setattr(pdf_step, "_prepare", slow_prepare)
    data = builders.small_example(tmp_path / "data")
    failing = builders.tiny_notebook(tmp_path, "raise RuntimeError('planerat fel')")
    with pytest.raises(runner.RunFailed):
        runner.run_report("2025-T2", data, tmp_path / "ut", notebook=failing)
    assert len(wrote) == 1  # the thread ended, its last file written, before the run did
    assert not wrote[0].exists()
    assert not list(published_files(tmp_path / "ut", Period(2025, 2)).folder.glob(".korning-*"))
