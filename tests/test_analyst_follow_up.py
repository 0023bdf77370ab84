"""The analyst's front door: `hsn_analysis.load` and the questions a `FollowUp` answers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import make_dataset
from matplotlib.figure import Figure

import hsn_analysis as hsn
from hsn_analysis.analyst.errors import DataNotFoundError, InvalidDataError, UnknownIdError
from hsn_analysis.analyst.follow_up import FollowUp
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import PeriodError


@pytest.fixture(scope="module")
def example():
    return hsn.load()


@pytest.fixture
def tiny():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80.0}],
        outcomes=[
            {"indikator_id": "I1", "period": "2025-T1", "varde": 70.0},
            {"indikator_id": "I1", "period": "2025-T2", "varde": 81.37},
        ],
        assessments=[
            {"delmal_id": "D1", "period": "2025-T1", "status": "rod", "kommentar": "<b>tidigt</b>"},
            {"delmal_id": "D1", "period": "2025-T2", "status": "gron", "kommentar": "Bättre."},
        ],
    )
    return FollowUp(dataset, Path("/data/liten"), ())


def test_print_of_the_summary_is_the_count_sentence_of_the_report(example, capsys):
    print(example.summary("2025-T2"))
    printed = capsys.readouterr().out
    assert printed.startswith("Av nämndens 13 delmål är bedömningen per augusti att 3 inte")
    assert printed.count("\n") == 1


def test_the_summary_table_has_each_goal_with_its_status_in_words_and_code(example):
    goals = example.summary("2025-T2").goals.frame
    assert list(goals["mal_id"]) == ["M1", "M2", "M3", "M4", "M5", "M6", "M7"]
    first = goals.iloc[0]
    assert (first["Status"], first["status_kod"]) == ("● Kommer att uppnås", "gron")


def test_indicators_show_words_and_the_report_rounding_not_codes_and_raw_floats(example):
    table = example.indicators("2025-T2").frame
    row = table.loc[table["indikator_id"] == "I1.1.1"].iloc[0]
    assert row["Måluppfyllelse"] == "101,71\u00a0%"
    assert row["Status"] == "● Målvärdet nås"
    assert row["status_kod"] == "gron"
    assert list(table.index) == list(range(len(table)))


def test_indicators_for_one_goal_hold_only_that_goals_indicators(example):
    table = example.indicators("2025-T2", goal="M1").frame
    assert list(table["indikator_id"]) == ["I1.1.1", "I1.1.2", "I1.2.1"]
    assert list(table.index) == [0, 1, 2]


def test_subgoals_for_one_goal_keep_their_whole_assessment_text(example):
    table = example.subgoals("2025-T2", goal="M1").frame
    assert list(table["delmal_id"]) == ["D1.1", "D1.2"]
    full = example.dataset.assessments
    text = full.loc[(full["delmal_id"] == "D1.1") & (full["period"] == "2025-T2"), "kommentar"]
    assert table.loc[0, "Bedömning"] == text.iloc[0]
    assert len(text.iloc[0]) > 50  # longer than pandas' own repr would show
    assert text.iloc[0] in example.subgoals("2025-T2", goal="M1")._repr_html_()


def test_history_is_newest_first_up_to_the_period_with_the_reports_figures(tiny):
    table = tiny.history("I1", "2025-T2").frame
    assert list(table["Period"]) == ["T2 2025", "T1 2025"]
    assert list(table["Utfall"]) == ["81,37", "70"]
    assert list(table["Måluppfyllelse"]) == ["101,71\u00a0%", "87,5\u00a0%"]


def test_chart_is_the_reports_trend_figure(tiny):
    figure = tiny.chart("I1", "2025-T2")
    assert isinstance(figure, Figure)
    assert figure.axes and len(figure.axes[0].lines) >= 1


def test_compare_shows_both_statuses_and_the_change_in_words_and_code(tiny):
    table = tiny.compare("2025-T1", "2025-T2").frame
    row = table.iloc[0]
    assert (row["T1 2025"], row["T2 2025"]) == ("■ Kommer inte att uppnås", "● Kommer att uppnås")
    assert (row["Förändring"], row["forandring_kod"]) == ("Förbättrad", "battre")


def test_compare_values_rounds_the_change_as_the_report(tiny):
    row = tiny.compare_values("2025-T1", "2025-T2").frame.iloc[0]
    assert (row["T1 2025"], row["T2 2025"], row["Förändring"]) == ("70", "81,37", "11,37")


def test_latest_is_the_last_period_with_data(tiny):
    assert tiny.period("latest").code == "2025-T2"
    assert tiny.summary().title.endswith("Tertial 2 2025")


@pytest.mark.parametrize(
    ("ask", "named", "valid"),
    [
        (lambda u: u.summary("2031-T1"), "Perioden '2031-T1'", "2025-T1, 2025-T2"),
        (lambda u: u.subgoals("2025-T2", goal="M9"), "Målet 'M9'", "M1"),
        (lambda u: u.indicators("2025-T2", goal="M9"), "Målet 'M9'", "M1"),
        (lambda u: u.history("I9"), "Indikatorn 'I9'", "I1"),
        (lambda u: u.chart("I9"), "Indikatorn 'I9'", "I1"),
        (lambda u: u.compare("2024-T3", "2025-T2"), "Perioden '2024-T3'", "2025-T1, 2025-T2"),
    ],
)
def test_an_unknown_id_is_an_error_naming_the_valid_ones(tiny, ask, named, valid):
    with pytest.raises(UnknownIdError) as raised:
        ask(tiny)
    assert named in str(raised.value)
    assert str(raised.value).endswith(f"Giltiga: {valid}.")


def test_an_unreadable_period_says_which_spellings_are_valid(tiny):
    with pytest.raises(PeriodError, match="Skriv till exempel 2025-T2"):
        tiny.subgoals("våren 2025")


def test_a_relative_path_is_read_from_the_current_folder(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLE_DATA, tmp_path / "mina_data")
    monkeypatch.chdir(tmp_path)
    loaded = hsn.load("mina_data")
    assert loaded.source == tmp_path / "mina_data"
    assert str(tmp_path / "mina_data") in repr(loaded)


def test_a_missing_path_names_the_absolute_path_it_tried(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataNotFoundError) as raised:
        hsn.load("data/exempel")
    assert str(tmp_path / "data" / "exempel") in str(raised.value)
    assert isinstance(raised.value, FileNotFoundError)


def test_invalid_data_raises_one_error_listing_every_problem_and_carrying_them_as_a_table(
    tmp_path,
):
    broken = tmp_path / "trasig"
    shutil.copytree(EXAMPLE_DATA, broken)
    outcomes = broken / "utfall.csv"
    lines = outcomes.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2021-T1", "våren", 1)  # the first outcome row
    lines[2] = lines[2].replace("I1.1.1", "I9.9.9", 1)
    outcomes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as raised:
        hsn.load(broken)
    message = str(raised.value)
    table = raised.value.table
    assert message.startswith(f"Indata i {broken} har 2 fel")
    assert "'våren' är ingen period" in message and "I9.9.9" in message
    assert list(table.columns) == ["Typ", "Fil eller flik", "Rad", "Kolumn", "Värde", "Problem"]
    assert sorted(table.loc[table["Typ"] == "fel", "Rad"]) == [2, 3]
    assert set(table["Fil eller flik"]) >= {"utfall.csv"}


def test_problems_of_valid_data_are_its_warnings(example):
    table = example.problems().frame
    assert len(table) == len(example.dataset.warnings) > 0
    assert set(table["Typ"]) == {"varning"}


def test_importing_the_package_loads_nothing():
    code = (
        "import sys, hsn_analysis; "
        "print(sorted(m for m in sys.modules if m.startswith(('pandas', 'hsn_analysis.'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['hsn_analysis.version']"
