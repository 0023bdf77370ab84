"""A range of periods in one command: every report published in its own folder, side by side,
and one failure does not stop the others."""

from __future__ import annotations

import json

import builders
import pytest

from hsn_analysis import cli
from hsn_analysis.periods import Period, period_range
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.runs.batch import pool_size, run_batch
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.locking import period_lock
from hsn_analysis.runs.runner import RunFailed

T1, T2, T3 = Period(2024, 1), Period(2024, 2), Period(2024, 3)


@pytest.mark.parametrize(
    ("jobs", "runs", "cores", "expected"),
    [
        (1, 6, 2, 1),
        (2, 6, 2, 2),
        (8, 6, 2, 2),  # never more than the cores
        (4, 3, 8, 3),  # never more than the reports
        (2, 1, 2, 1),
    ],
)
def test_pool_size_is_the_jobs_asked_for_within_cores_and_reports(jobs, runs, cores, expected):
    assert pool_size(jobs, runs, cores) == expected


# The batch is under test, not the report: a stand-in notebook on one delmål of the example's
# first mål (`builders.small_example`, D1.2 with its two indicators) runs each report in about
# a second, its PDF thread drawing 3 charts.
@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return builders.small_example(tmp_path_factory.mktemp("data"), subgoals=("D1.2",))


@pytest.fixture(scope="module")
def dataset(data):
    return load_dataset(data)


def test_every_period_of_a_batch_is_published_in_its_own_folder(tmp_path, data, dataset):
    notebook = builders.tiny_notebook(tmp_path)
    seen = []
    periods = period_range(T1, T3)
    result = run_batch(
        dataset,
        periods,
        data,
        tmp_path / "ut",
        jobs=2,
        notebook=notebook,
        on_finished=lambda report, n, total: seen.append((report.period, n, total)),
    )
    assert result.failed == []
    assert [f.period for f in result.done] == periods
    assert sorted(n for _, n, _ in seen) == [1, 2, 3] and {t for _, _, t in seen} == {3}
    for finished in result.done:
        paths = published_files(tmp_path / "ut", finished.period)
        assert finished.result.html == paths.html
        assert f"för {finished.period.code}" in paths.html.read_text(encoding="utf-8")
        record = json.loads(paths.record.read_text(encoding="utf-8"))
        assert record["period"] == finished.period.code
    index = (tmp_path / "ut" / "index.html").read_text(encoding="utf-8")
    assert all(p.code in index for p in periods)


def test_a_failing_report_is_listed_while_the_others_are_published(tmp_path, data, dataset):
    notebook = builders.tiny_notebook(
        tmp_path, 'assert period != "2024-T2", "planerat fel för 2024-T2"'
    )
    out = tmp_path / "ut"
    result = run_batch(dataset, period_range(T1, T3), data, out, jobs=2, notebook=notebook)

    assert [f.period for f in result.failed] == [T2]
    error = result.failed[0].error
    assert isinstance(error, RunFailed) and "planerat fel för 2024-T2" in str(error)
    assert error.kept == published_files(out, T2).failed and error.kept.exists()
    assert not published_files(out, T2).html.exists()
    assert published_files(out, T1).html.exists() and published_files(out, T3).html.exists()


def test_the_command_runs_a_range_and_exits_5_naming_the_period_whose_lock_is_held(
    tmp_path, data, capsys, monkeypatch
):
    from hsn_analysis.runs import runner

    # The scheduling is under test, not the report: the stand-in notebook runs in a second.
    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", builders.tiny_notebook(tmp_path))
    out = tmp_path / "ut"
    with period_lock(published_files(out, T2).html.parent, "en annan körning"):
        argv = ["run", "--period", "2024-T1..2024-T2", "--jobs", "2", "--out", str(out)]
        code = cli.main([*argv, "--data", str(data)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_BUSY
    assert captured.out.strip() == str(published_files(out, T1).html)
    assert published_files(out, T1).html.exists()
    assert "2 rapporter, 2024-T1 till 2024-T2, 2 åt gången" in captured.err
    assert "[1/2]" in captured.err and "[2/2]" in captured.err
    assert "1 av 2 rapporter misslyckades: 2024-T2" in captured.err
    assert "en annan körning" in captured.err  # who holds the lock


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--period", "2020-T3..2021-T1"], "2020-T3: data saknas för 2020-T3"),
        (["--period", "2024-T3..2024-T1"], "perioden 2024-T3 kommer efter 2024-T1"),
        (["--period", "2024-T1..2024-T2", "--send"], "--send gäller en period åt gången"),
    ],
)
def test_a_range_that_cannot_be_run_as_written_exits_2_before_any_report(
    tmp_path, capsys, argv, message
):
    code = cli.main(["run", *argv, "--out", str(tmp_path / "ut")])
    assert code == cli.EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "ut").exists()


@pytest.mark.parametrize("jobs", ["0", "-1", "två"])
def test_jobs_must_be_a_positive_whole_number(tmp_path, capsys, jobs):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["run", "--period", "2024-T1..2024-T2", "--jobs", jobs])
    assert exit_.value.code == cli.EXIT_USAGE
    assert "inget heltal större än 0" in capsys.readouterr().err


def test_more_jobs_than_cores_runs_at_most_one_report_per_core(tmp_path, data, capsys, monkeypatch):
    import os

    from hsn_analysis.runs import runner

    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", builders.tiny_notebook(tmp_path))
    cores = os.cpu_count() or 1
    out = tmp_path / "ut"
    argv = ["run", "--period", "2025-T1..2025-T2", "--jobs", "64", "--out", str(out)]
    code = cli.main([*argv, "--data", str(data)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_OK
    at_once = min(2, cores)
    assert (
        f"2 rapporter, 2025-T1 till 2025-T2, {at_once} åt gången (--jobs 64, men {cores} kärnor)"
        in err
    )
    assert "Alla 2 rapporter klara" in err


def test_an_unexpected_fault_in_a_report_is_logged_with_its_traceback(
    tmp_path, data, capsys, monkeypatch
):
    from hsn_analysis.runs import runner

    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", tmp_path / "saknas.ipynb")
    argv = ["run", "--period", "2025-T2..2025-T2", "--out", str(tmp_path / "ut")]
    code = cli.main([*argv, "--data", str(data)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BUG  # as for one report: a fault of the program, not of the run
    assert "[1/1] 2025-T2 misslyckades" in err and "saknas.ipynb" in err
    assert "Traceback (most recent call last)" in err
    assert "1 av 1 rapport misslyckades: 2025-T2" in err
