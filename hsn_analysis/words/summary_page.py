"""`hsn-report summary` without --json: the summary JSON laid out as a page for the terminal."""

from __future__ import annotations

from hsn_analysis.rules.result import TertialResult
from hsn_analysis.words import labels
from hsn_analysis.words.json_keys import COUNT_KEY, TOTAL_KEY
from hsn_analysis.words.summary import summary_json
from hsn_analysis.words.terminal import printable
from hsn_analysis.words.titles import report_title

__all__ = ["summary_page"]

HEADERS = ("Mål", "Delmål", "Uppnås", "Delvis", "Uppnås ej", "Ej bedömd", "Målstatus")
WHOLE_BOARD = "Hela nämnden"
ROLLUP_RULE = "Målstatus enligt regeln '{rule}'."
_NAME_WIDTH = 48


def summary_page(result: TertialResult) -> str:
    """The report's title, the count sentence and a table of the mål with their counts: the
    same figures as the JSON (`summary_json`), written for a terminal."""
    settings = result.dataset.settings
    summary = summary_json(result)
    lines = [printable(report_title(settings, result.period))]
    if settings.example_data:
        lines.append(labels.EXAMPLE_DATA_BANNER)
    lines += ["", summary["sammanfattning"], ""]
    keys = (TOTAL_KEY, *COUNT_KEY.values())
    rows = [
        (
            _shorten(printable(f"{m['mal_id']} {m['namn']}"), _NAME_WIDTH),
            *(str(m[k]) for k in keys),
            labels.SHORT_STATUS[m["status"]],
        )
        for m in summary["mal"]
    ]
    total = summary["delmal"]
    rows.append((WHOLE_BOARD, *(str(total[k]) for k in keys), ""))
    widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    for row in [HEADERS, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:-1], widths[1:-1], strict=True)]
        cells.append(row[-1])
        lines.append("  ".join(cells).rstrip())
    rule = ROLLUP_RULE.format(rule=settings.rollup_rule.value)
    return "\n".join([*lines, "", rule])


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
