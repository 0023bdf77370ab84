"""The list of every report in the output folder: `outputs/index.html` (see `layout`).

Rewritten by the runner after each published report and by the mail command after a sending, so
it only stats files and reads the small run records and mail logs, and imports nothing heavy
(no pandas or matplotlib). Whatever it finds unreadable still gets a row: a report is never
silently missing from the list.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import output_path
from hsn_analysis.report.markup import esc
from hsn_analysis.report.palette import BRAND, GRID, INK, MUTED, STATUS_SWATCH
from hsn_analysis.runs.attempts import unfinished_run
from hsn_analysis.runs.layout import BACKUP_STAMP, INDEX_NAME, published_files
from hsn_analysis.runs.locking import exclusive
from hsn_analysis.runs.published import latest_run_failed
from hsn_analysis.runs.unit_index import CSS as UNIT_CSS
from hsn_analysis.runs.unit_index import unit_listing
from hsn_analysis.words import labels
from hsn_analysis.words.json_keys import STATUS_OF_KEY
from hsn_analysis.words.report_text import TIME_ZONE
from hsn_analysis.words.safeguards import INDEX_UNFINISHED_NOTE

LOCK_NAME = ".index.lock"
logger = logging.getLogger(__name__)
_PERIOD_FOLDER = re.compile(r"^(\d{4})-T([1-3])$")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{6})(?:-(\d+))?$")
# Record key of each count column → palette/labels status code.
_COUNTS = STATUS_OF_KEY  # the record's count key → status code
_STATE_CLASS = {"current": "gallande", "replaced": "ersatt", "failed": "misslyckad"}


@dataclass
class _Row:
    """One line of the table: a report (current or replaced) or a failed run."""

    state: str  # current, replaced, failed
    file: Path
    file_time: datetime
    record: dict[str, Any] | None = None
    note: str | None = None  # why the record is missing, or what a failure left
    href: str = ""
    pdf_href: str = ""  # the same report's PDF/A beside it, when there is one
    mail: list[str] = field(default_factory=list)


def format_time(moment: datetime) -> str:
    """`5 september 2025 kl. 06:00` in Swedish time (a time without zone is taken as local)."""
    local = moment.astimezone(ZoneInfo(TIME_ZONE))
    month, time = labels.MONTH_NAMES[local.month - 1], local.strftime("%H:%M")
    return labels.INDEX_TIME.format(day=local.day, month=month, year=local.year, time=time)


def write_index(out: Path, *, now: datetime | None = None) -> Path:
    """Write `out/index.html`, the list of every report, and return its path.

    Two runs may finish at once, so the scan and the write share one lock; the page is written
    beside its place and renamed, so a reader never sees half a page.
    """
    target = output_path(out, INDEX_NAME)
    with exclusive(out / LOCK_NAME, "rapportindex", wait=True):
        page = _page(_scan(out), now or datetime.now(UTC), unit_listing(out))
        # Under the lock, a leftover temp file can only be from a writer that was killed.
        for stale in out.glob(f".{INDEX_NAME}.*.tmp"):
            stale.unlink(missing_ok=True)
        temp = out / f".{INDEX_NAME}.{secrets.token_hex(6)}.tmp"
        try:
            # os.open with 0o666 lets the umask decide, as for the reports (mkstemp gives 0600).
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as handle:
                # "replace": a record may hold a lone surrogate (valid JSON, invalid UTF-8).
                handle.write(page.encode("utf-8", "replace"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
    return target


def refresh_index(out: Path) -> None:
    """`write_index`, for callers whose own work is already done: a failure is logged, not
    raised, because the reports and the mail it would list are whole without it."""
    try:
        write_index(out)
    except OSError as exc:
        logger.error("Rapportindex kunde inte skrivas (%s).", exc)


def _scan(out: Path) -> list[tuple[Period, list[_Row]]]:
    """Every period folder with rows, newest period first."""
    periods = []
    for entry in out.iterdir():
        match = _PERIOD_FOLDER.match(entry.name)
        if match and entry.is_dir() and 1900 <= int(match.group(1)) <= 2999:
            periods.append(Period(int(match.group(1)), int(match.group(2))))
    found = [(period, _period_rows(out, period)) for period in sorted(periods, reverse=True)]
    return [(period, rows) for period, rows in found if rows]


def _period_rows(out: Path, period: Period) -> list[_Row]:
    """A failed newer run, the current report, then replaced reports newest first."""
    files = published_files(out, period)
    rows: list[_Row] = []
    current = _report_row(files.html)
    failed_time = _file_time(files.failed)
    if failed_time and latest_run_failed(files):
        note = labels.INDEX_FAILED_NOTE if current else None  # it names the current report
        rows.append(_Row("failed", files.failed, failed_time, note=note))
    if unfinished_run(files.html) is not None and (marker_time := _file_time(files.marker)):
        rows.insert(0, _Row("failed", files.marker, marker_time, note=INDEX_UNFINISHED_NOTE))
    if current:
        rows.append(current)
    rows += _replaced(files.backups, f"{files.stem}.")
    sendings, problem = _sendings(files.mail_log)
    for row in rows:
        row.href = quote(row.file.relative_to(out).as_posix())
        if row.state == "failed":
            continue
        pdf = row.file.with_suffix(".pdf")
        if pdf.is_file():  # a secretary files the PDF: it is linked beside the page
            row.pdf_href = quote(pdf.relative_to(out).as_posix())
        sha = (row.record or {}).get("html_sha256")
        row.mail = sendings.get(sha, []) if isinstance(sha, str) else []
        if problem:
            row.mail = [*row.mail, problem]
    return rows


def _replaced(folder: Path, prefix: str) -> list[_Row]:
    if not folder.is_dir():  # no report replaced yet
        return []
    files = [f for f in folder.iterdir() if f.name.startswith(prefix) and f.suffix == ".html"]
    rows = [row for file in files if (row := _report_row(file, "replaced"))]

    def newest(row: _Row) -> tuple[str, int]:
        # The stamp is the run time, fixed width, so it sorts as text; `-2` is a second run
        # within the same second. A renamed file sorts by its file time.
        stamp = _STAMP.match(row.file.name[len(prefix) : -len(".html")])
        if stamp:
            return stamp.group(1), int(stamp.group(2) or 1)
        return row.file_time.astimezone().strftime(BACKUP_STAMP), 0

    return sorted(rows, key=newest, reverse=True)


def _report_row(file: Path, state: str = "current") -> _Row | None:
    if (time := _file_time(file)) is None:
        return None
    data, problem = _read_json(file.with_suffix(".json"))
    if problem is None and not isinstance(data, dict):
        problem = labels.INDEX_RECORD_UNREADABLE
    return _Row(state, file, time, None if problem else data, problem)


def _file_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC) if path.is_file() else None
    except (OSError, OverflowError, ValueError):  # replaced since listed, or an absurd mtime
        return None


def _read_json(path: Path) -> tuple[Any, str | None]:
    """The parsed file, or None and why not (a label)."""
    try:
        # utf-8-sig: a record saved again by a Windows editor starts with a BOM.
        return json.loads(path.read_text(encoding="utf-8-sig")), None
    except FileNotFoundError:
        return None, labels.INDEX_RECORD_MISSING
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None, labels.INDEX_RECORD_UNREADABLE


def _sendings(path: Path) -> tuple[dict[str, list[str]], str | None]:
    """The mail log as texts per report sha256, and a problem note if it cannot be read."""
    if not path.exists():
        return {}, None
    data, problem = _read_json(path)
    if problem or not isinstance(data, list):
        return {}, labels.INDEX_MAIL_LOG_UNREADABLE
    by_sha: dict[str, list[str]] = {}
    for entry in data:
        if isinstance(entry, dict) and isinstance(entry.get("rapport_sha256"), str):
            by_sha.setdefault(entry["rapport_sha256"], []).append(_sending_text(entry))
    return by_sha, None


def _sending_text(entry: dict[str, Any]) -> str:
    # No-break spaces keep the time on one line in the narrow column.
    when = (_time_text(entry.get("skickat")) or labels.INDEX_MISSING).replace(" ", "\u00a0")
    if entry.get("fel"):
        return labels.INDEX_SEND_FAILED.format(when=when, error=entry["fel"])
    given = entry.get("mottagare")
    recipients = [r for r in given if isinstance(r, dict)] if isinstance(given, list) else []
    by_result: dict[object, list[str]] = {}
    for r in recipients:
        by_result.setdefault(r.get("resultat"), []).append(str(r.get("adress")))
    delivered = len(by_result.pop("levererad", []))
    if not by_result:
        return labels.INDEX_SENT.format(when=when, n=delivered)
    total = len(recipients)
    parts = [labels.INDEX_SENT_PARTLY.format(when=when, delivered=delivered, total=total)]
    if refused := by_result.pop("nekad", None):
        parts.append(labels.INDEX_SENT_REFUSED.format(addresses=", ".join(refused)))
    if by_result:  # ej_skickad, or a result this version does not know
        unsent = [address for addresses in by_result.values() for address in addresses]
        parts.append(labels.INDEX_SENT_NOT_SENT.format(addresses=", ".join(unsent)))
    return "; ".join(parts)


def _time_text(value: object) -> str | None:
    """A time or recorded ISO text in Swedish; None when missing or unreadable."""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return format_time(moment)
    except (ValueError, OverflowError, OSError):  # also year 1 or 9999 shifted out of range
        return None


def _board(periods: list[tuple[Period, list[_Row]]]) -> str | None:
    """The board name of the newest report that recorded one (rows are newest first)."""
    names = ((row.record or {}).get("namnd") for _, rows in periods for row in rows)
    return next((n.strip() for n in names if isinstance(n, str) and n.strip()), None)


def _page(periods: list[tuple[Period, list[_Row]]], now: datetime, units: str = "") -> str:
    board = _board(periods)
    title = labels.INDEX_TITLE_BOARD.format(board=board) if board else labels.INDEX_TITLE
    updated = labels.INDEX_UPDATED.format(when=_time_text(now) or "")
    if periods:
        body = f'<p class="intro">{esc(labels.INDEX_INTRO)}</p>{_table(periods)}'
    elif not units:
        body = f'<p class="tom">{esc(labels.INDEX_EMPTY)}</p>'
    else:
        body = ""
    body += units  # the basenheter's own reports, after the board's
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{_css()}{UNIT_CSS}</style>\n</head>\n<body>\n"
        f'<main class="rapportindex">\n<header class="rapporthuvud"><h1>{esc(title)}</h1>'
        f'<p class="skapad">{esc(updated)}</p></header>\n{body}\n</main>\n</body>\n</html>\n'
    )


def _table(periods: list[tuple[Period, list[_Row]]]) -> str:
    head = labels.INDEX_HEADERS
    # Symbol and word beside the colour: no status is told by colour alone.
    statuses = "".join(
        f'<th scope="col" class="num"><span class="status st-{code}"><span aria-hidden="true">'
        f"{labels.STATUS_SYMBOL[code]}</span> {esc(labels.SHORT_STATUS[code])}</span></th>"
        for code in _COUNTS.values()
    )
    bodies = []
    for period, rows in periods:
        cells = [
            f'<th scope="rowgroup" rowspan="{len(rows)}" class="period">{esc(period.label)}'
            f'<span class="kod">{esc(period.code)}</span></th>'
        ]
        lines = [_row(row, cells if n == 0 else []) for n, row in enumerate(rows)]
        bodies.append(f"<tbody>{''.join(lines)}</tbody>")
    return (
        '<div class="tabell" role="region" aria-labelledby="rubrik" tabindex="0"><table>'
        f'<caption id="rubrik">{esc(labels.INDEX_CAPTION)}</caption><thead><tr>'
        f'<th scope="col" rowspan="2">{esc(head["period"])}</th>'
        f'<th scope="col" rowspan="2">{esc(head["run"])}</th>'
        f'<th scope="colgroup" colspan="4" class="grupp">{esc(head["subgoals"])}</th>'
        + "".join(
            f'<th scope="col" rowspan="2">{esc(head[key])}</th>'
            for key in ("report", "state", "mail")
        )
        + f"</tr><tr>{statuses}</tr></thead>{''.join(bodies)}</table></div>"
    )


def _row(row: _Row, lead: list[str]) -> str:
    record = row.record or {}
    run = _time_text(record.get("startad")) or _time_text(record.get("klar"))
    if run is None:  # a failed run, or a report without a readable record
        # The note goes on a line of its own: the column is as wide as a run time.
        run = esc(labels.INDEX_FILE_TIME).format(when=_nowrap(_time_text(row.file_time)) + "<br>")
    else:
        run = _nowrap(run)
    title = f' title="{esc(record["titel"])}"' if record.get("titel") else ""
    # A line break may fall after the period's part of the name, nowhere else.
    name = ".<wbr>".join(esc(part) for part in row.file.name.split(".", 1))
    report = f'<a href="{esc(row.href)}"{title}>{name}</a>'
    if row.pdf_href:
        report += f' · <a href="{esc(row.pdf_href)}">{esc(labels.INDEX_PDF)}</a>'
    if record.get("exempeldata") is True:
        report += f' <span class="tagg">{esc(labels.INDEX_EXAMPLE_DATA)}</span>'
    state = f'<span class="lage">{esc(labels.INDEX_STATE[row.state])}</span>'
    if row.note and row.state != "failed":  # a failure's note fills its empty counts
        state += f'<span class="not">{esc(row.note)}</span>'
    mail = "".join(f"<div>{esc(text)}</div>" for text in row.mail) or esc(labels.INDEX_NOT_SENT)
    cells = [*lead, f"<td>{run}</td>", _counts(row), f"<td>{report}</td>"]
    cells += [f"<td>{state}</td>", f'<td class="utskick">{mail}</td>']
    return f'<tr class="{_STATE_CLASS[row.state]}">{"".join(cells)}</tr>'


def _nowrap(text: str | None) -> str:
    return f'<span class="tid">{esc(text)}</span>'


def _counts(row: _Row) -> str:
    if row.state == "failed":
        return f'<td colspan="4" class="not">{esc(row.note)}</td>'
    counts = (row.record or {}).get("delmal")
    if not isinstance(counts, dict):
        return f'<td colspan="4" class="saknas">{esc(labels.INDEX_MISSING)}</td>'
    cells = []
    for key in _COUNTS:
        value = counts.get(key)
        ok = isinstance(value, int) and not isinstance(value, bool)
        cells.append(f'<td class="num">{esc(value) if ok else "–"}</td>')
    return "".join(cells)


def _css() -> str:
    swatches = "".join(
        f".st-{code}{{background:{STATUS_SWATCH[code].fill};color:{STATUS_SWATCH[code].text}}}"
        for code in _COUNTS.values()
    )
    return _CSS.substitute(ink=INK, brand=BRAND, muted=MUTED, rule=GRID) + swatches


# The report's look (report/templates/hsn_rapport/rapport.css), cut down to what the list uses.
_CSS = Template("""
* { box-sizing: border-box; }
body { margin: 0; background: #EEF1F4; color: $ink; line-height: 1.5;
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.rapportindex { max-width: 84rem; margin: 2rem auto; padding: 0 2.5rem 2.5rem;
  background: #FFFFFF; box-shadow: 0 1px 4px rgba(31, 41, 51, 0.15); }
.rapporthuvud { margin: 0 -2.5rem 1.5rem; padding: 2rem 2.5rem 1.4rem; background: $brand;
  color: #FFFFFF; border-bottom: 6px solid #7FA7D9; }
.rapporthuvud h1 { margin: 0; font-size: 1.8rem; font-weight: 600; line-height: 1.25; }
.rapporthuvud .skapad { margin: 0.6rem 0 0; font-size: 0.85rem; opacity: 0.85; }
.intro, .tom { margin: 0 0 1rem; }
.tom { padding: 1rem 1.2rem; background: #E8EEF6; }
a { color: $brand; }
/* A shade at the right edge while more of the table is hidden there; the white cover scrolls
   with the table and hides the shade at its end. */
.tabell { overflow-x: auto; max-width: 100%;
  background: linear-gradient(to left, #FFFFFF 40%, rgba(255, 255, 255, 0)) right / 2rem 100%
    no-repeat local,
  linear-gradient(to left, rgba(31, 41, 51, 0.2), rgba(31, 41, 51, 0)) right / 0.8rem 100%
    no-repeat scroll; }
.tabell:focus-visible { outline: 2px solid $brand; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; min-width: 58rem; font-size: 0.875rem; }
caption { text-align: left; font-weight: 600; padding: 0 0 0.3rem; color: $muted; }
th, td { padding: 0.4rem 0.45rem; border-bottom: 1px solid $rule; text-align: left; }
td, tbody th { vertical-align: top; }
thead th { border-bottom: 2px solid $ink; font-weight: 600; vertical-align: bottom; }
thead th.grupp { border-bottom: 1px solid $rule; text-align: center; }
tbody + tbody { border-top: 2px solid $brand; }
th.period { font-weight: 600; color: $brand; white-space: nowrap; }
.kod { display: block; font-weight: 400; font-size: 0.8rem; color: $muted; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.num, .tid, td a { white-space: nowrap; }
.status { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 3px; font-size: 0.8rem;
  white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.lage { font-weight: 600; }
span.not { display: block; }
.not { font-size: 0.8rem; color: $muted; }
.tagg { display: inline-block; margin-left: 0.2rem; padding: 0 0.4rem; font-size: 0.75rem;
  font-weight: 600; background: #FFF4D6; border-left: 4px solid #C99A06; }
tr.gallande .lage { color: $brand; }
tr.ersatt td, tr.ersatt a { color: $muted; }
tr.misslyckad td { background: #FBEAE9; }
tr.misslyckad .lage { color: #B3261E; }
.saknas { color: $muted; font-style: italic; text-align: center; }
.utskick { min-width: 15rem; }
.utskick div + div { margin-top: 0.3rem; }
@media (max-width: 48rem) {
  .rapportindex { margin: 0; padding: 0 1rem 1.5rem; }
  .rapporthuvud { margin: 0 -1rem 1rem; padding: 1.4rem 1rem 1rem; }
  .rapporthuvud h1 { font-size: 1.4rem; }
}
@media print {
  body { background: #FFFFFF; }
  .rapportindex { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .rapporthuvud, .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .tabell { overflow: visible; }
  table { min-width: 0; }
}
""")
