"""Plans by year: validation across years, and every calculation of a period reading the plan
of its year, with the history of every year kept."""

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsn_analysis.paths import PROJECT_ROOT
from hsn_analysis.periods import Period
from hsn_analysis.plans import plan_year_of
from hsn_analysis.reading.validation import ValidationResult, check_dataset
from hsn_analysis.rules.comparison import compare_indicator_values, compare_periods
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.signals import indicator_signals
from hsn_analysis.rules.subgoals import subgoal_results
from hsn_analysis.vocabulary import Severity

TODAY = date(2026, 6, 1)
# The example data carried into 2026 with ny-plan: D2.2 dropped, I1.1.1 replaced by I1.1.3, three
# targets changed, and T1 2026 reported.
EXAMPLE_2026 = PROJECT_ROOT / "data" / "exempel-2026"
_OUTCOMES = "\n".join(
    f"{i};{y}-T{t};{v + 2 * (y - 2022) + t};;"
    for y in (2022, 2023, 2024, 2025)
    for t in (1, 2, 3)
    for i, v in (("I1", 70), ("I2", 30), ("I3", 4))
)
TWO_YEARS = {
    "installningar.toml": 'namn = "Hälso- och sjukvårdsnämnden"\nar = 2026\n',
    "mal.csv": (
        "mal_id;namn;ar\nM1;Trygga;2025\nM2;God vård;2025\nM1;Trygga;2026\nM2;God vård;2026\n"
    ),
    "delmal.csv": (
        "delmal_id;mal_id;namn;ar\n"
        "D1;M1;Färre barn i fattigdom;2025\n"
        "D2;M2;Kortare väntan;2025\n"
        "D3;M2;Övning i beredskap;2025\n"
        "D1;M1;Färre barn i fattigdom;2026\n"
        "D2;M2;Kortare väntan;2026\n"
    ),
    "indikatorer.csv": (
        "indikator_id;delmal_id;namn;maltyp;malvarde;enhet;frekvens;ar;ersatter\n"
        "I1;D1;Andel vaccinerade;minst;80;%;tertial;2025;\n"
        "I2;D2;Väntetid;minska;;dagar;tertial;2025;\n"
        "I3;D3;Övningar;minst;5;antal;tertial;2025;\n"
        "I1;D1;Andel vaccinerade;minst;90;%;tertial;2026;\n"
        "I4;D2;Väntetid till behandling;minska;;dagar;tertial;2026;I2\n"
    ),
    "utfall.csv": (
        "indikator_id;period;varde;malvarde;kommentar\n"
        f"{_OUTCOMES}\nI1;2026-T1;88;;\nI4;2026-T1;41;;\n"
    ),
    "bedomningar.csv": (
        "delmal_id;period;status;kommentar;forfattare;datum\n"
        "D1;2025-T3;delvis;;;\nD2;2025-T3;uppnås;;;\nD3;2025-T3;uppnås ej;;;\n"
        "D1;2026-T1;uppnås;;;\nD2;2026-T1;delvis;;;\n"
    ),
}


def check(folder: Path, changes: dict[str, str] | None = None) -> ValidationResult:
    for name, text in (TWO_YEARS | (changes or {})).items():
        (folder / name).write_text(text, encoding="utf-8")
    return check_dataset(folder, today=TODAY)


def messages(result: ValidationResult, severity: Severity = Severity.ERROR) -> list[str]:
    return [str(p) for p in result.problems if p.severity is severity]


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    result = check(tmp_path_factory.mktemp("planar"))
    assert messages(result) == [] and messages(result, Severity.WARNING) == []
    return result.dataset


def test_a_dataset_with_the_column_holds_every_years_plan_and_reads_its_settings_year(two_years):
    assert two_years.plan_years == (2025, 2026)
    assert two_years.settings.year == 2026
    assert list(two_years.subgoals["delmal_id"]) == ["D1", "D2"]
    assert "ar" not in two_years.indicators.columns  # the plan's frames are as before
    assert list(two_years.plans.subgoals["ar"]) == [2025, 2025, 2025, 2026, 2026]


