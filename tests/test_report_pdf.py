"""The PDF/A beside the report: read back with pypdf, as an archive's intake check would."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import builders
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from weasyprint import CSS, HTML

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report import pdf
from hsn_analysis.report.pdf import DocumentInfo, render_pdf
from hsn_analysis.runs import pdf_step, runner
from hsn_analysis.runs.layout import published_files

PAGE = (
    '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>t</title></head>'
    "<body><h2>Mål ett</h2><p>Åtgärder för året</p><h2>Mål två</h2><p>Prognos</p></body></html>"
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


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def example_pdf(example_report) -> PdfReader:
    return PdfReader(example_report.pdf)


# ---- the archive's checks on the example report ----------------------------------------------


def test_the_pdf_identifies_itself_as_pdf_a_2b_in_its_xmp_metadata(example_pdf):
    xmp = xmp_text(example_pdf)
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp


def test_the_pdf_has_an_srgb_output_intent_with_its_icc_profile(example_pdf):
    intents = example_pdf.trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = resolved(intents[0])
    assert intent["/S"] == "/GTS_PDFA1"
    assert "sRGB" in intent["/OutputConditionIdentifier"]
    profile = resolved(intent["/DestOutputProfile"])
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"  # an ICC profile


def test_every_font_is_embedded_and_is_the_chosen_dejavu(example_pdf):
    used = fonts(example_pdf)
    assert used
    descriptors = [resolved(f["/FontDescriptor"]) for f in used if "/FontDescriptor" in f]
    assert descriptors and len(descriptors) == len([f for f in used if f["/Subtype"] != "/Type0"])
    for descriptor in descriptors:
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), descriptor["/FontName"]
        # Subset names are "ABCDEF+DejaVu-Sans-Bold".
        assert descriptor["/FontName"].split("+")[-1].replace("-", "").startswith("DejaVuSans")


def test_title_author_subject_and_language_are_in_info_and_xmp(example_report, example_pdf):
    info = example_pdf.metadata
    settings = load_dataset(EXAMPLE_DATA).settings
    assert info.title.startswith(settings.board_name) and "Tertial 2 2025" in info.title
    assert info.author == settings.board_name
    assert "Tertial 2 2025" in info.subject
    assert example_pdf.trailer["/Root"]["/Lang"] == "sv"
    xmp = xmp_text(example_pdf)
    for value in (info.title, info.author, info.subject):
        assert value.replace("&", "&amp;") in xmp
    assert "<dc:language><rdf:Bag><rdf:li>sv</rdf:li>" in xmp


def test_the_outline_has_one_top_level_bookmark_per_mal_with_its_delmal_beneath(example_pdf):
    dataset = load_dataset(EXAMPLE_DATA)
    titles = outline_titles(example_pdf)
    top = [t for t in titles if isinstance(t, str)]
    for goal in dataset.goals.itertuples(index=False):
        heading = f"{goal.mal_id} {goal.namn}".strip()
        assert sum(t.startswith(heading) for t in top) == 1, heading
    assert "Sammanfattning" in top and "Om rapporten" in top
    first_goal = top.index(next(t for t in top if t.startswith(dataset.goals["mal_id"].iloc[0])))
    beneath = titles[titles.index(top[first_goal]) + 1]
    own = dataset.subgoals.loc[dataset.subgoals["mal_id"] == dataset.goals["mal_id"].iloc[0]]
    assert beneath == list(own["namn"])


def test_the_text_of_every_delmal_and_its_assessment_is_in_the_pdf(example_report, example_pdf):
    text = flat(" ".join(page.extract_text() for page in example_pdf.pages))
    dataset = load_dataset(EXAMPLE_DATA)
    for name in dataset.subgoals["namn"]:
        assert flat(name) in text, name
    assessed = dataset.assessments.loc[dataset.assessments["period"] == "2025-T2"]
    for comment in assessed["kommentar"]:
        first_sentence = flat(comment).split(". ")[0]
        assert first_sentence in text, first_sentence


def test_the_pdf_is_tagged_for_its_structure(example_pdf):
    root = example_pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


# ---- the module on its own -------------------------------------------------------------------


def test_diarienummer_and_version_go_to_the_xmp_as_predefined_properties():
    info = DocumentInfo(
        title="Uppföljning",
        author="Nämnden",
        subject="T2",
        created=datetime(2025, 9, 22, 6, 0, tzinfo=UTC),
        identifier="HSN 2025/1234",
        version="1.1",
    )
    reader = PdfReader(__import__("io").BytesIO(render_pdf(PAGE, info)))
    xmp = xmp_text(reader)
    assert "<dc:identifier>HSN 2025/1234</dc:identifier>" in xmp
    assert "<xmpMM:VersionID>1.1</xmpMM:VersionID>" in xmp
    assert "<xmp:CreateDate>2025-09-22T06:00:00+00:00</xmp:CreateDate>" in xmp
    assert outline_titles(reader) == ["Mål ett", "Mål två"]


# ---- a failed PDF fails the run ----------------------------------------------------------------


def test_a_failing_pdf_fails_the_run_and_keeps_the_previous_report_whole(tmp_path, monkeypatch):
    notebook = builders.tiny_notebook(tmp_path)
    out = tmp_path / "ut"
    runner.run_report("2025-T2", EXAMPLE_DATA, out, notebook=notebook)
    paths = published_files(out, Period(2025, 2))
    before = {p.name: p.read_bytes() for p in paths.html.parent.iterdir() if p.is_file()}

    def broken(page, info):
        raise RuntimeError("planerat PDF-fel")

    monkeypatch.setattr(pdf_step, "render_pdf", broken)  # ahead and after the export alike
    with pytest.raises(runner.RunFailed) as caught:
        runner.run_report("2025-T2", EXAMPLE_DATA, out, notebook=notebook)
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


def test_cli_run_exits_3_when_the_pdf_fails_and_publishes_nothing(tmp_path, monkeypatch, capsys):
    from hsn_analysis import cli

    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", builders.tiny_notebook(tmp_path))
    monkeypatch.setattr(pdf_step, "render_pdf", lambda page, info: 1 / 0)
    out = tmp_path / "ut"
    code = cli.main(["run", "--period", "2025-T2", "--out", str(out)])
    assert code == cli.EXIT_RUN_FAILED == 3
    assert "steget pdf misslyckades" in capsys.readouterr().err
    assert not list((out / "2025-T2").glob("*.html")) and not list(out.rglob("*.pdf"))


# ---- WeasyPrint warmed up while the kernel runs the notebook ----------------------------------


def test_the_run_records_the_pdf_renders_own_time_and_what_it_waited(example_report):
    record = json.loads(example_report.record.read_text(encoding="utf-8"))
    times = record["tider_s"]
    assert 0 < times["pdf_rendering"] <= times["pdf"] < times["totalt"]


def test_a_failing_warm_up_is_no_failure_of_the_run(monkeypatch):
    def broken(page, info):
        raise OSError("Pango saknas")

    monkeypatch.setattr(pdf_step, "render_pdf", broken)
    assert pdf_step.warm_up().result() is None  # said in the log; the run's render says it again


# ---- table columns sized by whole words, unless a word cannot fit ----------------------------


def table_page(cell: str, width: str = "40%") -> str:
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>t</title>'
        "<style>td { overflow-wrap: anywhere; }</style></head><body>"
        f'<table style="width: {width}"><tr><td>Primärvård</td><td>{cell}</td></tr></table>'
        "</body></html>"
    )


def cell_styles(document) -> list[str]:
    def walk(box):
        if type(box).__name__ == "TableCellBox":
            yield box.style["overflow_wrap"]
        for child in getattr(box, "children", []):
            yield from walk(child)

    return [wrap for page in document.pages for wrap in walk(page._page_box)]


def test_table_cells_are_sized_by_whole_words_when_every_word_fits():
    document = pdf.laid_out(table_page("Hälsocentral Tallåsen"))
    assert cell_styles(document) == ["break-word", "break-word"]
    assert pdf.tables_fit(document)


@pytest.mark.parametrize("width", ["40%", "12rem", "auto"])
def test_a_word_too_long_for_its_table_breaks_anywhere_as_the_report_asks(width):
    word = "Västerbottens" * 12
    page = table_page(word, width)
    whole_words = HTML(string=page).render(stylesheets=[CSS(string=pdf.WHOLE_WORD_COLUMNS)])
    assert not pdf.tables_fit(whole_words)  # sized by whole words, the table would not fit
    document = pdf.laid_out(page)
    assert cell_styles(document) == ["anywhere", "anywhere"]
    assert pdf.tables_fit(document)


def test_the_example_pages_tables_are_sized_by_whole_words(example_report):
    document = pdf.laid_out(example_report.html.read_text(encoding="utf-8"))
    styles = set(cell_styles(document))
    assert styles == {"break-word"}


def test_boxes_shaped_otherwise_by_another_weasyprint_count_as_not_fitting():
    from types import SimpleNamespace

    strange = SimpleNamespace(pages=[SimpleNamespace(_page_box=object())])
    assert pdf.tables_fit(strange) is False  # so the page is rendered by the report's own rules
    assert pdf.tables_fit(SimpleNamespace(pages=[SimpleNamespace()])) is False
