"""The PDF/A beside the report: read back with pypdf, as an archive's intake check would, and
the typesetting module on its own (what Typst refuses, what data cannot do to the template)."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import builders
import pytest
import typst
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from test_validation import write_dataset

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report.pdf import DocumentInfo, MissingGlyph, render_pdf
from hsn_analysis.report.print_blocks import CHART_FOLDER
from hsn_analysis.runs import pdf_step, runner
from hsn_analysis.runs.kernel import running_kernel
from hsn_analysis.runs.layout import published_files
from hsn_analysis.words import labels, unit_text
from hsn_analysis.words.signals_text import ASSURANCE_LABELS, VARIATION_LABELS

PNG = (  # a 1 × 1 white PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\r\xefF\xb8\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def resolved(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def xmp_text(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def fonts(reader: PdfReader) -> list[DictionaryObject]:
    """Every font dictionary used on any page (descendant fonts of Type0 included)."""
    found = []
    for page in reader.pages:
        for font in resolved(page["/Resources"]).get("/Font", {}).values():
            font = resolved(font)
            found.append(font)
            found += [resolved(d) for d in font.get("/DescendantFonts", [])]
    return found


def outline_titles(reader: PdfReader) -> list[str | list]:
    def walk(items):
        return [walk(i) if isinstance(i, list) else i["/Title"] for i in items]

    return walk(reader.outline)


def structure(reader: PdfReader) -> list[DictionaryObject]:
    """Every element of the structure tree, in reading order."""
    found = []

    def walk(node):
        node = resolved(node)
        if not isinstance(node, dict):
            return
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(reader: PdfReader) -> str:
    return flat(" ".join(page.extract_text() for page in reader.pages))


def squashed(text: str) -> str:
    """Text without spaces and hyphens: a word hyphenated at a line's end reads as written."""
    return re.sub(r"[\s\-\u00ad]", "", text)


@pytest.fixture(scope="module")
def example_pdf(example_report) -> PdfReader:
    return PdfReader(example_report.pdf)


@pytest.fixture(scope="module")
def example_text(example_pdf_pages) -> str:
    """`pdf_text` of the example's PDF, from its pages' text extracted once per test run."""
    return flat(" ".join(example_pdf_pages))


# ---- the archive's checks on the example report ----------------------------------------------


def test_the_xmp_says_pdf_a_2_level_a_and_pdf_ua_1(example_pdf):
    xmp = xmp_text(example_pdf)
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>A</pdfaid:conformance>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp


def test_the_pdf_has_an_srgb_output_intent_with_its_icc_profile(example_pdf):
    intents = example_pdf.trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = resolved(intents[0])
    assert intent["/S"] == "/GTS_PDFA1"
    profile = resolved(intent["/DestOutputProfile"])
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"  # an ICC profile


def test_every_font_is_embedded_and_is_dejavu_sans(example_pdf):
    used = fonts(example_pdf)
    descriptors = [resolved(f["/FontDescriptor"]) for f in used if "/FontDescriptor" in f]
    assert descriptors
    for descriptor in descriptors:
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), descriptor["/FontName"]
        # Subset names are "ABCDEF+DejaVuSans-Bold": the example's text needs no fallback.
        assert descriptor["/FontName"].split("+")[-1].startswith("DejaVuSans")


def test_title_author_subject_keywords_and_language_are_in_info_and_xmp(example_pdf):
    info = example_pdf.metadata
    settings = load_dataset(EXAMPLE_DATA).settings
    assert info.title.startswith(settings.board_name) and "Tertial 2 2025" in info.title
    assert info.author == settings.board_name
    assert "Tertial 2 2025" in info.subject
    assert f"Beslutsinstans: {settings.decided_by}" in info.subject
    assert f"Dnr {settings.case_number}" in info["/Keywords"]
    assert f"version {settings.document_version}" in info["/Keywords"]
    assert f"dokumentdatum {settings.document_date.isoformat()}" in info["/Keywords"]
    assert example_pdf.trailer["/Root"]["/Lang"] == "sv"
    xmp = xmp_text(example_pdf)
    for value in (info.title, info.author, info.subject, info["/Keywords"]):
        assert value.replace("&", "&amp;") in xmp
    assert "<dc:language><rdf:Bag><rdf:li>sv</rdf:li>" in xmp