def test_a_dataset_without_the_column_is_one_plan_and_its_own_view(tmp_path):
    plain = {
        "mal.csv": "mal_id;namn\nM1;Trygga\n",
        "delmal.csv": "delmal_id;mal_id;namn\nD1;M1;Färre\n",
        "indikatorer.csv": "indikator_id;delmal_id;namn;maltyp;malvarde;enhet;frekvens\n"
        "I1;D1;Andel;minst;80;%;tertial\n",
        "utfall.csv": "indikator_id;period;varde;malvarde;kommentar\nI1;2025-T3;70;;\n",
        "bedomningar.csv": "delmal_id;period;status\nD1;2025-T3;delvis\n",
    }
    dataset = check(tmp_path, plain).dataset
    assert dataset.plans is None and dataset.plan_years == (2026,)
    assert dataset.plan_for(2020) is dataset and dataset.plan_for(2030) is dataset


def test_a_period_is_read_under_the_plan_of_its_year(two_years):
    last_year = subgoal_results(two_years, Period(2025, 3))
    this_year = subgoal_results(two_years, Period(2026, 1))
    assert list(last_year["delmal_id"]) == ["D1", "D2", "D3"]  # the dropped one, in its year
    assert last_year.set_index("delmal_id").loc["D3", "status"] == "rod"
    assert list(this_year["delmal_id"]) == ["D1", "D2"]
    assert this_year.set_index("delmal_id").loc["D1", "foregaende_status"] == "gul"
    assert two_years.plan_for(2024).settings.year == 2025  # before the first plan: the first


def test_a_target_changed_between_years_is_a_step_in_the_history(two_years):
    rows = indicator_results(two_years, Period(2026, 1))
    history = rows.loc[rows["indikator_id"] == "I1"].set_index("period")["malvarde"]
    assert history["2026-T1"] == 90 and history["2025-T3"] == 80 and history["2022-T1"] == 80
    under_2025 = indicator_results(two_years, Period(2025, 3))
    assert set(under_2025.loc[under_2025["indikator_id"] == "I1", "malvarde"]) == {80}


def test_a_replacing_indicator_continues_the_replaced_series_with_a_break(two_years):
    rows = indicator_results(two_years, Period(2026, 1))
    series = rows.loc[rows["indikator_id"] == "I4"].set_index("period")
    assert series.loc["2026-T1", "varde"] == 41
    assert series.loc["2025-T3", "varde"] == 30 + 2 * 3 + 3  # the replaced I2's value
    assert len(series) == 13  # twelve of I2, one of its own
    # Never compared with the other measure across the break: öka/minska has no verdict there.
    assert np.isnan(series.loc["2026-T1", "jamforelsevarde"])
    assert series.loc["2026-T1", "status"] == "jamforelse_saknas"
    assert not np.isnan(series.loc["2025-T3", "jamforelsevarde"])  # I2 against I2
    assert "I2" not in set(rows["indikator_id"])
    view = two_years.plan_for(2026).indicators.set_index("indikator_id")
    assert view.loc["I4", "spc_fran"] == "2026-T1"


def test_the_spc_limits_restart_at_the_break(two_years):
    after = indicator_signals(two_years, Period(2026, 1))["I4"]
    assert after.result is None and after.points == 1  # one point since the break
    before = indicator_signals(two_years, Period(2025, 3))["I2"]
    assert before.result is not None and set(before.result.points["segment"]) == {0}
    assert before.points == 12


def test_same_tertial_last_year_compares_each_period_under_its_own_plan(two_years):
    statuses = compare_periods(two_years, Period(2025, 3), Period(2026, 1))
    assert list(statuses["delmal_id"]) == ["D1", "D2"]
    values = compare_indicator_values(two_years, Period(2025, 3), Period(2026, 1))
    by_id = values.set_index("indikator_id")
    assert list(by_id.index) == ["I1", "I4"]
    assert by_id.loc["I1", "varde_fore"] == 70 + 6 + 3 and by_id.loc["I1", "varde_efter"] == 88
    assert np.isnan(by_id.loc["I4", "varde_fore"])  # not in the 2025 plan


