"""`hsn.load(path).tertial(period)`: the report's own result in the analyst's hands."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from matplotlib.figure import Figure

import hsn_analysis as hsn
from hsn_analysis.analyst.errors import UnknownIdError
from hsn_analysis.cli import EXIT_OK, main
from hsn_analysis.problems import Problem, Severity
from hsn_analysis.report.indicator_figure import indicator_figure


@pytest.fixture(scope="module")
def example():
    return hsn.load()


@pytest.fixture(scope="module")
def t2(example):
    return example.tertial("2025-T2")


def test_to_json_prints_exactly_what_the_summary_command_prints(t2, capsys):
    # The command in this process: test_cli runs `summary --json` as a process of its own.
    assert main(["summary", "--period", "2025-T2", "--json"]) == EXIT_OK
    printed = capsys.readouterr().out
    assert printed == t2.to_json() + "\n"
    assert json.loads(printed)["period"] == "2025-T2"


def test_the_tertial_is_computed_once_per_period_whatever_its_spelling(example, t2):
    assert example.tertial("T2 2025") is t2
    assert example.summary("2025-T2").sentence == str(t2.summary())


def test_an_indicator_with_12_points_gets_the_reports_spc_chart_else_the_trend(t2):
    with_signal = [i for i, found in t2.result.signals.items() if found.result is not None]
    without = [i for i, found in t2.result.signals.items() if found.result is None]
    assert with_signal and without
    indicators = t2.result.dataset.indicators.set_index("indikator_id", drop=False)
    for indicator_id in (with_signal[0], without[0]):
        drawn = t2.chart(indicator_id)
        [row] = indicators.loc[[indicator_id]].itertuples(index=False)
        report = indicator_figure(t2.result, row)
        assert isinstance(drawn, Figure)
        # The same chart: the same lines with the same data as the report's.
        mine = [line.get_xydata() for line in drawn.axes[0].get_lines()]
        theirs = [line.get_xydata() for line in report.axes[0].get_lines()]
        assert len(mine) == len(theirs) > 0
        for a, b in zip(mine, theirs, strict=True):
            np.testing.assert_array_equal(a, b)
    # The SPC chart draws the signal's upper limit; the trend chart has no such line.
    limits = t2.result.signals[with_signal[0]].result.limits
    spc_ys = {
        round(float(y), 6)
        for line in t2.chart(with_signal[0]).axes[0].get_lines()
        for y in line.get_ydata()
    }
    assert round(limits.upper, 6) in spc_ys


def test_signals_deviations_and_units_are_reachable_in_the_reports_words(t2):
    signals = t2.signals().frame
    assert list(signals["indikator_id"]) == list(t2.result.current_indicators["indikator_id"])
    assert set(signals["Variation"]) - {""} <= {
        "Förbättring",
        "Försämring",
        "Slumpmässig variation",
        "Ovanligt högt",
        "Ovanligt lågt",
        "för kort serie (4 punkter, 12 behövs)",
        "andel hittills i år utan täljare och nämnare",
    }
    # The analyst sees why an assurance cannot be read and where the change began.
    i111 = signals.set_index("indikator_id").loc["I1.1.1"]
    assert i111["Säkring"] == "Ej bedömbar"
    assert i111["Säkring ej bedömbar: varför"] == "senaste punkten ligger utanför gränsen"
    assert i111["Föreslagen spc_fran"] == "2022-T2"
    assert signals.set_index("indikator_id").loc["I2.1.2", "Signalen räknad på"] == (
        "tertialbelopp"
    )
    assert len(t2.deviations()) == len(t2.result.deviations)
    units = t2.units().frame
    assert len(units) == len(t2.result.dataset.units)
    own = t2.unit(units["enhet_id"].iloc[0])
    assert own.unit_id == units["enhet_id"].iloc[0]
    with pytest.raises(UnknownIdError, match="Basenheten 'XX' finns inte"):
        t2.unit("XX")


def test_no_table_shows_nan_or_na(t2, example):
    tables = [t2.subgoals(), t2.indicators(), t2.signals(), t2.deviations(), t2.units()]
    for table in tables:
        shown = table._repr_html_() + str(table)
        assert (
            "<NA>" not in shown
            and "&lt;NA&gt;" not in shown
            and not re.search(r"\bnan\b", shown, re.IGNORECASE)
        )


def test_a_missing_row_number_in_the_problems_is_an_empty_cell(example):
    from hsn_analysis.analyst.follow_up import FollowUp

    problem = Problem(Severity.WARNING, "installningar", "utan rad")
    follow_up = FollowUp(example.dataset, example.source, (problem,))
    table = follow_up.problems()
    assert "&lt;NA&gt;" not in table._repr_html_() and "<NA>" not in str(table)
    assert "<td></td>" in table._repr_html_()
