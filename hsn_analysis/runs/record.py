"""The run record (`uppfoljning-P.json`): what was run on which data, how long it took, the
hashes of the published files, and the key figures that the index and the mail read."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.report.context import package_versions
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.words.summary import record_indicators, summary_json
from hsn_analysis.words.titles import report_title


def record_figures(result: TertialResult) -> dict[str, Any]:
    """What the index and the mail need (title, counts, the delmål and their status), read
    from the tertial's result, so that neither reads the data again."""
    dataset, period = result.dataset, result.period
    summary = summary_json(result)
    return {
        "titel": report_title(dataset.settings, period),
        "namnd": dataset.settings.board_name,
        "exempeldata": dataset.settings.example_data,
        "sammanfattning": summary["sammanfattning"],
        "delmal": summary["delmal"],
        "mal": summary["mal"],
        "delmal_lista": [
            {"delmal_id": r.delmal_id, "mal_id": r.mal_id, "namn": r.namn, "status": str(r.status)}
            for r in result.subgoals.itertuples(index=False)
        ],
        "indikatorer": record_indicators(result),
    }


def run_record(
    figures: dict[str, Any],
    dataset: Dataset,
    period: Period,
    data: Path,
    parameters: dict[str, Any],
    started: datetime,
    timings: dict[str, float],
    html: bytes,
    pdf: bytes,
) -> dict[str, Any]:
    """The run record: what was run on which data, how long it took, and the key figures."""
    record = record_head(
        "uppfoljning", figures["titel"], dataset, period, data, parameters, started
    )
    record["data"]["varningar"] = len(dataset.warnings)
    return {
        **record,
        "tider_s": {step: round(seconds, 3) for step, seconds in timings.items()},
        "versioner": package_versions(),
        **file_facts("html", html),
        **file_facts("pdf", pdf),
        "sammanfattning": figures["sammanfattning"],
        "delmal": figures["delmal"],
        "mal": figures["mal"],
        "delmal_lista": figures["delmal_lista"],
        "indikatorer": figures["indikatorer"],
    }


def record_head(
    kind: str,
    title: str,
    dataset: Dataset,
    period: Period,
    data: Path,
    parameters: dict[str, Any],
    started: datetime,
) -> dict[str, Any]:
    """What every run record (the board's and a unit's) begins with: the report, its period,
    when it ran, its parameters and the files of its data with their SHA-256."""
    return {
        "rapport": kind,
        "titel": title,
        "namnd": dataset.settings.board_name,
        "exempeldata": dataset.settings.example_data,
        "period": period.code,
        "startad": started.isoformat(timespec="seconds"),
        "klar": datetime.now().astimezone().isoformat(timespec="seconds"),
        "parametrar": parameters,
        "data": {
            "sokvag": str(data),
            "filer": [{"namn": s.name, "sha256": s.sha256} for s in dataset.sources],
        },
    }


def file_facts(name: str, content: bytes) -> dict[str, Any]:
    """`<name>_byte` and `<name>_sha256` of a published file, as the record gives them."""
    return {f"{name}_byte": len(content), f"{name}_sha256": hashlib.sha256(content).hexdigest()}