def test_the_outline_has_the_parts_on_top_and_each_mals_delmal_beneath_it(example_pdf):
    dataset = load_dataset(EXAMPLE_DATA)
    titles = outline_titles(example_pdf)
    top = [t for t in titles if isinstance(t, str)]
    goals = [f"{g.mal_id} {g.namn}".strip() for g in dataset.goals.itertuples(index=False)]
    appendices = [
        "Basenheter",
        "Indikatorer som redovisas vid helår",
        "Avvikelser mellan bedömning och indikatorer",
        "Datakvalitet",
        "Om rapporten",
    ]
    assert top == ["Sammanfattning", "Översikt över indikatorerna", *goals, *appendices]
    for goal in dataset.goals.itertuples(index=False):
        beneath = titles[titles.index(f"{goal.mal_id} {goal.namn}".strip()) + 1]
        own = dataset.subgoals.loc[dataset.subgoals["mal_id"] == goal.mal_id, "namn"]
        assert beneath == list(own), goal.mal_id


def test_the_text_of_every_delmal_and_its_assessment_is_in_the_pdf(example_text):
    text = squashed(example_text)
    dataset = load_dataset(EXAMPLE_DATA)
    for name in dataset.subgoals["namn"]:
        assert squashed(name) in text, name
    assessed = dataset.assessments.loc[dataset.assessments["period"] == "2025-T2"]
    for comment in assessed["kommentar"]:
        assert squashed(comment) in text, comment


def test_every_text_of_the_page_is_in_the_pdf(example_report, example_text):
    """The same content as the HTML: each heading, paragraph, list item, term, table cell and
    caption of the page (2 600 of them) is in the PDF's text, spaces, hyphens, list bullets and
    status symbols aside (the page hides its symbols from screen readers, the PDF keeps them)."""
    from agreement import parse_html

    symbols = "".join(set(labels.STATUS_SYMBOL.values()) | set(unit_text.UNIT_SYMBOL.values()))
    symbols += "".join(s for s, _ in [*VARIATION_LABELS.values(), *ASSURANCE_LABELS.values()])
    strip = re.compile(rf"[\s\-\u00ad•{re.escape(symbols)}]")
    settings = load_dataset(EXAMPLE_DATA).settings
    furniture = re.compile(  # the running header and page number, between two pages' text
        rf"Sida \d+ av \d+|{re.escape(settings.board_name)} Uppföljning Tertial 2 2025 · Dnr "
        + re.escape(settings.case_number)
    )
    printed = strip.sub("", furniture.sub("", example_text))
    page = parse_html(example_report.html.read_text(encoding="utf-8"))
    shown, missing = 0, []
    for tag in ("h1", "h2", "h3", "h4", "h5", "p", "li", "dt", "dd", "td", "th", "caption"):
        for element in page.find_all(tag):
            text = strip.sub("", element.text())
            shown += bool(text)
            if text not in printed:
                missing.append(element.text())
    assert shown > 2000
    assert missing == []


def test_the_pdf_is_tagged_with_headings_tables_and_a_figure_per_chart(example_pdf):
    root = example_pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    kinds = Counter(element["/S"] for element in structure(example_pdf))
    assert kinds["/Title"] == 1 and kinds["/H1"] >= 12 and kinds["/H2"] >= 13
    assert kinds["/TH"] > 0 and kinds["/THead"] == kinds["/Table"]
    assert kinds["/Figure"] > 0


def test_every_chart_has_the_alt_text_the_html_gives_it(example_report, example_pdf):
    page = example_report.html.read_text(encoding="utf-8")
    html_alts = [
        flat(unescape(alt))
        for alt in re.findall(r'<img src="data:image/png;base64,[^"]*" alt="([^"]*)"', page)
    ]
    pdf_alts = [
        flat(str(element["/Alt"]))
        for element in structure(example_pdf)
        if element["/S"] == "/Figure"
    ]
    assert pdf_alts == html_alts


