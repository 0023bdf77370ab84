"""The summary JSON's `jamforelse` and `spc` objects of each indicator in the report period."""

from __future__ import annotations

from typing import Any

from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.rules.signals import Signal
from hsn_analysis.rules.spc import Limit
from hsn_analysis.words.signals_text import ASSURANCE_REASONS, NO_SIGNAL_REASONS

NO_SIGNALS: dict[str, Any] = {"jamforelse": None, "spc": None}


def comparison_json(found: Benchmark | None) -> dict[str, Any] | None:
    """`{"ar", "riket", "median", "rang", "antal", "kalla", "titel", "enhet", "annat_matt"}`,
    or None without a comparison. `annat_matt`: the key figure measures something else than
    the indicator (its `titel` and `enhet` say what)."""
    if found is None:
        return None
    return {
        "ar": found.year,
        "riket": found.country,
        "median": found.median,
        "rang": found.rank,
        "antal": found.count,
        "kalla": found.source,
        "titel": found.title or None,
        "enhet": found.unit or None,
        "annat_matt": found.other_measure,
    }


def limit_json(limit: Limit) -> dict[str, Any]:
    """A process limit as computed (`varde`), as drawn and listed (`visad`), and whether the
    measure's bounds moved it (`begransad`)."""
    return {"varde": limit.computed, "visad": limit.shown, "begransad": limit.bounded}


def no_signal_reason(signal: Signal) -> str | None:
    """The one phrase that stands instead of the icons (None when there is a signal)."""
    if signal.reason is None:
        return None
    return NO_SIGNAL_REASONS[signal.reason.value].format(points=signal.points)


def assurance_reason(signal: Signal) -> str | None:
    """Why the assurance is not assessable (None when it is, or when there is none)."""
    result = signal.result
    if result is None or result.assurance_reason is None:
        return None
    return ASSURANCE_REASONS[result.assurance_reason.value]


def spc_json(signal: Signal) -> dict[str, Any]:
    """How the value was measured (`matning`), what the signal was computed on (`grund`, with
    `skal` when there is none), the points, icons, the assurance's reason when it cannot be
    read, where the latest special cause began, and the limits."""
    result = signal.result
    return {
        "matning": signal.measurement.value,
        "grund": signal.basis.value,
        "skal": no_signal_reason(signal),
        "punkter": signal.points if result is None else result.count,
        "variation": None if result is None else result.variation.value,
        "sakring": None if result is None or result.assurance is None else result.assurance.value,
        "sakring_skal": assurance_reason(signal),
        "foreslagen_start": None if result is None else result.suggested_start,
        "medel": None if result is None else result.limits.mean,
        "nedre": None if result is None else limit_json(result.lower),
        "ovre": None if result is None else limit_json(result.upper),
    }


def signal_fields(result: TertialResult) -> dict[str, dict[str, Any]]:
    """indikator_id → its `jamforelse` and `spc` for the report period."""
    signals, benchmarks = result.signals, result.benchmarks
    return {
        indicator_id: {
            "jamforelse": comparison_json(benchmarks.get(indicator_id)),
            "spc": spc_json(signals[indicator_id]),
        }
        for indicator_id in result.dataset.indicators["indikator_id"]
    }
