"""Fetch every mapped key figure for the 21 regions and riket, and write `jamforelser.csv`.

The file is replaced only when every key figure was fetched: a report never reads a half
fetch, and a failed fetch leaves the previous file as it was.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hsn_analysis.dataset import COMPARISON_COLUMNS, Dataset
from hsn_analysis.kolada.body import finite_number, shown
from hsn_analysis.kolada.client import (
    PER_PAGE,
    KoladaBadReply,
    KoladaClient,
    KoladaError,
    KoladaOffHost,
    KoladaUnreachable,
    chunks,
)
from hsn_analysis.rules.benchmark import COUNTRY, REGIONS
from hsn_analysis.words import kolada_text as reasons
from hsn_analysis.words import signals_text as text

logger = logging.getLogger(__name__)

FILE_NAME = "jamforelser.csv"
AREAS = (COUNTRY, *sorted(REGIONS))


@dataclass(frozen=True)
class Mapping:
    """An indicator and the Kolada key figure (and gender) that measures it."""

    indicator_id: str
    kpi: str
    gender: str


@dataclass
class FetchResult:
    """The rows fetched, one Swedish sentence per failure (none: a whole fetch) and one per
    value left out (a warning: the fetch is whole without it)."""

    rows: list[dict[str, object]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def mappings(dataset: Dataset) -> list[Mapping]:
    """The indicators with a `kolada_kpi`, in plan order."""
    frame = dataset.indicators[dataset.indicators["kolada_kpi"] != ""]
    return [
        Mapping(row.indikator_id, row.kolada_kpi, row.kolada_kon or "T")
        for row in frame.itertuples(index=False)
    ]


def fetch_comparisons(
    dataset: Dataset,
    years: list[int],
    client: KoladaClient,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> FetchResult:
    """Fetch the values of every mapped key figure for `years`; never raises for the service's
    failures, which become sentences of the result."""
    result = FetchResult()
    region = dataset.settings.kolada_id
    wanted = mappings(dataset)
    if region is None:
        result.failures.append(text.KOLADA_NO_REGION_ID)
    if not wanted:
        result.failures.append(text.KOLADA_NO_MAPPING)
    if result.failures:
        return result
    assert region is not None
    fetched = now().isoformat(timespec="seconds")
    try:
        names = _area_names(client)
        for kpi, gender in dict.fromkeys((m.kpi, m.gender) for m in wanted):
            indicators = [m.indicator_id for m in wanted if (m.kpi, m.gender) == (kpi, gender)]
            label = ", ".join(indicators)
            title = _title(client, kpi)
            if title is None:
                result.failures.append(text.KOLADA_UNKNOWN_KPI.format(kpi=kpi, indicator=label))
                continue
            values = _values(client, kpi, gender, years, result.warnings)
            _say_what_came(kpi, label, values, years)
            if not any(area == region for area, _ in values):
                result.failures.append(
                    text.KOLADA_NO_OWN_VALUE.format(
                        kpi=kpi, indicator=label, region=region, years=_years_text(years)
                    )
                )
                continue
            for indicator in indicators:
                for (area, year), value in sorted(values.items(), key=lambda i: (i[0][1], i[0][0])):
                    result.rows.append(
                        {
                            "indikator_id": indicator,
                            "ar": year,
                            "omrade_id": area,
                            "omrade": names.get(area, area),
                            "varde": value,
                            "kpi": kpi,
                            "kpi_titel": title,
                            "hamtad": fetched,
                        }
                    )
    except KoladaOffHost as exc:
        result.failures.append(reasons.KOLADA_OFF_HOST.format(reason=exc.reason))
    except KoladaUnreachable as exc:
        result.failures.append(text.KOLADA_UNREACHABLE.format(url=exc.url, reason=exc.reason))
    except KoladaBadReply as exc:
        result.failures.append(text.KOLADA_BAD_REPLY.format(url=exc.url, reason=exc.reason))
    except KoladaError as exc:
        result.failures.append(text.KOLADA_HTTP_ERROR.format(status=exc.status, url=exc.url))
    return result


def _area_names(client: KoladaClient) -> dict[str, str]:
    """The regions' names by id, and riket's (a listing may or may not include it)."""
    names = {COUNTRY: "Riket"}
    for row in client.values("municipality", region_type="L"):
        if isinstance(row, dict) and row.get("id") in REGIONS:
            names[str(row["id"])] = str(row.get("title") or row["id"])
    return names


def _title(client: KoladaClient, kpi: str) -> str | None:
    """The key figure's title; None when Kolada does not know it."""
    try:
        rows = client.values("kpi", kpi)
    except KoladaError as exc:
        if exc.status == 404:
            return None
        raise
    for row in rows:
        if isinstance(row, dict) and row.get("id") == kpi:
            return str(row.get("title") or kpi)
    return None


