"""A report is published whole or not at all: a failed move puts back what was moved."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hsn_analysis.periods import Period
from hsn_analysis.runs import publishing
from hsn_analysis.runs.layout import report_paths
from hsn_analysis.runs.publishing import PUBLISHED, publish


def prepared(tmp_path: Path, *, earlier: bool) -> tuple[Path, dict[str, Path], Path | None]:
    paths = report_paths(tmp_path, Period(2025, 2))
    folder = paths["html"].parent
    work = folder / ".korning-test"
    work.mkdir(parents=True)
    backup = None
    if earlier:
        paths["backups"].mkdir()
        backup = paths["backups"] / f"{paths['html'].stem}.2025-09-05T060012.html"
    for key in PUBLISHED:
        (work / paths[key].name).write_text(f"ny {key}", encoding="utf-8")
        if backup is not None:
            paths[key].write_text(f"gammal {key}", encoding="utf-8")
            os.link(paths[key], backup.with_suffix(paths[key].suffix))
    return work, paths, backup


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
    assert [paths[k].read_text(encoding="utf-8") for k in PUBLISHED] == [
        "gammal notebook",
        "gammal record",
        "gammal pdf",
        "gammal html",
    ]


def test_a_failed_first_publication_leaves_no_notebook_or_record(tmp_path, monkeypatch):
    work, paths, backup = prepared(tmp_path, earlier=False)
    monkeypatch.setattr(publishing.os, "replace", failing_on_html())
    with pytest.raises(OSError):
        publish(work, paths, backup)
    assert not any(paths[k].exists() for k in PUBLISHED)


def test_a_publication_moves_all_four_files(tmp_path):
    work, paths, backup = prepared(tmp_path, earlier=True)
    publish(work, paths, backup)
    assert [paths[k].read_text(encoding="utf-8") for k in PUBLISHED] == [
        "ny notebook",
        "ny record",
        "ny pdf",
        "ny html",
    ]
