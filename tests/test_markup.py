"""The report's HTML building blocks: escaping, paragraphs, badges, tables and embedded charts."""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from hsn_analysis.report.chart_images import FIGURE_DPI, PRINT_DPI, PRINT_SCALE
from hsn_analysis.report.markup import (
    Fragment,
    badge,
    bullet_list,
    esc,
    figure,
    figure_png,
    paragraphs,
    table,
)
from hsn_analysis.report.palette import STATUS_SWATCH
from hsn_analysis.words import labels

SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


class Elements(HTMLParser):
    """Start tags with their attributes, in document order, and the text of each tag."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[tuple[str, str]] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data):
        self.texts.append((self._open[-1] if self._open else "", data))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def text_of(self, tag: str) -> list[str]:
        return [text for name, text in self.texts if name == tag]


# --- esc ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (SCRIPT, SCRIPT_ESCAPED),
        ('"citat"', "&quot;citat&quot;"),
        ("'apostrof'", "&#x27;apostrof&#x27;"),
        ("A & B", "A &amp; B"),
        ("&amp; redan kodat", "&amp;amp; redan kodat"),
        ("<a href=\"x\" onclick='y'>", "&lt;a href=&quot;x&quot; onclick=&#x27;y&#x27;&gt;"),
        ("Vårdcentral åäö 1\u00a0234", "Vårdcentral åäö 1\u00a0234"),
        (None, ""),
        (42, "42"),
        (2.5, "2.5"),
    ],
)
def test_esc_turns_markup_quotes_and_ampersands_into_entities(given, expected):
    assert esc(given) == expected


def test_esc_output_reads_back_as_the_original_text_in_an_attribute():
    text = f"{SCRIPT} \"dubbla\" 'enkla' & mer"
    parsed = Elements(f'<img alt="{esc(text)}">')
    assert parsed.all("img") == [{"alt": text}]


# --- paragraphs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("En rad", "<p>En rad</p>"),
        ("Första\nAndra", "<p>Första</p><p>Andra</p>"),
        ("Första\r\nAndra", "<p>Första</p><p>Andra</p>"),
        ("Första\n\n\nAndra\n", "<p>Första</p><p>Andra</p>"),
        ("  indragen  \n   \n\tmed tabb\t", "<p>indragen</p><p>med tabb</p>"),
        ("", ""),
        ("\n \n\r\n", ""),
        (f'{SCRIPT}\nA & "B"', f"<p>{SCRIPT_ESCAPED}</p><p>A &amp; &quot;B&quot;</p>"),
    ],
)
def test_paragraphs_splits_lines_drops_empty_ones_and_escapes(text, expected):
    assert paragraphs(text) == expected


# --- badge -------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(STATUS_SWATCH))
def test_badge_carries_the_palette_colours_inline_the_hidden_symbol_and_the_word(status):
    swatch = STATUS_SWATCH[status]
    html = badge(status, "Ordet")
    parsed = Elements(html)
    outer, symbol = parsed.all("span")
    assert outer["class"] == f"status status-{status}"
    assert outer["style"] == f"background:{swatch.fill};color:{swatch.text}"
    assert symbol == {"class": "symbol", "aria-hidden": "true"}
    assert parsed.text_of("span") == [labels.STATUS_SYMBOL[status], " Ordet"]


def test_badge_escapes_the_word():
    html = badge("rod", f'{SCRIPT} "x" & y')
    assert "<script" not in html
    assert f"{SCRIPT_ESCAPED} &quot;x&quot; &amp; y</span>" in html


def test_badge_of_an_unknown_status_fails_rather_than_showing_no_colour():
    with pytest.raises(KeyError):
        badge("lila", "Okänd")


# --- table -------------------------------------------------------------------------------------


def cells(html: str) -> list[tuple[str, dict[str, str | None]]]:
    return [(tag, attrs) for tag, attrs in Elements(html).tags if tag in ("th", "td")]


@pytest.mark.parametrize(
    ("numeric", "right_aligned"),
    [((), set()), ((1,), {1}), ((1, 2), {1, 2}), (range(3), {0, 1, 2}), ((0, 2), {0, 2})],
)
def test_table_right_aligns_exactly_the_numeric_columns_in_head_and_body(numeric, right_aligned):
    html = table(
        ["Indikator", "Utfall", "Målvärde"], [["A", "1", "2"], ["B", "3", "4"]], numeric=numeric
    )
    found = cells(html)
    assert len(found) == 9
    for n, (_tag, attrs) in enumerate(found):
        column = n % 3
        assert (attrs.get("class") == "num") == (column in right_aligned), (n, attrs)


def test_table_headers_have_column_scope_and_data_cells_none():
    html = table(["A", "B", "C"], [["1", "2", "3"]])
    found = cells(html)
    assert [attrs.get("scope") for tag, attrs in found if tag == "th"] == ["col"] * 3
    assert all("scope" not in attrs for tag, attrs in found if tag == "td")
    assert html.count("<thead><tr>") == 1
    assert html.count("<tbody>") == 1


@pytest.mark.parametrize(
    ("header", "escaped"),
    [
        (SCRIPT, SCRIPT_ESCAPED),
        ('Utfall "i år"', "Utfall &quot;i år&quot;"),
        ("Mål & medel", "Mål &amp; medel"),
    ],
)
def test_table_escapes_headers_and_caption(header, escaped):
    html = table([header], [["1"]], caption=header)
    assert "<script" not in html
    assert f'<th scope="col">{escaped}</th>' in html
    assert f"<caption>{escaped}</caption>" in html


def test_table_copies_cells_verbatim_because_they_are_finished_html():
    html = table(["Status"], [['<span class="status">● Uppnås</span>']])
    assert '<td><span class="status">● Uppnås</span></td>' in html


def test_table_without_caption_has_no_caption_element():
    assert "<caption" not in table(["A"], [["1"]])


def test_table_applies_row_classes_and_leaves_rows_with_an_empty_class_bare():
    html = table(
        ["Period"],
        [["T2 2025"], ["T1 2025"], ["T3 2024"]],
        row_classes=["rapportperiod", "", 'x" onclick="y'],
    )
    rows = Elements(html).all("tr")
    assert rows == [{}, {"class": "rapportperiod"}, {}, {"class": 'x" onclick="y'}]
    assert 'class="x&quot; onclick=&quot;y"' in html


def test_table_css_class_is_escaped():
    html = table(["A"], [], css_class='a"b')
    assert html.startswith('<table class="a&quot;b">')
    assert "<tbody></tbody>" in html


# --- bullet_list -------------------------------------------------------------------------------


def test_bullet_list_wraps_finished_items_and_escapes_its_class():
    html = bullet_list(["<a href='#x'>X</a>", "Y"], css_class='lista"')
    assert html == "<ul class=\"lista&quot;\"><li><a href='#x'>X</a></li><li>Y</li></ul>"


# --- figure ------------------------------------------------------------------------------------


def busy_figure(width: float = 4.4, height: float = 2.3) -> Figure:
    """A figure with anti-aliased lines, markers, text and a filled area, like the charts."""
    fig = Figure(figsize=(width, height), layout="constrained", facecolor="white")
    ax = fig.add_subplot()
    x = np.arange(9)
    ax.plot(x, 50 + 5 * np.sin(x), color="#5F6B7A", marker="o", markerfacecolor="#2E7D32")
    ax.step(x, np.full(9, 55.0), color="#1F3A5F", linestyle="--")
    ax.fill_between(x, 40, 45, color="#F2C12E", alpha=0.4)
    ax.set_xticks(x, [f"T{i % 3 + 1}\n{2023 + i // 3}" for i in x])
    ax.set_ylabel("Utfall (%)")
    ax.text(4, 52, "Redovisas vid helår", fontsize=8)
    return fig


def image_of(html: str) -> tuple[dict[str, str | None], Image.Image]:
    (img,) = Elements(html).all("img")
    prefix = "data:image/png;base64,"
    assert img["src"].startswith(prefix)
    png = base64.b64decode(img["src"][len(prefix) :], validate=True)
    return img, Image.open(io.BytesIO(png))


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (4.4, 2.3),
        (7.2, 4.35),
        (3.0, 2.0),
        (7.2, 3.9),
        (7.2, 1.65),  # 181,5 px high: matplotlib rounds down, the tag must follow
    ],
)
def test_figure_embeds_a_png_data_uri_of_the_figure_size_at_figure_dpi(width, height):
    html = figure(busy_figure(width, height), "Diagram")
    img, image = image_of(html)
    assert image.format == "PNG"
    assert abs(image.width - width * FIGURE_DPI) < 1
    assert abs(image.height - height * FIGURE_DPI) < 1
    assert (int(img["width"]), int(img["height"])) == image.size


@pytest.mark.parametrize(("width", "height"), [(4.4, 2.3), (3.0, 2.0), (7.2, 3.9)])
def test_figure_size_is_inches_times_figure_dpi_when_that_is_a_whole_number(width, height):
    _, image = image_of(figure(busy_figure(width, height), "Diagram"))
    assert image.size == (round(width * FIGURE_DPI), round(height * FIGURE_DPI))


def test_figure_png_is_a_palette_image_without_transparency():
    with Image.open(io.BytesIO(figure_png(busy_figure())[0])) as image:
        assert image.mode == "P"
        assert "transparency" not in image.info
        assert image.convert("RGB").getpixel((0, 0)) == (255, 255, 255)


def test_figure_is_smaller_than_a_plain_savefig_png_of_the_same_figure():
    fig = busy_figure()
    plain = io.BytesIO()
    fig.savefig(plain, format="png", dpi=FIGURE_DPI, facecolor="white")
    assert len(figure_png(fig)[0]) < len(plain.getvalue())


def full_colour(fig: Figure) -> np.ndarray:
    """The figure's pixels as Agg draws them once at PRINT_DPI, halved as the screen's picture
    is (a box filter), before any palette."""
    fig.set_dpi(PRINT_DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3])
    return np.asarray(drawn.reduce(PRINT_SCALE), dtype=int)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


@pytest.mark.parametrize("layout", ["constrained", None])
def test_figure_png_draws_the_figure_exactly_once(layout):
    fig = busy_figure()
    fig.set_layout_engine(layout)
    draws = []
    fig.canvas.mpl_connect("draw_event", draws.append)
    png, size = figure_png(fig)
    assert len(draws) == 1
    assert size == (484, 253) == Image.open(io.BytesIO(png)).size  # 4.4 × 2.3 in at 110 dpi


def test_figure_png_leaves_the_figure_as_it_was():
    fig = busy_figure()
    fig.set_dpi(72)
    fig.set_facecolor("#F2C12E")
    canvas = fig.canvas
    png, size = figure_png(fig)
    assert size == (484, 253)  # drawn at FIGURE_DPI whatever the figure's own dpi
    assert tuple(pixels(png)[0, 0]) == (255, 255, 255)  # on white
    assert fig.canvas is canvas
    assert fig.dpi == 72
    assert mcolors.to_hex(fig.get_facecolor()) == "#f2c12e"


def test_figure_png_keeps_the_commonest_colours_exact_and_the_rest_close():
    original = full_colour(busy_figure())
    quantized = pixels(figure_png(busy_figure())[0])
    error = np.abs(original - quantized).max(axis=2)
    colours, counts = np.unique(original.reshape(-1, 3), axis=0, return_counts=True)
    # Background, fill, lines, markers and text: each its exact colour wherever it is. A shade
    # a level off a commoner colour (the halving's near-white beside white) is not one of them.
    drawn: list[np.ndarray] = []
    for colour in colours[np.argsort(-counts)]:
        if all(np.abs(colour - other).max() > 2 for other in drawn):
            drawn.append(colour)
    for colour in drawn[:6]:
        assert error[(original == colour).all(axis=2)].max() == 0, colour
    assert error.mean() < 1  # anti-aliasing shades: a level or two off at most, on average
    assert error.max() <= 48


def test_figure_png_of_one_figure_is_the_same_whatever_was_drawn_before():
    # Figures of one size share a renderer: nothing of the previous figure may show through.
    first = figure_png(busy_figure())[0]
    other = busy_figure()
    other.axes[0].fill_between([0, 8], 0, 100, color="#B3261E")
    figure_png(other)
    figure_png(busy_figure(7.2, 4.35))
    assert figure_png(busy_figure())[0] == first


def test_figure_carries_escaped_alt_text_and_caption():
    alt = f'Linjediagram över {SCRIPT} "citat" & mer'
    html = figure(busy_figure(), alt, caption=f"Figur: {SCRIPT}", css_class="trend")
    assert "<script" not in html
    img, _ = image_of(html)
    assert img["alt"] == alt
    assert f'alt="Linjediagram över {SCRIPT_ESCAPED} &quot;citat&quot; &amp; mer"' in html
    assert f"<figcaption>Figur: {SCRIPT_ESCAPED}</figcaption>" in html
    assert Elements(html).all("figure") == [{"class": "chart trend"}]


def test_figure_without_caption_has_no_figcaption():
    assert "<figcaption" not in figure(busy_figure(), "Diagram")


# --- Fragment ----------------------------------------------------------------------------------


def test_fragment_shows_its_html_in_jupyter():
    fragment = Fragment("<p>Hej &amp; välkommen</p>")
    assert fragment._repr_html_() == "<p>Hej &amp; välkommen</p>"


def test_fragment_repr_tells_the_size_instead_of_dumping_html():
    assert repr(Fragment("<p>x</p>")) == "<Fragment: 8 tecken HTML>"


def test_fragment_is_immutable():
    fragment = Fragment("<p>x</p>")
    with pytest.raises(AttributeError):
        fragment.html = "<p>y</p>"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    ['Nämnd "A"', "</style><script>alert(1)</script>", "a\\b", "rad\nbrytning", "Dnr {1}; x"],
)
def test_css_string_cannot_end_its_string_or_the_style_element(text):
    from hsn_analysis.report.markup import css_string

    quoted = css_string(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not set(inner) & set('"<>\n{};')
    # Every escape is six hex digits, so the next character can never be taken as part of it.
    assert re.fullmatch(r"(?:[^\\]|\\[0-9A-F]{6})*", inner)


def test_css_string_keeps_swedish_letters_and_plain_punctuation_readable():
    from hsn_analysis.report.markup import css_string

    assert (
        css_string("Hälso- och sjukvårdsnämnden · 2025") == '"Hälso- och sjukvårdsnämnden · 2025"'
    )


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Ett.\nTvå.", "<p>Ett. Två.</p>"),
        ("Ett.\n\nTvå.", "<p>Ett.</p><p>Två.</p>"),
        (
            "Lyfta:\n- a\n- b <i>\nSlut.",
            "<p>Lyfta:</p><ul><li>a</li><li>b &lt;i&gt;</li></ul><p>Slut.</p>",
        ),
        ("-inte en punkt\n* inte heller", "<p>-inte en punkt * inte heller</p>"),
        ("\r\n\r\n", ""),
    ],
)
def test_prose_keeps_paragraphs_and_dash_bullets_and_escapes_everything(text, html):
    from hsn_analysis.report.markup import prose

    assert prose(text) == html
