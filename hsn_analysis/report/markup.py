"""Small HTML building blocks for the report: escaped text, status badges, tables, figures.

Every piece of text that may come from input data goes through `esc`; the fragments here are the
only place report HTML is written by hand, so escaping is decided once.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hsn_analysis.report.chart_images import ChartImage, draw_image
from hsn_analysis.report.palette import STATUS_SWATCH
from hsn_analysis.words import labels

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Fragment:
    """A piece of finished report HTML. Jupyter shows it as HTML; nbconvert copies it verbatim."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<Fragment: {len(self.html)} tecken HTML>"


def esc(value: object) -> str:
    """Text as HTML: `<script>` becomes `&lt;script&gt;`; quotes are escaped for attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def paragraphs(text: str) -> str:
    """Plain text with line breaks as escaped `<p>` elements (empty lines separate paragraphs)."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n")]
    return "".join(f"<p>{esc(part)}</p>" for part in parts if part)


def badge(status: str, word: str) -> str:
    """A status as colour + symbol + word, e.g. ■ Kommer inte att uppnås on red.

    The colour is an inline style so the badge also looks right in JupyterLab, where the
    report's stylesheet is not loaded.
    """
    swatch = STATUS_SWATCH[status]
    symbol = labels.STATUS_SYMBOL[status]
    return (
        f'<span class="status status-{esc(status)}" '
        f'style="background:{swatch.fill};color:{swatch.text}">'
        f'<span class="symbol" aria-hidden="true">{symbol}</span> {esc(word)}</span>'
    )


def figure_png(fig: Figure) -> tuple[bytes, tuple[int, int]]:
    """The figure as the screen's palette PNG, and its size in pixels as the PNG has it."""
    image = draw_image(fig)
    return image.screen, image.size


def figure(fig: Figure, alt: str, caption: str | None = None, css_class: str = "") -> str:
    """A chart embedded as a `data:` PNG with its alt text (nothing is fetched when opened)."""
    return chart(draw_image(fig), alt, caption, css_class)


def chart(image: ChartImage, alt: str, caption: str | None = None, css_class: str = "") -> str:
    """A chart's screen picture (`chart_images`) embedded as a `data:` PNG with its alt text."""
    # The size comes from the PNG itself: a width or height one pixel off would make the
    # browser stretch the chart.
    width, height = image.size
    data = base64.b64encode(image.screen).decode("ascii")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="chart {esc(css_class)}">'
        f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}" '
        f'width="{width}" height="{height}">{cap}</figure>'
    )


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    css_class: str = "",
    row_classes: Sequence[str] | None = None,
    notes: Mapping[int, str] | None = None,
) -> str:
    """A table whose cells are finished HTML (escape text with `esc` first).

    Columns listed in `numeric` are right-aligned so that decimal commas line up. `notes`:
    finished HTML shown in a row of its own, across the table, right under body row n.
    """
    right = set(numeric)

    def cell(tag: str, i: int, content: str) -> str:
        cls = ' class="num"' if i in right else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{cls}{scope}>{content}</{tag}>"

    head = "".join(cell("th", i, esc(h)) for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        cls = f' class="{esc(row_classes[n])}"' if row_classes and row_classes[n] else ""
        body.append(f"<tr{cls}>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>")
        if notes and n in notes:
            body.append(f'<tr class="notrad"><td colspan="{len(headers)}">{notes[n]}</td></tr>')
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<table class="{esc(css_class)}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def bullet_list(items: Iterable[str], css_class: str = "") -> str:
    """A `<ul>` of finished HTML items."""
    lis = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="{esc(css_class)}">{lis}</ul>'


def css_string(text: str) -> str:
    """Text as a quoted CSS string: every character but letters, digits and plain punctuation
    as a hex escape, so that no text from data can end the string or the `<style>` element."""
    safe = " -.,:/()·–"
    body = "".join(c if c.isalnum() or c in safe else f"\\{ord(c):06X}" for c in text)
    return f'"{body}"'


def prose(text: str) -> str:
    """Written text as HTML: blank lines separate paragraphs, lines starting `- ` are bullets;
    everything is escaped and nothing else is interpreted."""
    return "".join(
        f"<p>{esc(part)}</p>"
        if isinstance(part, str)
        else "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in part) + "</ul>"
        for part in prose_parts(text)
    )


def prose_parts(text: str) -> list[str | list[str]]:
    """Written text as its parts: a paragraph (its lines joined) or a list of bullets (lines
    starting `- `); blank lines separate paragraphs. The HTML and the PDF read it alike."""
    blocks: list[str | list[str]] = []
    lines: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(" ".join(lines))
            lines.clear()
        if bullets:
            blocks.append(list(bullets))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            if lines:
                flush()
            bullets.append(line[2:].strip())
        else:
            if bullets:
                flush()
            lines.append(line)
    flush()
    return blocks


def scroll_region(content: str, label: str) -> str:
    """A table that may scroll sideways on a phone, in a region the keyboard can reach (a
    scrolling area with nothing focusable in it is out of a keyboard user's reach)."""
    return (
        f'<div class="rullbar" role="region" tabindex="0" aria-label="{esc(label)}">{content}</div>'
    )
