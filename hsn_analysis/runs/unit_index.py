"""The basenheter's reports in the index: per period, every unit's current report by område,
its PDF/A beside it when its run made one.

Read from the files alone (each report's small run record), like the rest of the index; a
report whose record cannot be read is still listed, by its folder name.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import UnsafeOutputPath
from hsn_analysis.report.markup import esc
from hsn_analysis.runs.layout import UNIT_FOLDER, published_files
from hsn_analysis.words import labels
from hsn_analysis.words import publishing as words
from hsn_analysis.words.counting import REPORTS, counted

CSS = (
    ".enhetsrapporter h2 { font-size: 1.15rem; margin: 2rem 0 0.3rem; color: #1F3A5F; }"
    ".enhetsrapporter h3 { font-size: 0.95rem; margin: 0.8rem 0 0.2rem; }"
    ".enhetsrapporter ul { columns: 16rem; margin: 0; padding-left: 1.2rem; font-size: 0.875rem; }"
)


def _record(html: Path) -> dict[str, object]:
    try:
        data = json.loads(html.with_suffix(".json").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _periods(out: Path) -> list[Period]:
    found = []
    for entry in out.iterdir():
        try:
            period = Period.parse(entry.name)
        except ValueError:
            continue
        if entry.is_dir() and period.code == entry.name:
            found.append(period)
    return sorted(found, reverse=True)


def unit_listing(out: Path) -> str:
    """HTML listing every period's current unit reports, newest period first; "" if none."""
    parts = []
    for period in _periods(out):
        folder = out / period.code / UNIT_FOLDER
        if not folder.is_dir():
            continue
        by_area: dict[str, list[str]] = {}
        count = 0
        for unit_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
            try:
                html = published_files(out, period, unit_folder.name).html
            except UnsafeOutputPath:  # a folder no run of ours made
                continue
            if not html.is_file():
                continue
            record = _record(html)
            name = str(record.get("enhet_namn") or unit_folder.name)
            area = str(record.get("omrade") or words.UNKNOWN_AREA)
            href = quote(html.relative_to(out).as_posix())
            item = f'<a href="{esc(href)}">{esc(name)}</a>'
            pdf = html.with_suffix(".pdf")
            if record.get("pdf_sha256") and pdf.is_file():  # its run made one (`run --pdf`)
                pdf_href = quote(pdf.relative_to(out).as_posix())
                item += f' · <a href="{esc(pdf_href)}">{esc(labels.INDEX_PDF)}</a>'
            by_area.setdefault(area, []).append(f"<li>{item}</li>")
            count += 1
        if not count:
            continue
        groups = "".join(
            f"<h3>{esc(area)}</h3><ul>{''.join(items)}</ul>" for area, items in by_area.items()
        )
        heading = words.UNIT_REPORTS_HEADING.format(period=period.label)
        parts.append(
            f'<section class="enhetsrapporter"><h2>{esc(heading)}'
            f'</h2><p class="intro">{esc(counted(count, REPORTS))}</p>{groups}</section>'
        )
    return "".join(parts)
