"""A batch of unit reports tells each report as it ends, with the pace and the time left, not
when a whole chunk is done."""

from __future__ import annotations

import re

import builders
import pytest
from test_unit_runner import T2, first_reports, published, small
from test_validation import TODAY

from hsn_analysis import paths
from hsn_analysis.cli.main import main
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.locking import period_lock
from hsn_analysis.runs.published import LatestRunFailed, published_report
from hsn_analysis.runs.unit_batch import run_unit_reports
from hsn_analysis.words.publishing import duration_text, pace_text

__all__ = ["first_reports", "published", "small"]  # test_unit_runner's fixtures, shared

# The stand-in notebook, waiting (at most 60 s) until the batch has told that the report before
# it in its chunk is finished: only a batch that tells each report as it ends lets it go on.
WAIT_FOR_THE_ONE_BEFORE = """
import pathlib, time
before = {"PV02": "PV01", "SV01": "PV01"}.get(enhet)
gate = pathlib.Path(GATES) / str(before)
deadline = time.monotonic() + 60
while before and not gate.exists():
    assert time.monotonic() < deadline, f"{before} was never told as finished"
    time.sleep(0.05)
"""


def test_each_report_is_told_as_it_ends_while_its_chunk_goes_on(small, tmp_path):
    data, dataset = small
    gates = tmp_path / "grindar"
    gates.mkdir()
    notebook = builders.tiny_notebook(
        tmp_path, WAIT_FOR_THE_ONE_BEFORE.replace("GATES", repr(str(gates)))
    )
    told = []

    def on_finished(result, n, total):
        told.append((result.unit_id, result.error, n, total))
        (gates / result.unit_id).touch()

    # One chunk: PV01, then PV02 and SV01, which wait until PV01 has been told.
    results = run_unit_reports(
        dataset,
        T2,
        ["PV01", "PV02", "SV01"],
        data,
        tmp_path / "ut",
        notebook=notebook,
        on_finished=on_finished,
    )
    assert [r.error for r in results] == [None, None, None]
    assert told == [("PV01", None, 1, 3), ("PV02", None, 2, 3), ("SV01", None, 3, 3)]


def test_the_command_logs_a_line_per_report_with_the_pace_and_the_time_left(
    small, tmp_path, monkeypatch, capsys
):
    data, _ = small
    monkeypatch.setattr(paths, "UNIT_NOTEBOOK", builders.tiny_notebook(tmp_path))
    args = ["--data", str(data), "--out", str(tmp_path / "ut"), "--today", TODAY.isoformat()]
    assert main(["run", "--period", "2025-T2", "--enhet", "alla", "--jobs", "2", *args]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "] " in line]
    pattern = r"\[(\d)/3\] (PV01|PV02|SV01) klar på [\d,]+ s; [\d,]+ rapporter per minut, (.*)"
    found = [re.search(pattern, line) for line in lines]
    assert all(found), lines
    assert sorted(int(m.group(1)) for m in found) == [1, 2, 3]
    assert [m.group(3) for m in found][-1] == "alla klara"
    assert all(re.fullmatch(r"ungefär \d+ (s|min) kvar", m.group(3)) for m in found[:-1])


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.2, "1 s"), (40, "40 s"), (89, "89 s"), (90, "2 min"), (720, "12 min"), (7500, "2 h 5 min")],
)
def test_time_left_is_as_precise_as_it_is_worth(seconds, text):
    assert duration_text(seconds) == text


def test_the_pace_is_reports_per_minute_and_the_rest_at_that_pace():
    # 10 of 500 in 245 s: 2,4 per minute, 490 left take 12 005 s.
    assert pace_text(10, 500, 245.0) == "2,4 rapporter per minut, ungefär 3 h 20 min kvar"
    assert pace_text(500, 500, 245.0) == "122,4 rapporter per minut, alla klara"


def test_a_units_published_report_is_found_by_one_function_and_not_after_a_failed_run(
    small, published, tmp_path
):
    data, dataset = small
    out = published  # PV01's report was published by a run
    with period_lock(published_files(out, T2, "PV01").folder, "utskick"):
        report = published_report(out, T2, "PV01")
    assert report.html == published_files(out, T2, "PV01").html
    assert report.record["enhet_id"] == "PV01" and report.files.pdf is None

    failing = builders.tiny_notebook(tmp_path, "raise RuntimeError('planerat fel')")
    [failed] = run_unit_reports(dataset, T2, ["PV01"], data, out, notebook=failing)
    assert failed.kept == published_files(out, T2, "PV01").failed
    with period_lock(report.folder, "utskick"), pytest.raises(LatestRunFailed, match="PV01"):
        published_report(out, T2, "PV01")
