"""The summary JSON's `jamforelse` and `spc` objects of each indicator in the report period."""

from __future__ import annotations

from typing import Any

from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.rules.spc import SpcResult

NO_SIGNALS: dict[str, Any] = {"jamforelse": None, "spc": None}


def comparison_json(found: Benchmark | None) -> dict[str, Any] | None:
    """`{"ar", "riket", "median", "rang", "antal", "kalla"}`, or None without a comparison."""
    if found is None:
        return None
    return {
        "ar": found.year,
        "riket": found.country,
        "median": found.median,
        "rang": found.rank,
        "antal": found.count,
        "kalla": found.source,
    }


def spc_json(result: SpcResult | None) -> dict[str, Any] | None:
    """`{"punkter", "variation", "sakring"}`, or None under 12 points."""
    if result is None:
        return None
    return {
        "punkter": result.count,
        "variation": result.variation.value,
        "sakring": None if result.assurance is None else result.assurance.value,
    }


def signal_fields(result: TertialResult) -> dict[str, dict[str, Any]]:
    """indikator_id → its `jamforelse` and `spc` for the report period."""
    signals, benchmarks = result.signals, result.benchmarks
    return {
        indicator_id: {
            "jamforelse": comparison_json(benchmarks.get(indicator_id)),
            "spc": spc_json(signals.get(indicator_id)),
        }
        for indicator_id in result.dataset.indicators["indikator_id"]
    }