def test_the_running_header_and_page_numbers_are_artifacts(example_pdf):
    """Typst marks a page's header and footer as artifacts: no structure element holds their
    text, so a screen reader does not read "Sida 3 av 22" in the middle of a table."""
    second = example_pdf.pages[1].get_contents().get_data().decode("latin-1")
    assert "/Artifact" in second
    kinds = {element["/S"] for element in structure(example_pdf)}
    assert "/Artifact" not in kinds


# ---- the module on its own -------------------------------------------------------------------


def document(*blocks: dict, name: str = "Nämnden") -> dict:
    """A document as `print_document.project` makes one, with only the fields the template needs."""
    meta = {
        "title": "Uppföljning",
        "board": name,
        "heading": "Uppföljning av nämndplan 2025",
        "period": "Tertial 2 2025",
        "created": "Rapporten skapades 2025-09-22 kl. 06:00.",
        "particulars": [["Diarienummer", "HSN 2025/1"]],
        "banner": "",
        "contents": "Innehåll",
        "head_left": name,
        "head_right": "Uppföljning Tertial 2 2025",
        "page": ["Sida ", " av ", ""],
        "page_ref": "s. {page}",
        "swatch": {"gron": ["#2E7D32", "#FFFFFF"]},
    }
    return {"meta": meta, "sections": [{"h": "Mål ett", "part": True, "b": list(blocks)}]}


INFO = DocumentInfo(
    title="Uppföljning",
    author="Nämnden",
    subject="T2",
    created=datetime(2025, 9, 22, 6, 0, tzinfo=UTC),
    keywords=("Dnr HSN 2025/1",),
    version="1.1",
)


def typeset(tmp_path: Path, doc: dict) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(doc, tmp_path, INFO)))


def chart(tmp_path: Path, alt: str) -> dict:
    (tmp_path / CHART_FOLDER).mkdir(exist_ok=True)
    (tmp_path / CHART_FOLDER / "01.png").write_bytes(PNG)
    return {"k": "fig", "src": f"{CHART_FOLDER}/01.png", "alt": alt, "w": ""}


def test_the_engine_refuses_a_chart_without_alt_text(tmp_path):
    with pytest.raises(typst.TypstError, match="missing alt text"):
        render_pdf(document(chart(tmp_path, "")), tmp_path, INFO)


def test_a_chart_with_alt_text_is_a_figure_carrying_it(tmp_path):
    reader = typeset(tmp_path, document(chart(tmp_path, "Linjediagram över utfall")))
    figures = [e for e in structure(reader) if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]) for f in figures] == ["Linjediagram över utfall"]


MARKUP = [
    "#panic()",
    '#read("/etc/passwd")',
    "*fet* _kursiv_ $x^2$",
    "] #[ } { \\ // /* @etikett <etikett>",
    '"); #panic("',
]


@pytest.mark.parametrize("text", MARKUP)
def test_text_from_data_is_shown_as_written_never_run_as_markup(tmp_path, text):
    name = f"Hälsocentral {text}"
    para = {"k": "p", "s": [["", name]], "c": ""}
    cell = {"c": [[["", name]], [["s:gron", f"● {text}"]]], "hi": False}
    table = {
        "k": "table",
        "cap": text,
        "head": [text, "Status"],
        "rows": [cell],
        "num": [],
        "c": "",
    }
    heading = {"k": "h", "l": 2, "t": text}
    reader = typeset(tmp_path, document(heading, para, table, name=name))
    found = pdf_text(reader)
    assert found.count(flat(name)) >= 3  # the paragraph, the cell and the running header
    assert flat(text) in found
    assert outline_titles(reader) == ["Mål ett", [flat(text)]]


