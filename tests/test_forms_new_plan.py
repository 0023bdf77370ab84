"""`hsn-report ny-plan`: next year's plan as a copy of the latest year's, in D's own dialect,
with all history kept and D never changed."""

import hashlib
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from builders import hsn_report, hsn_report_in_process

from hsn_analysis.forms.new_plan import write_new_plan
from hsn_analysis.paths import EXAMPLE_DATA, PROJECT_ROOT
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import check_dataset, load_dataset
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.subgoals import subgoal_results

TODAY = date(2026, 6, 1)
WORKBOOK = PROJECT_ROOT / "data" / "exempel.xlsx"


def fingerprint(path: Path) -> dict[str, str]:
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    return {
        str(f.relative_to(path.parent)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in files
        if f.is_file()
    }


@pytest.fixture(scope="module", params=["folder", "workbook"])
def carried(request, tmp_path_factory):
    """The example data (folder or workbook), its copy with a plan for one year more, and that
    copy read back (`new`)."""
    data = EXAMPLE_DATA if request.param == "folder" else WORKBOOK
    before = fingerprint(data)
    dataset = load_dataset(data, today=TODAY)
    year = max(dataset.plan_years) + 1
    out = tmp_path_factory.mktemp("ny") / ("D2.xlsx" if data.is_file() else "D2")
    made = write_new_plan(data, dataset, year, out, today=TODAY)
    assert made.written
    assert fingerprint(data) == before  # D is never changed
    return data, dataset, year, out, load_dataset(out, today=TODAY)


def test_the_new_year_is_a_copy_of_the_latest_years_plan(carried):
    _, dataset, year, _, new = carried
    assert new.plan_years == (*dataset.plan_years, year)
    latest = dataset.plan_for(max(dataset.plan_years))
    copy = new.plan_for(year)
    assert list(copy.subgoals["delmal_id"]) == list(latest.subgoals["delmal_id"])
    assert list(copy.indicators["indikator_id"]) == list(latest.indicators["indikator_id"])
    assert list(copy.indicators["malvarde"].fillna(-1)) == list(
        latest.indicators["malvarde"].fillna(-1)
    )
    assert set(copy.indicators["ersatter"]) == {""}
    assert new.settings.year == year


def test_all_history_is_kept_and_read_as_before(carried):
    _, dataset, _, _, new = carried
    for frame in ("assessments", "unit_outcomes", "unit_assessments", "comparisons"):
        assert len(getattr(new, frame)) == len(getattr(dataset, frame)), frame
    old_plans = dataset.plans.outcomes if dataset.plans else dataset.outcomes
    assert len(new.plans.outcomes) == len(old_plans)
    for year in dataset.plan_years:  # every earlier year's report reads as it did
        period = Period(year, 3)
        assert subgoal_results(new, period).equals(subgoal_results(dataset, period))
        pd.testing.assert_frame_equal(
            indicator_results(new, period), indicator_results(dataset, period)
        )


def test_the_new_plan_keeps_the_dialect_of_its_source(carried):
    data, _, _, out, _ = carried
    if data.is_dir():
        assert out.is_dir()
        text = (out / "indikatorer.csv").read_bytes()
        assert text.startswith(b"\xef\xbb\xbf") and b"\r\n" in text
        header = text.decode("utf-8-sig").splitlines()[0]
        assert header.endswith(";ar;ersatter")
        same = ("utfall.csv", "bedomningar.csv", "enhetsutfall.csv", "analys.csv")
        for name in same:
            assert (out / name).read_bytes() == (data / name).read_bytes(), name
    else:
        book = openpyxl.load_workbook(out, read_only=True)
        original = openpyxl.load_workbook(data, read_only=True)
        assert book.sheetnames == original.sheetnames


def test_dropping_a_delmal_and_replacing_an_indicator_in_the_new_plan_validates(tmp_path):
    dataset = load_dataset(EXAMPLE_DATA, today=TODAY)
    year = max(dataset.plan_years) + 1
    out = tmp_path / "D2"
    assert write_new_plan(EXAMPLE_DATA, dataset, year, out, today=TODAY).written
    subgoals = (out / "delmal.csv").read_text(encoding="utf-8-sig").splitlines()
    dropped = "D3.1"
    kept = [r for r in subgoals if not (r.startswith(f"{dropped};") and r.endswith(f";{year}"))]
    (out / "delmal.csv").write_text("\n".join(kept) + "\n", encoding="utf-8-sig")
    lines = (out / "indikatorer.csv").read_text(encoding="utf-8-sig").splitlines()
    edited = []
    for line in lines:
        if line.endswith(f";{year};"):
            if f";{dropped};" in line:
                continue
            if line.startswith("I7.1.1;"):
                line = "I7.1.2" + line[len("I7.1.1") :] + "I7.1.1"
        edited.append(line)
    (out / "indikatorer.csv").write_text("\n".join(edited) + "\n", encoding="utf-8-sig")
    result = check_dataset(out, today=TODAY)
    assert [str(p) for p in result.problems if p.severity.value == "fel"] == []
    new = result.dataset
    assert dropped not in set(new.plan_for(year).subgoals["delmal_id"])
    last = max(dataset.plan_years)
    assert dropped in set(new.plan_for(last).subgoals["delmal_id"])
    assert (new.assessments["delmal_id"] == dropped).sum() == (
        dataset.assessments["delmal_id"] == dropped
    ).sum()


def test_the_command_refuses_a_year_not_after_the_latest_and_an_existing_out(tmp_path, capsys):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    latest = max(load_dataset(EXAMPLE_DATA).plan_years)
    # The first as a real process (the exit code as the shell sees it), the rest in process.
    early = hsn_report("ny-plan", "--data", EXAMPLE_DATA, "--ar", latest, "--out", tmp_path / "a")
    assert early.returncode == 2 and "kommer inte efter det senaste planåret" in early.stderr
    full = hsn_report_in_process(
        capsys, "ny-plan", "--data", EXAMPLE_DATA, "--ar", latest + 1, "--out", tmp_path / "full"
    )
    assert full.returncode == 2 and "finns redan och är inte tom" in full.stderr
    kind = hsn_report_in_process(
        capsys, "ny-plan", "--data", EXAMPLE_DATA, "--ar", latest + 1, "--out", tmp_path / "a.xlsx"
    )
    assert kind.returncode == 2 and "mapp" in kind.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "a.xlsx").exists()
    (tmp_path / "empty").mkdir()
    done = hsn_report_in_process(
        capsys, "ny-plan", "--data", EXAMPLE_DATA, "--ar", latest + 1, "--out", tmp_path / "empty"
    )
    assert done.returncode == 0, done.stderr
    assert check_dataset(tmp_path / "empty").ok
