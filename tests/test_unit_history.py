"""A unit's område has a history: a unit that moves keeps its earlier rows under the område it
had then, each period's per-område figures use that period's organisation, and overlaps, gaps
and unreadable periods in `giltig_fran` are located Swedish errors."""

from __future__ import annotations

import pandas as pd
import pytest
from test_reading_units import INDICATORS, UNITS, errors_of
from test_validation import check

from hsn_analysis.periods import Period
from hsn_analysis.rules.unit_history import latest_units, units_at
from hsn_analysis.rules.unit_standing import standing
from hsn_analysis.rules.units import area_results, assessment_counts, missing_values

T1, T2 = Period(2025, 1), Period(2025, 2)
# I4 every unit answers; I5 only Primärvård's units.
WITH_PRIMARY = INDICATORS + "I5;D1;Andel med hälsosamtal;minst;50;%;tertial;;andel_ja;Primärvård\n"
# PV30 moves from Primärvård to Sjukhusvård from 2025-T2 (and gets a new name there).
MOVED = (
    UNITS.replace("enhet_id;namn;omrade;ansvarig\n", "enhet_id;namn;omrade;ansvarig;giltig_fran\n")
    + "PV30;Närakut Sjukhuset;Sjukhusvård;;2025-T2\n"
)


def values(extra: str = "") -> str:
    """I4 for every unit in T1 and T2 (only PV30 says ja), and I5 from PV30 in T1 only."""
    rows = []
    for period in ("2025-T1", "2025-T2"):
        for unit in [f"PV{i:02d}" for i in range(1, 31)] + [f"SV{i:02d}" for i in range(1, 25)]:
            rows.append(f"I4;{unit};{period};{'ja' if unit == 'PV30' else 'nej'};")
    rows.append("I5;PV30;2025-T1;ja;")  # when PV30 was in Primärvård: valid
    header = "indikator_id;enhet_id;period;varde;kommentar\n"
    return header + "\n".join(rows) + "\n" + extra


def moved(tmp_path, units: str = MOVED, extra: str = ""):
    files = {
        "indikatorer.csv": WITH_PRIMARY,
        "enheter.csv": units,
        "enhetsutfall.csv": values(extra),
    }
    return check(tmp_path, files)


def by_area(frame: pd.DataFrame, indicator: str) -> dict[str, tuple[int, int, float]]:
    rows = frame.loc[frame["indikator_id"] == indicator]
    return {r.omrade: (r.enheter, r.rapporterat, r.ja) for r in rows.itertuples(index=False)}


def test_a_unit_that_moves_keeps_its_earlier_rows_under_the_omrade_it_had_then(tmp_path):
    result = moved(tmp_path)
    assert errors_of(result) == []
    data = result.dataset
    # T1: PV30 in Primärvård (30 units, its ja there); T2: in Sjukhusvård (25 units)
    assert by_area(area_results(data, T1), "I4") == {
        "Primärvård": (30, 30, 1.0),
        "Sjukhusvård": (24, 24, 0.0),
        "": (54, 54, 1.0),
    }
    assert by_area(area_results(data, T2), "I4") == {
        "Primärvård": (29, 29, 0.0),
        "Sjukhusvård": (25, 25, 1.0),
        "": (54, 54, 1.0),
    }
    # I5 is Primärvård's: PV30 answered it in T1, when it was there
    assert by_area(area_results(data, T1), "I5")["Primärvård"] == (30, 1, 1.0)


def test_the_latest_organisation_is_the_datasets_units_and_the_history_is_kept(tmp_path):
    data = moved(tmp_path).dataset
    assert len(data.units) == 54 and data.units["enhet_id"].is_unique
    pv30 = data.units.loc[data.units["enhet_id"] == "PV30"].iloc[0]
    assert (pv30["namn"], pv30["omrade"]) == ("Närakut Sjukhuset", "Sjukhusvård")
    assert len(data.unit_history) == 55
    assert data.unit_history["giltig_fran"].tolist().count("2025-T2") == 1


def test_a_units_standing_compares_it_with_the_omrade_it_was_in(tmp_path):
    data = moved(tmp_path).dataset
    before, after = standing(data, T1, "PV30"), standing(data, T2, "PV30")
    i4_before = before.loc[before["indikator_id"] == "I4"].iloc[0]
    i4_after = after.loc[after["indikator_id"] == "I4"].iloc[0]
    assert i4_before["omrade_varde"] == pytest.approx(100 / 30)  # 1 ja of Primärvård's 30
    assert i4_after["omrade_varde"] == pytest.approx(100 / 25)  # 1 ja of Sjukhusvård's 25


def test_a_value_for_another_omrades_indicator_after_the_move_is_still_an_error(tmp_path):
    result = moved(tmp_path, extra="I5;PV30;2025-T2;ja;\n")
    (error,) = errors_of(result)
    assert error[:4] == ("enhetsutfall.csv", 111, "enhet_id", "PV30")
    assert "hör till Sjukhusvård" in error[4] and "inom Primärvård" in error[4]