def test_emoji_and_cjk_in_a_name_are_printed_and_are_in_the_text(tmp_path):
    name = "Vårdcentral Björkå 😀🏥 北京协和医院 東京 서울"
    reader = typeset(tmp_path, document({"k": "p", "s": [["", name]], "c": ""}))
    assert name in pdf_text(reader)
    used = fonts(reader)
    assert any("WenQuanYi" in str(font.get("/BaseFont")) for font in used)
    assert any(font["/Subtype"] == "/Type3" for font in used)  # the colour emoji, as pictures


def test_a_character_no_font_has_fails_naming_it_instead_of_an_empty_box(tmp_path):
    hieroglyph = "\U00013000"  # Egyptian hieroglyphs: in none of the PDF's fonts
    doc = document({"k": "p", "s": [["", f"Enhet Ankh {hieroglyph}"]], "c": ""})
    with pytest.raises(MissingGlyph) as caught:
        render_pdf(doc, tmp_path, INFO)
    assert caught.value.char == hieroglyph
    assert caught.value.text == f"Enhet Ankh {hieroglyph}"
    assert "U+13000" in str(caught.value) and "Enhet Ankh" in str(caught.value)


# ---- a failed PDF fails the run ----------------------------------------------------------------
# The subject is the publishing path, not the example's content: a small dataset (two mål, three
# indicators) and a tiny notebook, so that the PDF step has a few charts to draw, not 31.


def small_data(folder: Path) -> Path:
    folder.mkdir()
    return write_dataset(folder)


@pytest.fixture
def kernel():
    """A started kernel for the runs of one test (`runner.run_report(kernel=)`)."""
    with running_kernel() as manager:
        yield manager


def test_a_failing_pdf_fails_the_run_and_keeps_the_previous_report_whole(
    tmp_path, monkeypatch, kernel
):
    notebook = builders.tiny_notebook(tmp_path)
    out = tmp_path / "ut"
    data = small_data(tmp_path / "data")
    # The files the two runs leave are under test, not their kernels: one serves both.
    runner.run_report("2025-T2", data, out, notebook=notebook, kernel=kernel)
    paths = published_files(out, Period(2025, 2))
    before = {p.name: p.read_bytes() for p in paths.html.parent.iterdir() if p.is_file()}

    def broken(document, folder, info):
        raise RuntimeError("planerat PDF-fel")

    monkeypatch.setattr(pdf_step, "render_pdf", broken)
    with pytest.raises(runner.RunFailed) as caught:
        runner.run_report("2025-T2", data, out, notebook=notebook, kernel=kernel)
    assert caught.value.step == "pdf"
    assert "steget pdf misslyckades: RuntimeError: planerat PDF-fel" in str(caught.value)
    after = {
        p.name: p.read_bytes()
        for p in paths.html.parent.iterdir()
        if p.is_file() and p != caught.value.kept
    }
    assert after == before
    assert caught.value.kept == paths.failed
    assert not list(paths.html.parent.glob(".korning-*"))


def test_cli_run_exits_3_naming_the_text_the_pdf_cannot_show(tmp_path, monkeypatch, capsys):
    from hsn_analysis import cli

    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", builders.tiny_notebook(tmp_path))

    def missing(document, folder, info):
        raise MissingGlyph("\U00013000")

    monkeypatch.setattr(pdf_step, "render_pdf", missing)
    out = tmp_path / "ut"
    data = small_data(tmp_path / "data")
    code = cli.main(["run", "--period", "2025-T2", "--data", str(data), "--out", str(out)])
    assert code == cli.EXIT_RUN_FAILED == 3
    err = capsys.readouterr().err
    assert "steget pdf misslyckades" in err and "\U00013000" in err
    assert not list((out / "2025-T2").glob("*.html")) and not list(out.rglob("*.pdf"))


def test_the_run_records_the_pdfs_own_times_and_what_it_waited(example_report):
    record = json.loads(example_report.record.read_text(encoding="utf-8"))
    times = record["tider_s"]
    assert times["pdf_underlag"] > 0 and times["pdf_sattning"] > 0
    assert 0 <= times["pdf"] < times["totalt"]
