"""`hsn-report kolada`: fetch once into the dataset folder; the reports then read the file."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from hsn_analysis.dataset import Dataset
from hsn_analysis.kolada.client import KoladaClient
from hsn_analysis.kolada.fetch import FetchResult, fetch_comparisons, write_comparisons
from hsn_analysis.words import kolada_text as reasons
from hsn_analysis.words import signals_text as text

logger = logging.getLogger(__name__)

YEARS_BACK = 4  # by default the plan year and the four before: a plan period and its baseline


def parse_years(value: str | None, plan_year: int) -> list[int]:
    """`2021..2025`, `2024` or `2022,2024` as years; ValueError in Swedish otherwise."""
    if value is None:
        return list(range(plan_year - YEARS_BACK, plan_year + 1))
    if m := re.fullmatch(r"\s*(\d{4})\s*\.\.\s*(\d{4})\s*", value):
        first, last = int(m[1]), int(m[2])
        if first <= last:
            return list(range(first, last + 1))
    elif re.fullmatch(r"\s*\d{4}(\s*,\s*\d{4})*\s*", value):
        return sorted({int(y) for y in value.split(",")})
    raise ValueError(text.KOLADA_BAD_YEARS.format(text=value))


def fetch_into(
    dataset: Dataset, folder: Path, years: list[int], client: KoladaClient
) -> FetchResult:
    """Fetch and, only when every key figure came, replace `folder/jamforelser.csv`."""
    result = fetch_comparisons(dataset, years, client)
    for warning in result.warnings:
        logger.warning("%s", warning)
    if result.warnings:
        logger.warning("%s", reasons.VALUES_LEFT_OUT.format(n=len(result.warnings)))
    if not result.ok:
        for failure in result.failures:
            logger.error("%s", failure)
        logger.error("%s", text.KOLADA_FAILED.format(n=len(result.failures)))
        return result
    path = write_comparisons(result.rows, folder)
    kpis = len({row["kpi"] for row in result.rows})
    logger.info("%s", text.KOLADA_WROTE.format(path=path, rows=len(result.rows), kpis=kpis))
    return result