def test_an_assessment_of_a_delmal_not_in_its_years_plan_names_both_years(tmp_path):
    rows = TWO_YEARS["bedomningar.csv"] + "D3;2026-T1;delvis;;;\n"
    result = check(tmp_path, {"bedomningar.csv": rows})
    (problem,) = [p for p in result.problems if p.severity is Severity.ERROR]
    assert (problem.source, problem.row, problem.column, problem.value) == (
        "bedomningar.csv",
        7,
        "delmal_id",
        "D3",
    )
    assert "nämndplanen för 2026" in problem.message and "planen för 2025" in problem.message
    assert result.dataset is None


@pytest.mark.parametrize(
    ("name", "text", "row", "column", "words"),
    [
        (
            "delmal.csv",
            "delmal_id;mal_id;namn;ar\nD1;M1;Färre;2025\nD1;M1;Igen;2025\n",
            3,
            "delmal_id",
            "rad 2 i planen för 2025",
        ),
        ("mal.csv", "mal_id;namn;ar\nM1;Trygga;tjugo\nM2;God;2026\n", 2, "ar", "Inte ett planår"),
        (
            "delmal.csv",
            TWO_YEARS["delmal.csv"] + "D4;M3;Ny;2026\n",
            7,
            "mal_id",
            "Okänt mal_id",
        ),
    ],
)
def test_plan_rows_are_checked_per_year(tmp_path, name, text, row, column, words):
    result = check(tmp_path, {name: text})
    found = [p for p in result.problems if p.severity is Severity.ERROR and p.row == row]
    assert any(p.column == column and words in p.message for p in found), result.problems


def test_an_indicators_delmal_must_be_in_the_plan_of_the_indicators_year(tmp_path):
    rows = TWO_YEARS["indikatorer.csv"] + "I5;D3;Ny;minst;3;antal;tertial;2026;\n"
    result = check(tmp_path, {"indikatorer.csv": rows})
    (problem,) = messages(result)
    assert "Delmålet D3 finns inte i planen för 2026; det finns i planen för 2025" in problem
    assert "rad 7" in problem


@pytest.mark.parametrize(
    ("replaced", "words"),
    [
        ("I9", "Okänd indikator att ersätta"),
        ("I1", "finns också i planen för 2026"),
        ("I4", "sig själv"),
    ],
)
def test_ersatter_names_an_indicator_of_an_earlier_plan(tmp_path, replaced, words):
    rows = TWO_YEARS["indikatorer.csv"].replace(";2026;I2\n", f";2026;{replaced}\n")
    (problem,) = messages(check(tmp_path, {"indikatorer.csv": rows}))
    assert words in problem and "kolumn ersatter" in problem


def test_an_outcome_no_plan_shows_is_kept_with_a_warning(tmp_path):
    rows = TWO_YEARS["utfall.csv"] + "I3;2026-T1;5;;\n"
    result = check(tmp_path, {"utfall.csv": rows})
    assert messages(result) == []
    (warning,) = messages(result, Severity.WARNING)
    assert "I3 finns inte i nämndplanen för 2026" in warning and "visas inte" in warning
    assert (result.dataset.plans.outcomes["indikator_id"] == "I3").sum() == 13


def test_missing_rows_are_warned_only_for_periods_whose_plan_has_the_id(tmp_path):
    rows = TWO_YEARS["bedomningar.csv"].replace("D2;2026-T1;delvis;;;\n", "")
    (warning,) = messages(check(tmp_path, {"bedomningar.csv": rows}), Severity.WARNING)
    assert "D2 har ingen bedömning för 2026-T1" in warning


def test_an_empty_year_cell_is_the_settings_year(tmp_path):
    rows = TWO_YEARS["mal.csv"].replace("M2;God vård;2026", "M2;God vård;")
    result = check(tmp_path, {"mal.csv": rows})
    assert messages(result) == []
    assert list(result.dataset.goals["mal_id"]) == ["M1", "M2"]


