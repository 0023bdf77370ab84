"""The board report's basenheter: the per område table under an aggregated indicator, the units'
own assessments under each delmål, the overview of every unit × delmål, and the units' part of
Avvikelser and Datakvalitet; a report without units shows none of it."""

from __future__ import annotations

from builders import make_dataset, make_report
from test_report_sections import Page
from test_rules_units import answers, units

from hsn_analysis.report import sections as report
from hsn_analysis.report.units import area_table, distribution, unit_gaps_block

NBSP = "\u00a0"


def violence_report(unit_assessments=(), assessments=(), unit_rows=None):
    unit_rows = unit_rows or units()
    dataset = make_dataset(
        indicators=[
            {"indikator_id": "I1", "malvarde": 80, "aggregering": "andel_ja", "delmal_id": "D1"}
        ],
        subgoals=[{"delmal_id": "D1"}],
        units=unit_rows,
        unit_outcomes=answers({"Primärvård": 6, "Sjukhusvård": 9}, unit_rows),
        unit_assessments=unit_assessments,
        assessments=assessments,
    )
    return make_report(dataset)


def own_assessments(statuses: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"delmal_id": "D1", "enhet_id": unit, "period": "2025-T2", "status": status}
        for unit, status in statuses.items()
    ]


def test_the_omrade_table_says_6_of_30_and_9_of_24_units():
    rep = violence_report()
    indicator = next(rep.dataset.indicators.itertuples(index=False))
    page = Page(area_table(rep, indicator))
    assert [row["cells"] for row in page.body_rows] == [
        ["Primärvård", "6 av 30 basenheter", f"20{NBSP}%", "0"],
        ["Sjukhusvård", "9 av 24 basenheter", f"37,5{NBSP}%", "0"],
        ["Hela regionen", "15 av 54 basenheter", f"27,78{NBSP}%", "0"],
    ]


def test_the_goal_section_shows_the_omrade_table_under_the_indicator():
    html = report.goal_sections(violence_report()).html
    assert "6 av 30 basenheter" in html and "9 av 24 basenheter" in html
    assert f"27,78{NBSP}%" in html


def test_the_units_own_assessments_are_counted_and_the_silent_ones_named():
    rep = violence_report(own_assessments({"PV01": "rod", "PV02": "gul", "SV01": "gron"}))
    page = Page(distribution(rep, "D1"))
    assert [row["cells"] for row in page.body_rows] == [
        ["Primärvård", "0", "1", "1", "28"],
        ["Sjukhusvård", "1", "0", "0", "23"],
        ["Hela regionen", "1", "1", "1", "51"],
    ]
    [silent] = page.texts("p", "meta")
    assert silent.startswith("Ej rapporterat: Hälsocentral 3; Hälsocentral 4;")
    assert "Klinik 24." in silent


def test_the_overview_has_one_row_per_unit_with_symbol_and_word_per_delmal():
    rep = violence_report(own_assessments({"PV01": "rod", "SV02": "gron"}))
    page = Page(report.units_section(rep).html)
    rows = {row["cells"][0]: row["cells"][1:] for row in page.rows[1:] if len(row["cells"]) == 2}
    assert len(rows) == 54
    assert rows["Hälsocentral 1"] == ["■ Uppnås ej"]
    assert rows["Klinik 2"] == ["● Uppnås"]
    assert rows["Klinik 3"] == ["○ Ej rapp."]
    groups = [row["cells"][0] for row in page.rows if row["attrs"].get("class") == "omrade"]
    assert groups == ["Primärvård: 30 enheter", "Sjukhusvård: 24 enheter"]


def test_unit_names_from_the_data_are_escaped():
    unit_rows = [{"enhet_id": "X1", "namn": "<script>x</script>", "omrade": "Primärvård"}]
    rep = violence_report(own_assessments({"X1": "gul"}), unit_rows=unit_rows)
    html = report.units_section(rep).html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_green_board_assessment_that_most_units_call_red_is_a_deviation():
    rep = violence_report(
        own_assessments({"PV01": "rod", "PV02": "rod", "PV03": "gul"}),
        assessments=[{"delmal_id": "D1", "period": "2025-T2", "status": "gron"}],
    )
    page = Page(report.deviation_section(rep).html)
    assert page.body_rows[-1]["cells"][2:] == [
        "Delmålet bedöms uppnås men de flesta enheter bedömer det rött",
        "2 av 3 enheter som har rapporterat",
    ]


def test_data_quality_names_the_units_that_did_not_report():
    rep = violence_report(own_assessments({"PV01": "rod"}))
    page = Page(unit_gaps_block(rep))
    cells = [row["cells"] for row in page.body_rows]
    assert [c[1] for c in cells] == ["Primärvård", "Sjukhusvård"]
    assert cells[1][2].startswith("Klinik 1; Klinik 2")
    assert "Basenheter som inte har rapporterat" in report.data_quality_section(rep).html


def test_a_report_without_units_shows_nothing_of_them():
    rep = make_report(make_dataset(indicators=[{"indikator_id": "I1", "malvarde": 5}]))
    assert report.units_section(rep).html == ""
    assert "basenheter" not in report.goal_sections(rep).html.lower()
    assert "basenheter" not in report.data_quality_section(rep).html.lower()
    assert "basenheter" not in report.deviation_section(rep).html.lower()


def test_the_examples_2025_t2_report_shows_the_omrade_tables_and_the_overview(example_report):
    page = Page(example_report.html.read_text(encoding="utf-8"))
    assert "basenheter" in page.ids
    assert "Primärvård: 30 enheter" in page.texts("th")
    assert any(text.startswith("I4.1.1 per verksamhetsområde") for text in page.texts("caption"))
    assert any("av 28 basenheter" in cell for row in page.rows for cell in row["cells"])
