"""The report index as one self-contained HTML page: a table of every period's reports with
their subgoal counts, state and sendings, in the report's look, then the basenheter's list."""

from __future__ import annotations

from datetime import datetime
from string import Template

from hsn_analysis.periods import Period
from hsn_analysis.report.markup import esc
from hsn_analysis.report.palette import BRAND, GRID, INK, MUTED, STATUS_SWATCH
from hsn_analysis.runs.index_rows import IndexRow, time_text
from hsn_analysis.runs.unit_index import CSS as UNIT_CSS
from hsn_analysis.words import labels
from hsn_analysis.words.json_keys import STATUS_OF_KEY

_COUNTS = STATUS_OF_KEY  # the record's count key → status code
_STATE_CLASS = {"current": "gallande", "replaced": "ersatt", "failed": "misslyckad"}


def _board(periods: list[tuple[Period, list[IndexRow]]]) -> str | None:
    """The board name of the newest report that recorded one (rows are newest first)."""
    names = ((row.record or {}).get("namnd") for _, rows in periods for row in rows)
    return next((n.strip() for n in names if isinstance(n, str) and n.strip()), None)


def page(periods: list[tuple[Period, list[IndexRow]]], now: datetime, units: str = "") -> str:
    board = _board(periods)
    title = labels.INDEX_TITLE_BOARD.format(board=board) if board else labels.INDEX_TITLE
    updated = labels.INDEX_UPDATED.format(when=time_text(now) or "")
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


def _table(periods: list[tuple[Period, list[IndexRow]]]) -> str:
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


def _row(row: IndexRow, lead: list[str]) -> str:
    record = row.record or {}
    run = time_text(record.get("startad")) or time_text(record.get("klar"))
    if run is None:  # a failed run, or a report without a readable record
        # The note goes on a line of its own: the column is as wide as a run time.
        run = esc(labels.INDEX_FILE_TIME).format(when=_nowrap(time_text(row.file_time)) + "<br>")
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


def _counts(row: IndexRow) -> str:
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
