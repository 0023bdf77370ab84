"""The report as a board secretary opens it: from disk, in a real browser, with no network.

The `browser` fixture (conftest) drives Debian's chromium with Playwright.
"""

from __future__ import annotations

import re

import pytest
from PIL import Image, ImageStat

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.reading.validation import load_dataset


@pytest.fixture(scope="module")
def opened(browser, example_report, tmp_path_factory):
    """The example report opened offline; what the browser reported while loading it."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = {"requests": [], "failed": [], "console": [], "page_errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.url} {r.failure}"))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen["page_errors"].append(str(e)))
    page.goto(example_report.html.as_uri(), wait_until="load")
    shot = tmp_path_factory.mktemp("skarmbild") / "rapport.png"
    page.screenshot(path=str(shot), full_page=True)
    images = page.eval_on_selector_all(
        "img", "els => els.map(e => ({w: e.naturalWidth, h: e.naturalHeight, c: e.complete}))"
    )
    yield {"page": page, "seen": seen, "screenshot": shot, "images": images}
    context.close()


def test_report_loads_nothing_but_itself(opened, example_report):
    assert opened["seen"]["requests"] == [example_report.html.as_uri()]
    assert opened["seen"]["failed"] == []


def test_report_gives_no_console_messages_or_page_errors(opened):
    assert opened["seen"]["console"] == []
    assert opened["seen"]["page_errors"] == []


def test_every_chart_is_decoded(opened):
    images = opened["images"]
    # the status chart, one chart per indicator (the SPC chart for the 23 tertial indicators
    # with 14 points, the trend chart for the others) and 2 comparisons with the regions
    assert len(images) == 1 + 28 + 2
    assert all(img["c"] and img["w"] > 0 and img["h"] > 0 for img in images)


def test_full_page_screenshot_shows_a_long_report_not_a_blank_page(opened):
    with Image.open(opened["screenshot"]) as shot:
        width, height = shot.size
        assert width == 1280 and height > 10 * 900  # a long report, all of it rendered
        # Cropped before converted: the whole page is some 40 million pixels.
        top = shot.crop((0, 0, width, 900)).convert("RGB")
        colours = top.getcolors(maxcolors=1_000_000)
        assert len(colours) > 50  # text, chart and header, not one flat colour
        # The title band is the brand's dark blue, not an unstyled white page.
        band = ImageStat.Stat(top.crop((200, 60, 1080, 120))).mean
        assert max(band) < 120


def test_print_gives_a4_pages_with_every_mal(browser_print, browser_print_pages):
    """A4 pages holding every mål; how they break is tests/test_print_layout.py's concern.
    The print is the session's one print of the page (conftest), its text extracted once."""
    from pypdf import PdfReader

    for page in PdfReader(browser_print).pages:  # A4 is 595 × 842 points; Chromium rounds
        assert float(page.mediabox.width) == pytest.approx(595.3, abs=1.5)
        assert float(page.mediabox.height) == pytest.approx(841.9, abs=1.5)
    text = re.sub(r"\s+", " ", " ".join(browser_print_pages))
    for goal in load_dataset(EXAMPLE_DATA).goals.itertuples():
        assert f"{goal.mal_id} {goal.namn} Målets status enligt regeln" in text, goal.mal_id


def test_status_is_never_told_by_colour_alone(opened):
    badges = opened["page"].eval_on_selector_all(
        ".status", "els => els.map(e => e.innerText.trim())"
    )
    assert badges
    assert all(text[0] in "●▲■○◷–·" and len(text) > 2 for text in badges)


# --- no table cell hidden under another element (issue 12) ------------------------------------

# Each cell is scrolled to and sampled at ten points; the element there must be the cell or
# inside it. A chart, a neighbouring table or the page edge over any of them is a finding.
COVERED_CELLS = """() => {
  const found = [];
  document.querySelectorAll("td, th").forEach((cell) => {
    if (cell.getBoundingClientRect().width < 1) return;
    // Only vertically: a cell reachable only by scrolling the page sideways is a finding too.
    const top = cell.getBoundingClientRect().top;
    window.scrollTo(0, window.scrollY + top - window.innerHeight / 2);
    const r = cell.getBoundingClientRect();
    for (const fx of [0.05, 0.25, 0.5, 0.75, 0.95]) {
      for (const fy of [0.3, 0.7]) {
        const x = r.left + Math.max(2, Math.min(r.width - 2, r.width * fx));
        const y = r.top + r.height * fy;
        const hit = x < window.innerWidth ? document.elementFromPoint(x, y) : null;
        if (!hit || !cell.contains(hit)) {
          const by = hit ? `${hit.tagName}.${hit.className}` : "the edge of the window";
          found.push(`${cell.textContent.trim().slice(0, 30)} (under ${by})`);
          return;
        }
      }
    }
  });
  return found;
}"""
# A4's text width at 96 px per inch: 210 mm less 2 × 15 mm of margin.
PRINT_WIDTH = 680


@pytest.mark.parametrize(
    ("width", "media"),
    [(1024, "screen"), (1280, "screen"), (1920, "screen"), (PRINT_WIDTH, "print")],
    ids=["1024px", "1280px", "1920px", "print-A4"],
)
def test_no_table_cell_is_covered_by_another_element(report_page, width, media):
    covered = report_page(width, 900, media).evaluate(COVERED_CELLS)
    assert covered == []


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900), (1920, 900)])
def test_the_page_never_scrolls_sideways_only_its_wide_tables_do(report_page, width, height):
    # A 64-character SHA-256 in running text once made a phone's page 578 px wide.
    widths = report_page(width, height).evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] == widths[1]