def test_missing_values_name_the_units_of_that_periods_organisation(tmp_path):
    text = values().replace("I4;PV30;2025-T2;ja;\n", "")
    files = {"indikatorer.csv": WITH_PRIMARY, "enheter.csv": MOVED, "enhetsutfall.csv": text}
    data = check(tmp_path, files).dataset
    gone = missing_values(data, T2)
    assert gone.loc[gone["indikator_id"] == "I4", ["enhet_id", "omrade"]].values.tolist() == [
        ["PV30", "Sjukhusvård"]
    ]


def test_a_unit_new_from_a_later_period_is_not_expected_before_it(tmp_path):
    units = MOVED + "SV25;Ny klinik;Sjukhusvård;;2025-T2\n"
    data = moved(tmp_path, units, extra="I4;SV25;2025-T2;nej;\n").dataset
    assert by_area(area_results(data, T1), "I4")[""][0] == 54
    assert by_area(area_results(data, T2), "I4")[""][0] == 55


def test_a_unit_value_before_the_unit_existed_is_a_gap_error(tmp_path):
    units = MOVED + "SV25;Ny klinik;Sjukhusvård;;2025-T2\n"
    result = moved(tmp_path, units, extra="I4;SV25;2025-T1;nej;\n")
    (error,) = errors_of(result)
    assert error[:4] == ("enhetsutfall.csv", 111, "enhet_id", "SV25")
    assert "först från 2025-T2 (rad 57)" in error[4] and "gäller 2025-T1" in error[4]


@pytest.mark.parametrize(
    ("added", "row", "column", "fragment"),
    [
        ("PV30;Igen;Tandvård;;2025-T2\n", 57, "enhet_id", "redan en rad som gäller från 2025-T2"),
        ("PV29;Igen;Tandvård;;\n", 57, "enhet_id", "finns redan på rad 30"),
        ("PV29;Igen;Tandvård;;T4 2025\n", 57, "giltig_fran", "ingen period"),
    ],
    ids=["same period twice", "two rows from the beginning", "unreadable period"],
)
def test_overlapping_or_unreadable_rows_are_located_errors(tmp_path, added, row, column, fragment):
    result = moved(tmp_path, MOVED + added)
    found = [e for e in errors_of(result) if e[0] == "enheter.csv"]
    assert [(e[1], e[2]) for e in found] == [(row, column)]
    assert fragment in found[0][4]
    assert result.dataset is None


def test_rows_are_chosen_by_the_period_they_hold_from_in_any_order():
    history = pd.DataFrame(
        {
            "enhet_id": ["A", "B", "A", "A"],
            "namn": ["A3", "B", "A1", "A2"],
            "omrade": ["Z", "Y", "X", "Y"],
            "ansvarig": ["", "", "", ""],
            "giltig_fran": ["2026-T1", "", "", "2025-T2"],
        }
    )
    assert units_at(history, Period(2025, 1))["omrade"].tolist() == ["X", "Y"]
    assert units_at(history, Period(2025, 3))["omrade"].tolist() == ["Y", "Y"]
    assert units_at(history, Period(2026, 2))["namn"].tolist() == ["A3", "B"]
    assert latest_units(history)["namn"].tolist() == ["A3", "B"]
    late = history.assign(giltig_fran=["2026-T1", "2025-T2", "2025-T1", "2025-T2"])
    assert units_at(late, Period(2024, 3)).empty  # neither existed yet


def test_assessments_are_counted_per_omrade_of_their_period(tmp_path):
    assessments = (
        "delmal_id;enhet_id;period;status;kommentar;forfattare;datum\n"
        "D1;PV30;2025-T1;gron;;;\nD1;PV30;2025-T2;rod;;;\nD1;PV01;2025-T2;gron;;;\n"
    )
    files = {
        "indikatorer.csv": WITH_PRIMARY,
        "enheter.csv": MOVED,
        "enhetsutfall.csv": values(),
        "enhetsbedomningar.csv": assessments,
    }
    data = check(tmp_path, files).dataset
    at_t1 = assessment_counts(data, T1).set_index("omrade")
    at_t2 = assessment_counts(data, T2).set_index("omrade")
    assert at_t1.loc["Primärvård", "gron"] == 1 and at_t1.loc["Sjukhusvård", "gron"] == 0
    assert at_t2.loc["Sjukhusvård", "rod"] == 1 and at_t2.loc["Primärvård", "rod"] == 0


def test_the_chiefs_addresses_in_the_history_are_emptied_with_the_others(tmp_path):
    from hsn_analysis.dataset import without_addresses

    units = MOVED.replace(";giltig_fran\n", ";giltig_fran;e_post\n", 1).replace(
        "PV30;Närakut Sjukhuset;Sjukhusvård;;2025-T2\n",
        "PV30;Närakut Sjukhuset;Sjukhusvård;;2025-T2;chef@exempel.invalid\n",
    )
    data = moved(tmp_path, units).dataset
    assert "chef@exempel.invalid" in str(data.unit_history["e_post"].tolist())
    emptied = without_addresses(data)
    assert "exempel.invalid" not in str(emptied.unit_history.to_dict())
