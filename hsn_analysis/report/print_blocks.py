"""The building blocks of the typeset PDF's data: plain JSON that the Typst template lays out.

Nothing here is markup: every text from the data travels as a JSON string, which the template
shows as text; it can never become a command. A block is a dict with a kind `k` (p, h, ul, dl,
table, fig, keys, box, keep, side); a run of text is a list of spans `[kind, text]` ("" plain,
"m" quiet, "b" strong, "mono", "s:<status>" a status badge, "i:<code>" a signal icon,
"l:<anchor>" a link to a delmål, printed with its page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from hsn_analysis.report.chart_images import file_stem
from hsn_analysis.report.markup import prose_parts
from hsn_analysis.rules.signals import Signal
from hsn_analysis.words import labels
from hsn_analysis.words import signals_text as signal_words
from hsn_analysis.words.signals_json import assurance_reason, no_signal_reason

Span = list[str]
Block = dict[str, Any]
# Where the template finds a chart's file, relative to the folder it is compiled in.
CHART_FOLDER = "diagram"


@dataclass(frozen=True)
class Chart:
    """A chart of the report: its key (`chart_images`), its alt text and how to draw it."""

    key: str
    alt: str
    draw: Callable[[], Any]  # → a matplotlib Figure


class Document:
    """The report's blocks as they are projected, and the charts they refer to."""

    def __init__(self) -> None:
        self.charts: list[Chart] = []

    def figure(self, key: str, draw: Callable[[], Any], alt: str, size: str = "") -> Block:
        """A chart's block: its print picture, the one the HTML's picture is halved from."""
        self.charts.append(Chart(key, alt, draw))
        src = f"{CHART_FOLDER}/{file_stem(key)}.png"
        return {"k": "fig", "src": src, "alt": alt, "w": size}


def span(text: object, kind: str = "") -> Span:
    return [kind, "" if text is None else str(text)]


def badge(status: str, word: str) -> Span:
    """A status as symbol and word on its colour, as `markup.badge` draws it."""
    return [f"s:{status}", f"{labels.STATUS_SYMBOL[status]} {word}"]


def para(text: str, style: str = "") -> Block:
    return {"k": "p", "s": [span(text)], "c": style}


def heading(text: str, level: int) -> Block:
    return {"k": "h", "l": level, "t": text}


def bullets(items: Iterable[list[Span]]) -> Block:
    return {"k": "ul", "items": list(items)}


def written(text: str) -> list[Block]:
    """Written text (`markup.prose`) as paragraphs and bullet lists."""
    return [
        para(part) if isinstance(part, str) else bullets([[span(b)] for b in part])
        for part in prose_parts(text)
    ]


def table(
    headers: Iterable[str],
    rows: Iterable[list[list[Span]]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    highlighted: Iterable[int] = (),
    notes: dict[int, list[Span]] | None = None,
    style: str = "",
    widths: Iterable[str] = (),
) -> Block:
    """A table whose cells are runs of spans; `notes` a run under body row n, across the table;
    `widths` each column's ("auto", or a share of the room such as "2fr"; all auto if none)."""
    lit = set(highlighted)
    body = []
    for n, cells in enumerate(rows):
        body.append({"c": cells, "hi": n in lit})
        if notes and n in notes:
            body.append({"note": notes[n]})
    return {
        "k": "table",
        "cap": caption,
        "head": list(headers),
        "rows": body,
        "num": list(numeric),
        "c": style,
        **({"w": list(widths)} if widths else {}),
    }


def named(name: str, ident: str) -> list[Span]:
    """ "Vårdplatser (I1)": a name and, quieter, its id."""
    return [span(name), span(f" ({ident})", "m")]


def indicator_badge(status: str, kind: str = "", *, short: bool = False) -> Span:
    return badge(status, labels.indicator_status_text(status, kind, short=short))


def icon(code: str, words: dict[str, tuple[str, str]]) -> Span:
    symbol, word = words[code]
    return [f"i:{code}", f"{symbol} {word}"]


def signal_spans(signal: Signal | None) -> tuple[list[Span], list[Span]]:
    """As `benchmarks.signal_cells`: the variation and assurance icons, or the one phrase that
    says why there is no signal; an assurance that cannot be read says why beside it."""
    if signal is None or signal.result is None:
        reason = signal_words.SHORT_SERIES if signal is None else no_signal_reason(signal)
        return [span(reason or signal_words.SHORT_SERIES, "m")], [span(signal_words.NO_ASSURANCE)]
    variation = [icon(signal.result.variation.value, signal_words.VARIATION_LABELS)]
    return variation, assurance_spans(signal)


def assurance_spans(signal: Signal) -> list[Span]:
    """As `benchmarks.assurance_cell`: the assurance icon, with its reason when it cannot be
    read."""
    result = signal.result
    assurance = None if result is None else result.assurance
    if assurance is None:
        spans = [span(signal_words.NO_ASSURANCE)]
    else:
        spans = [icon(assurance.value, signal_words.ASSURANCE_LABELS)]
    why = assurance_reason(signal)
    return [*spans, span(f" ({why})", "m")] if why else spans
