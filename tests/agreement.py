"""Do the outputs of one run say the same? Each output is parsed on its own, then compared.

    problems = check_agreement(html, record, summary)   # [] when they agree

`html` is the report page (parsed with an HTML parser, as a reader's browser would), `record`
the run record (`uppfoljning-P.json`) and `summary` the object `hsn-report summary --json`
prints; `pdf`, when given, the PDF's text as a reader's program extracts it (`pdf_text`).
What is compared: the count sentence, the number of delmål per status, and each indicator's
status word and value and fulfilment as written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from hsn_analysis.words import labels, report_text

STATUSES = ("gron", "gul", "rod", "ej_bedomd")
# The summary's and the record's count keys (the JSON contract) and the statuses they count.
COUNT_KEYS = {"uppnas": "gron", "delvis": "gul", "uppnas_ej": "rod", "ej_bedomd": "ej_bedomd"}


@dataclass(frozen=True)
class IndicatorFigures:
    """One indicator's report-period figures as one output gives them (None: not given)."""

    statuses: frozenset[str]  # the status codes its word or code can mean
    value_text: str | None = None
    value: float | None = None  # an output that gives the number, not its text
    fulfilment_text: str | None = None


@dataclass(frozen=True)
class Figures:
    """What one output says about the period."""

    name: str
    sentence: str
    counts: dict[str, int]  # status code -> number of delmål
    indicators: dict[str, IndicatorFigures] = field(default_factory=dict)


# --- the HTML page ----------------------------------------------------------------------------


@dataclass
class Element:
    """An element of the parsed page: tag, attributes, children and text in order."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        """The text a reader sees (aria-hidden symbols left out), spaces collapsed."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.attrs.get("aria-hidden") != "true":
                parts.append(child.text())
        return re.sub(r"\s+", " ", "".join(parts).replace("\u00a0", " ")).strip()

    def find_all(self, tag: str, cls: str | None = None) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag and (cls is None or cls in child.classes):
                    found.append(child)
                found += child.find_all(tag, cls)
        return found