def test_a_table_without_the_column_is_in_every_plan_year(tmp_path):
    result = check(tmp_path, {"mal.csv": "mal_id;namn\nM1;Trygga\nM2;God vård\n"})
    assert messages(result) == []
    assert list(result.dataset.plans.goals["ar"]) == [2025, 2025, 2026, 2026]


@given(st.sets(st.integers(1990, 2060), min_size=1), st.integers(1950, 2100))
def test_the_plan_year_is_the_latest_not_after_the_year_else_the_first(years, year):
    chosen = plan_year_of(years, year)
    assert chosen in years
    earlier = [y for y in years if y <= year]
    assert chosen == (max(earlier) if earlier else min(years))


def test_a_frequency_changed_between_years_is_read_by_the_periods_plan(tmp_path):
    rows = TWO_YEARS["indikatorer.csv"].replace(
        "I1;D1;Andel vaccinerade;minst;80;%;tertial;2025;",
        "I1;D1;Andel vaccinerade;minst;80;%;helår;2025;",
    )
    outcomes = "indikator_id;period;varde;malvarde;kommentar\nI1;2025-T3;70;;\nI1;2026-T1;88;;\n"
    assert messages(check(tmp_path, {"indikatorer.csv": rows, "utfall.csv": outcomes})) == []
    early = outcomes + "I1;2025-T1;60;;\n"
    (problem,) = messages(check(tmp_path, {"indikatorer.csv": rows, "utfall.csv": early}))
    assert "2025-T1" in problem and "rad 4" in problem


def test_the_2026_example_holds_both_plans_and_every_years_history():
    dataset = check_dataset(EXAMPLE_2026, today=TODAY).dataset
    assert dataset.plan_years == (2025, 2026)
    before, after = dataset.plan_for(2025), dataset.plan_for(2026)
    assert set(before.subgoals["delmal_id"]) - set(after.subgoals["delmal_id"]) == {"D2.2"}
    new = after.indicators.set_index("indikator_id")
    assert new.loc["I1.1.3", "ersatter"] == "I1.1.1" and "I1.1.1" not in new.index
    old = before.indicators.set_index("indikator_id")
    changed = {
        i
        for i in new.index.intersection(old.index)
        if str(new.loc[i, "malvarde"]) != str(old.loc[i, "malvarde"])
    }
    assert changed == {"I1.1.2", "I1.2.1", "I4.1.3"}
    assessed = dataset.assessments.loc[dataset.assessments["period"] == "2026-T1", "delmal_id"]
    assert set(assessed) == set(after.subgoals["delmal_id"])
    assert (dataset.assessments["delmal_id"] == "D2.2").sum() > 0  # its history is kept


@pytest.mark.parametrize(
    ("period", "year", "subgoals"), [("2025-T3", 2025, 13), ("2026-T1", 2026, 12)]
)
def test_the_analysts_tertial_is_the_result_under_the_periods_plan(period, year, subgoals):
    import json

    import hsn_analysis as hsn

    tertial = hsn.load(EXAMPLE_2026).tertial(period)
    assert f"nämndplan {year}" in tertial.title
    assert len(tertial.subgoals().frame) == subgoals
    assert json.loads(tertial.to_json())["period"] == period
    if year == 2026:
        assert len(tertial.history("I1.1.3").frame) == 16  # I1.1.1's series goes on
        figure = tertial.chart("I1.1.3")  # the report's chart: the break is drawn
        assert any(line.get_gid() == "break" for line in figure.axes[0].lines)


def test_the_2025_t3_report_is_the_same_before_and_after_the_2026_plan():
    from hsn_analysis.paths import EXAMPLE_DATA
    from hsn_analysis.rules.result import compute_result
    from hsn_analysis.words.summary import summary_json

    period = Period(2025, 3)
    before = compute_result(check_dataset(EXAMPLE_DATA, today=TODAY).dataset, period)
    after = compute_result(check_dataset(EXAMPLE_2026, today=TODAY).dataset, period)
    assert summary_json(after) == summary_json(before)
    pd.testing.assert_frame_equal(after.indicators, before.indicators)
