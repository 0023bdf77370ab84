"""Which period a command means: a code, `latest`, or `auto` for the scheduled run."""

from __future__ import annotations

from datetime import date

import pytest
from builders import make_dataset

from hsn_analysis.reading.period_choice import PeriodNotReady, resolve_period, resolve_periods


def dataset_assessed_in(*periods: str, outcomes_in: tuple[str, ...] = ()):
    return make_dataset(
        indicators=[{"indikator_id": "I1", "delmal_id": "D1"}],
        outcomes=[{"indikator_id": "I1", "period": p, "varde": 1.0} for p in outcomes_in],
        assessments=[{"delmal_id": "D1", "period": p, "status": "gron"} for p in periods],
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 9, 1), "2025-T2"),
        (date(2025, 12, 31), "2025-T2"),
        (date(2026, 1, 5), "2025-T3"),
        (date(2025, 8, 31), "2025-T1"),
    ],
)
def test_auto_is_the_latest_ended_tertial_when_it_is_assessed(today, expected):
    data = dataset_assessed_in("2025-T1", "2025-T2", "2025-T3")
    assert resolve_period("auto", data, today).code == expected


def test_auto_fails_clearly_when_the_ended_tertial_has_no_assessments_yet():
    # Outcomes for 2025-T3 are in, but nobody has assessed the delmål: no report yet.
    data = dataset_assessed_in("2025-T1", "2025-T2", outcomes_in=("2025-T3",))
    with pytest.raises(PeriodNotReady) as caught:
        resolve_period("auto", data, date(2026, 1, 5))
    message = str(caught.value)
    assert "Tertial 3 2025 (2025-T3) har tagit slut" in message
    assert "saknar bedömningar" in message
    assert "2025-T1, 2025-T2" in message
    assert caught.value.period.code == "2025-T3"


def test_auto_never_picks_a_later_tertial_even_if_it_is_already_assessed():
    data = dataset_assessed_in("2025-T2", "2025-T3")
    assert resolve_period("auto", data, date(2025, 12, 31)).code == "2025-T2"


def test_latest_is_the_latest_period_with_data_whatever_the_date():
    data = dataset_assessed_in("2025-T1", outcomes_in=("2025-T2",))
    assert resolve_period("latest", data, date(2030, 1, 1)).code == "2025-T2"


def test_a_named_period_must_have_begun_and_have_data():
    data = dataset_assessed_in("2025-T1")
    assert resolve_period("Tertial 1 2025", data, date(2025, 6, 1)).code == "2025-T1"
    with pytest.raises(ValueError, match="har inte börjat"):
        resolve_period("2026-T1", data, date(2025, 6, 1))
    with pytest.raises(ValueError, match="data saknas för 2024-T3"):
        resolve_period("2024-T3", data, date(2025, 6, 1))


def test_a_range_gives_every_tertial_between_its_ends():
    data = dataset_assessed_in("2024-T3", "2025-T1", "2025-T2")
    chosen = resolve_periods("2024-T3..2025-T2", data, date(2025, 9, 1))
    assert [p.code for p in chosen] == ["2024-T3", "2025-T1", "2025-T2"]
    assert resolve_periods("Tertial 1 2025 .. 2025-T2", data, date(2025, 9, 1))[0].code == "2025-T1"


def test_a_single_period_is_a_range_of_one():
    data = dataset_assessed_in("2025-T1")
    assert [p.code for p in resolve_periods("latest", data, date(2025, 9, 1))] == ["2025-T1"]


def test_a_range_with_periods_that_lack_data_names_each_of_them():
    data = dataset_assessed_in("2024-T3", "2025-T2")
    with pytest.raises(ValueError, match="kan inte göra alla rapporter") as raised:
        resolve_periods("2024-T2..2025-T2", data, date(2025, 9, 1))
    message = str(raised.value)
    assert "2024-T2: data saknas" in message and "2025-T1: data saknas" in message
    assert "2024-T3:" not in message and "2025-T2:" not in message