def _values(
    client: KoladaClient, kpi: str, gender: str, years: list[int], warnings: list[str]
) -> dict[tuple[str, int], float]:
    """(area, year) → value for the regions and riket; deleted rows and missing values are
    left out (a missing value is not 0), and so is a value that is not a finite number, with
    a warning naming it."""
    found: dict[tuple[str, int], float] = {}
    for areas in chunks(AREAS):
        for year_batch in chunks(str(y) for y in years):
            segments = ("data", "kpi", kpi, "municipality", ",".join(areas))
            url = client.url(*segments, "year", ",".join(year_batch), per_page=PER_PAGE)
            for page in client.pages(url):
                for n, row in enumerate(page["values"], start=1):
                    entry = _value_of(row, gender, url, n)
                    if entry is None:
                        continue
                    area, year, value = entry
                    if area not in AREAS or year not in years:
                        continue
                    number = finite_number(value)
                    if number is None:
                        warnings.append(
                            reasons.VALUE_LEFT_OUT.format(
                                kpi=kpi, area=area, year=year, gender=gender, value=shown(value)
                            )
                        )
                        continue
                    found[area, year] = number
    return found


def _value_of(row: Any, gender: str, url: str, n: int) -> tuple[str, int, object] | None:
    """One row's value for `gender` as sent, or None (deleted, missing or not for this
    gender). `url` and `n` name the row in a failure."""
    if not isinstance(row, dict):
        raise KoladaBadReply(url, reasons.ROW_NOT_OBJECT.format(n=n))
    if row.get("isdeleted"):
        return None
    try:
        area, year = str(row["municipality"]), int(row["period"])
        entries = row["values"]
    except (KeyError, TypeError, ValueError):
        raise KoladaBadReply(url, reasons.ROW_INCOMPLETE.format(n=n)) from None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("gender") == gender:
            value = entry.get("value")
            return None if value is None else (area, year, value)
    return None


def _say_what_came(
    kpi: str, label: str, values: dict[tuple[str, int], float], years: list[int]
) -> None:
    got = sorted({year for _, year in values})
    empty = [y for y in years if y not in got]
    logger.info(
        text.KOLADA_PROGRESS.format(
            kpi=kpi,
            indicator=label,
            rows=len(values),
            areas=len({area for area, _ in values}),
            years=_years_text(got) or "inga",
        )
    )
    if empty:
        logger.info(
            text.KOLADA_EMPTY_YEARS.format(kpi=kpi, indicator=label, years=_years_text(empty))
        )


def _years_text(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


def write_comparisons(rows: list[dict[str, object]], folder: Path) -> Path:
    """Write `jamforelser.csv` as the other example files are (UTF-8 with BOM, semicolons,
    decimal comma), replacing the old file in one rename."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(COMPARISON_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COMPARISON_COLUMNS])
    target = folder / FILE_NAME
    handle, temporary = tempfile.mkstemp(prefix=".jamforelser-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as file:
            file.write(buffer.getvalue())
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the file from colleagues
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _cell(value: object) -> str:
    if isinstance(value, float):
        return repr(value).replace(".", ",").removesuffix(",0")
    return str(value)