_VOID = {"img", "br", "hr", "meta", "link", "input", "col", "wbr", "source", "area", "base"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    """The page as a tree of elements."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _status_words() -> dict[str, set[str]]:
    """Each short status word of the report's tables and the codes it can stand for."""
    words: dict[str, set[str]] = {}
    for table in (labels.SHORT_INDICATOR_STATUS, labels.SHORT_TREND_STATUS):
        for code, word in table.items():
            words.setdefault(word, set()).add(code)
    return words


def _count_words() -> dict[str, str]:
    words = {}
    for table in (report_text.KEY_FIGURE_TEXT, report_text.KEY_FIGURE_TEXT_ONE):
        for code, word in table.items():
            words[word] = code
    return words


def html_figures(html: str) -> Figures:
    """The count sentence (the summary's lead), the key figures per status, and each
    indicator's report-period row of its table (its caption names it)."""
    page = parse_html(html)
    [lead] = [p for p in page.find_all("p", "ingress")][:1] or [Element("p", {})]
    counts: dict[str, int] = {}
    count_words = _count_words()
    for box in page.find_all("div", "nyckeltal")[:1]:
        for card in (c for c in box.children if isinstance(c, Element)):
            [number] = card.find_all("span", "antal")
            [words] = card.find_all("span", "text")
            counts[count_words[words.text()]] = int(number.text())
    status_words = _status_words()
    indicators = {}
    for table in page.find_all("table"):
        captions = table.find_all("caption")
        prefix = report_text.INDICATOR_CAPTION.format(name="")
        if not captions or not captions[0].text().startswith(prefix.strip()):
            continue
        indicator_id = captions[0].text().removeprefix(prefix.strip()).strip()
        rows = table.find_all("tr", "rapportperiod")
        if not rows:
            continue
        cells = rows[0].find_all("td")
        status = frozenset(status_words.get(cells[1].text(), {f"okänt ord: {cells[1].text()}"}))
        value = cells[2].text()
        fulfilment = cells[4].text() if len(cells) == 5 else None  # öka/minska have none
        indicators[indicator_id] = IndicatorFigures(
            statuses=status,
            value_text=None if value == "–" else value,
            fulfilment_text=None if fulfilment in (None, "–") else fulfilment,
        )
    return Figures("HTML", lead.text(), counts, indicators)


# --- the JSON outputs ---------------------------------------------------------------------------


def _plain(text: str | None) -> str | None:
    """Text as the page's reader sees it: a non-breaking space is a space."""
    return None if text is None else text.replace("\u00a0", " ").replace("\u202f", " ")


def _counts(given: dict[str, Any]) -> dict[str, int]:
    return {COUNT_KEYS[key]: int(n) for key, n in given.items() if key in COUNT_KEYS}


def record_figures(record: dict[str, Any]) -> Figures:
    """The run record's sentence, counts and `indikatorer` (codes and the report's words)."""
    indicators = {
        row["indikator_id"]: IndicatorFigures(
            statuses=frozenset({row["status"]}),
            value_text=_plain(row["varde_text"]),
            fulfilment_text=_plain(row["uppfyllelse_text"]),
        )
        for row in record["indikatorer"]
    }
    return Figures(
        "körningsposten", record["sammanfattning"], _counts(record["delmal"]), indicators
    )


def summary_figures(summary: dict[str, Any]) -> Figures:
    """`summary --json`: the report period's row of each indicator (numbers, codes, texts)."""
    indicators = {
        row["indikator_id"]: IndicatorFigures(
            statuses=frozenset({row["status"]}),
            value=row["varde"],
            fulfilment_text=_plain(row["uppfyllelse_text"]),
        )
        for row in summary["indikatorer"]
        if row["period"] == summary["period"]
    }
    return Figures(
        "summary --json", summary["sammanfattning"], _counts(summary["delmal"]), indicators
    )


# --- the comparison -------------------------------------------------------------------------


def _parse_number(text: str) -> tuple[float, int]:
    """A Swedish number as written ("1 234,56") and its count of decimals."""
    plain = text.replace(" ", "").replace("\u2212", "-")
    decimals = len(plain.partition(",")[2])
    return float(plain.replace(",", ".")), decimals


def _value_agrees(text: str | None, number: float | None) -> bool:
    """A written value and a number agree when the text is the number rounded to the decimals
    it shows (half a unit of its last decimal either way)."""
    if text is None or number is None:
        return text is None and number is None
    try:
        shown, decimals = _parse_number(text)
    except ValueError:
        return False
    return math.isclose(shown, number, abs_tol=0.5 * 10**-decimals + 1e-9)


def disagreements(outputs: list[Figures]) -> list[str]:
    """Every way the outputs differ, in one sentence each (empty when they all agree)."""
    found: list[str] = []
    first = outputs[0]
    for other in outputs[1:]:
        pair = f"{first.name} och {other.name}"
        if first.sentence != other.sentence:
            found.append(f"{pair}: meningen skiljer: {first.sentence!r} / {other.sentence!r}")
        for status in STATUSES:
            a, b = first.counts.get(status), other.counts.get(status)
            if a != b:
                found.append(f"{pair}: antal delmål med status {status}: {a} / {b}")
    ids = sorted(set().union(*(o.indicators for o in outputs)))
    for indicator_id in ids:
        given = [(o.name, o.indicators.get(indicator_id)) for o in outputs]
        missing = [name for name, figures in given if figures is None]
        if missing:
            found.append(f"{indicator_id}: saknas i {', '.join(missing)}")
            continue
        found += _indicator_disagreements(indicator_id, given)  # type: ignore[arg-type]
    return found


def _indicator_disagreements(
    indicator_id: str, given: list[tuple[str, IndicatorFigures]]
) -> list[str]:
    found = []
    statuses = [figures.statuses for _, figures in given]
    if not frozenset.intersection(*statuses):
        words = " / ".join(f"{name}: {sorted(f.statuses)}" for name, f in given)
        found.append(f"{indicator_id}: statusen skiljer ({words})")
    texts = [(name, f.fulfilment_text) for name, f in given]
    if len({t for _, t in texts}) > 1:
        found.append(f"{indicator_id}: måluppfyllelsen skiljer ({texts})")
    if all(s == {"helar"} for s in statuses):
        return found  # not due: the page shows the last full year's value, the others none
    written = [(name, f.value_text) for name, f in given if f.value is None]
    if len({t for _, t in written}) > 1:
        found.append(f"{indicator_id}: utfallet skiljer ({written})")
    for name, f in given:
        if f.value is None:
            continue
        for other, text in written:
            if not _value_agrees(text, f.value):
                found.append(
                    f"{indicator_id}: utfallet {text!r} i {other} är inte {f.value} ({name})"
                )
    return found


# --- the PDF's text ----------------------------------------------------------------------------


def pdf_text(pages: Iterable[str]) -> str:
    """The PDF's text, page after page, from each page's text as pypdf extracts it
    (`page.extract_text()`; conftest's `page_texts` extracts a report's once per test run)."""
    return "\n".join(pages)


def _flexible(text: str) -> str:
    """A regex for `text` whose spaces may be any run of white space (a line break)."""
    return r"\s+".join(re.escape(word) for word in text.split())


_PERIOD_LABEL = re.compile(r"^T\d \d{4} ", re.M)


def pdf_figures(text: str) -> Figures:
    """The count sentence (up to the key figures after it), the key figures (a number, a status
    symbol and the words), and each indicator's first row under its table's caption."""
    count_words = _count_words()
    symbols = "".join(sorted(set(labels.STATUS_SYMBOL.values()) - {"–"}))
    key = re.compile(
        rf"^(\d+)\s*[{symbols}]\s*({'|'.join(_flexible(w) for w in count_words)})\s*$", re.M
    )
    keys = list(key.finditer(text))[:4]
    counts = {count_words[" ".join(m[2].split())]: int(m[1]) for m in keys}
    start = labels.COUNT_SENTENCE.partition("{")[0]
    lead_at = text.find(start)
    end = keys[0].start() if keys else lead_at
    sentence = " ".join(text[lead_at:end].split()) if lead_at >= 0 else ""
    status_words = sorted(_status_words().items(), key=lambda item: -len(item[0]))
    trend_heads = ["".join(h.split()) for h in report_text.COMPARED_WITH.values()]
    indicators = {}
    prefix = report_text.INDICATOR_CAPTION.format(name="").strip()
    for caption in re.finditer(rf"^{re.escape(prefix)} (\S+)$", text, re.M):
        after = text[caption.end() :]
        row = _PERIOD_LABEL.search(after)
        if row is None:
            continue
        head = re.sub(r"[\s\u00ad]", "", after[: row.start()])
        rest = after[row.end() :].split("\n" + "T", 1)[0]  # up to the next row
        rest = rest.lstrip()[1:].lstrip()  # the status symbol
        found = next(((w, c) for w, c in status_words if rest.startswith(w)), None)
        word, codes = found or (rest.split()[0], {f"okänt ord: {rest.split()[0]}"})
        cells = re.split(r"[ \n]+", rest[len(word) :].strip())
        trend = any(h in head for h in trend_heads)
        fulfilment = None if trend else cells[-1]
        indicators[caption[1]] = IndicatorFigures(
            statuses=frozenset(codes),
            value_text=None if cells[0] == "–" else cells[0].replace("\u00a0", " "),
            fulfilment_text=None if fulfilment in (None, "–") else fulfilment,
        )
    return Figures("PDF", sentence, counts, indicators)


def check_agreement(
    html: str, record: dict[str, Any], summary: dict[str, Any], pdf: str | None = None
) -> list[str]:
    """Every disagreement between the report page, the run record, `summary --json` and, when
    given, the PDF's text."""
    outputs = [html_figures(html), record_figures(record), summary_figures(summary)]
    return disagreements(outputs + ([pdf_figures(pdf)] if pdf is not None else []))
