"""Re-running a period: the new report replaces the old at once, the old is kept, one run at a
time. A tiny notebook stands in for the report notebook and the example's first mål for its
data (`builders.small_example`), and the runs of this module share one started kernel
(`runner.run_report(kernel=)`): what is under test is what a run leaves in its
folder, not the kernel it starts (test_kernel), so these runs take about a second."""

from __future__ import annotations

import json
from datetime import date

import builders
import pytest

from hsn_analysis.periods import Period
from hsn_analysis.reading.period_choice import PeriodNotReady
from hsn_analysis.runs import runner
from hsn_analysis.runs.kernel import running_kernel
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.locking import LockBusy, period_lock

T2 = Period(2025, 2)


@pytest.fixture
def tiny_notebook(tmp_path):
    return builders.tiny_notebook(tmp_path)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """The example's first mål (read only: no test changes it)."""
    return builders.small_example(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def kernel():
    """One kernel for the module's runs: the stand-in notebook sets every name it uses."""
    with running_kernel() as manager:
        yield manager


@pytest.fixture
def run(data, kernel):
    """A run of the report on the small example data with the notebook given."""

    def run(out, notebook, period="2025-T2", **kwargs):
        return runner.run_report(period, data, out, notebook=notebook, kernel=kernel, **kwargs)

    return run


def test_a_rerun_replaces_the_report_and_keeps_the_previous_one_dated(run, tmp_path, tiny_notebook):
    out = tmp_path / "ut"
    first = run(out, tiny_notebook)
    first_files = {k: getattr(first, k).read_bytes() for k in ("html", "notebook", "record", "pdf")}
    first_started = json.loads(first_files["record"])["startad"]

    second = run(out, tiny_notebook)
    assert second.html == first.html
    assert json.loads(second.record.read_text(encoding="utf-8"))["startad"] >= first_started

    backups = sorted(published_files(out, T2).backups.iterdir())
    stamp = first_started[:10] + "T" + first_started[11:19].replace(":", "")
    assert [p.name for p in backups] == [
        f"uppfoljning-2025-T2.{stamp}.html",
        f"uppfoljning-2025-T2.{stamp}.ipynb",
        f"uppfoljning-2025-T2.{stamp}.json",
        f"uppfoljning-2025-T2.{stamp}.pdf",
    ]
    assert backups[0].read_bytes() == first_files["html"]
    assert backups[1].read_bytes() == first_files["notebook"]
    assert backups[2].read_bytes() == first_files["record"]
    assert backups[3].read_bytes() == first_files["pdf"]


def test_three_runs_within_a_second_keep_every_earlier_report(run, tmp_path, tiny_notebook):
    out = tmp_path / "ut"
    htmls = []
    for _ in range(3):
        htmls.append(run(out, tiny_notebook).html.read_bytes())
    kept = sorted(published_files(out, T2).backups.glob("*.html"))
    assert len(kept) == 2
    assert {p.read_bytes() for p in kept} == set(htmls[:2])


def test_the_run_record_carries_what_the_index_and_the_mail_need(run, tmp_path, tiny_notebook):
    import hashlib

    result = run(out := tmp_path / "ut", tiny_notebook)
    record = json.loads(result.record.read_text(encoding="utf-8"))
    assert record["html_sha256"] == hashlib.sha256(result.html.read_bytes()).hexdigest()
    assert record["titel"].startswith(record["namnd"])
    assert record["exempeldata"] is True
    assert [d["delmal_id"] for d in record["delmal_lista"]][:2] == ["D1.1", "D1.2"]
    assert {d["status"] for d in record["delmal_lista"]} <= {"gron", "gul", "rod", "ej_bedomd"}
    counts = record["delmal"]
    assert counts["uppnas_ej"] == sum(d["status"] == "rod" for d in record["delmal_lista"])
    assert (out / "index.html").exists()


def test_a_run_of_a_period_that_is_running_is_refused_and_changes_nothing(
    run, tmp_path, tiny_notebook
):
    out = tmp_path / "ut"
    first = run(out, tiny_notebook)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with period_lock(first.html.parent, "en annan körning"), pytest.raises(LockBusy) as caught:
        run(out, tiny_notebook)
    assert "en annan körning" in str(caught.value)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert all(after[p] == before[p] for p in before if p.name != ".korning.lock")


def test_another_period_may_run_while_one_is_locked(run, tmp_path, tiny_notebook):
    out = tmp_path / "ut"
    with period_lock(published_files(out, T2).html.parent, "T2 pågår"):
        result = run(out, tiny_notebook, period="2025-T1")
    assert result.html.exists()


def test_auto_on_the_scheduled_january_run_makes_the_full_year_report(run, tmp_path, tiny_notebook):
    result = run(tmp_path / "ut", tiny_notebook, period="auto", today=date(2026, 1, 5))
    assert result.period.code == "2025-T3"
    assert "2025-T3" in result.html.read_text(encoding="utf-8")


def test_auto_after_the_data_ends_makes_nothing(run, tmp_path, tiny_notebook):
    with pytest.raises(PeriodNotReady):
        run(tmp_path / "ut", tiny_notebook, period="auto", today=date(2026, 11, 24))
    assert not (tmp_path / "ut").exists()
