"""A basenhet's PDF/A (`run --enhet ID|alla --pdf`): read back from one real run of the example
(Hälsocentral Forsbyn, PV05: two delmål not reported, two things missing), published, indexed
and attached to its chief's mail as its page is; without `--pdf` no PDF, and a PDF that fails
fails the unit's report, the previous one kept."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import re
import shutil
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from agreement import parse_html
from conftest import made_once
from mailserver import write_config
from pypdf import PdfReader
from test_report_pdf import outline_titles, pdf_text, squashed, structure, xmp_text
from test_unit_runner import small_dataset
from test_validation import TODAY

from hsn_analysis.cli import EXIT_MAIL_FAILED, EXIT_OK, EXIT_RUN_FAILED, EXIT_USAGE, main
from hsn_analysis.paths import EXAMPLE_DATA, UNIT_NOTEBOOK
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import check_dataset, load_dataset
from hsn_analysis.rules.result import compute_result
from hsn_analysis.runs import unit_pdf as unit_pdf_module
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.unit_batch import run_unit_reports
from hsn_analysis.words import labels, unit_text
from hsn_analysis.words.titles import unit_report_title

pytest_plugins = ("mailserver",)

T2 = Period.parse("2025-T2")
UNIT = "PV05"
HIEROGLYPH = "\U00013000"  # in none of the PDF's fonts


@pytest.fixture(scope="module")
def unit_run(tmp_path_factory) -> Path:
    """The output folder of one real `run --enhet PV05 --pdf --send --dry-run`."""
    folder = tmp_path_factory.mktemp("enhetens-pdf")
    config = write_config(folder, 1, extra="[utskick]\npaus_s = 0\n")
    out = folder / "ut"
    code = main(
        [
            *("run", "--period", T2.code, "--enhet", UNIT, "--pdf", "--data", str(EXAMPLE_DATA)),
            *("--out", str(out), "--send", "--dry-run", "--config", str(config)),
        ]
    )
    assert code == EXIT_OK
    return out


@pytest.fixture(scope="module")
def unit_pdf(unit_run) -> PdfReader:
    return PdfReader(published_files(unit_run, T2, UNIT, pdf=True).pdf)


@pytest.fixture(scope="module")
def own():
    return compute_result(load_dataset(EXAMPLE_DATA), T2).for_unit(UNIT)


def test_the_units_pdf_says_pdf_a_2_level_a_and_pdf_ua_1_in_its_xmp(unit_pdf):
    xmp = xmp_text(unit_pdf)
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>A</pdfaid:conformance>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp


def test_its_title_is_the_pages_and_its_language_swedish(unit_run, unit_pdf, own):
    title = unit_report_title(T2, own.name)
    page = published_files(unit_run, T2, UNIT).html.read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in page
    assert unit_pdf.metadata.title == title
    assert unit_pdf.metadata.author == load_dataset(EXAMPLE_DATA).settings.board_name
    assert own.name in unit_pdf.metadata.subject and own.area in unit_pdf.metadata.subject
    assert unit_pdf.trailer["/Root"]["/Lang"] == "sv"
    assert "<dc:language><rdf:Bag><rdf:li>sv</rdf:li>" in xmp_text(unit_pdf)


def test_its_bookmarks_are_the_pages_sections_with_each_delmal_beneath_its_assessments(
    unit_pdf, own
):
    assert outline_titles(unit_pdf) == [
        unit_text.UNIT_ASSESSMENTS,
        list(own.assessments["namn"]),
        unit_text.UNIT_INDICATORS,
        unit_text.OWN_GAPS,
        unit_text.UNIT_ABOUT,
    ]


def test_it_is_tagged_with_a_title_headings_and_a_table_with_header_cells(unit_pdf, own):
    assert bool(unit_pdf.trailer["/Root"]["/MarkInfo"]["/Marked"])
    kinds = Counter(element["/S"] for element in structure(unit_pdf))
    assert kinds["/Title"] == 1 and kinds["/H1"] == 1 + 4  # the contents and the four sections
    assert kinds["/H2"] == len(own.assessments)
    assert kinds["/Table"] == 1 and kinds["/THead"] == 1
    assert kinds["/TH"] == len(unit_text.UNIT_INDICATOR_HEADERS)


def test_it_has_a_figure_with_the_pages_alt_text_for_each_chart_of_the_page(unit_run, unit_pdf):
    """The unit's page has no charts (it is made sixty times a period), so neither has its PDF;
    were one added to the page and not to the PDF, this fails."""
    page = published_files(unit_run, T2, UNIT).html.read_text(encoding="utf-8")
    main_part = page[page.index("<main") :]
    html_alts = re.findall(r'<img [^>]*alt="([^"]*)"', main_part)
    pdf_alts = [str(e["/Alt"]) for e in structure(unit_pdf) if e["/S"] == "/Figure"]
    assert pdf_alts == html_alts


def test_each_delmal_assessment_of_the_unit_is_in_its_pdf_with_its_status(unit_pdf, own):
    text = squashed(pdf_text(unit_pdf))
    assessed = own.assessments
    assert set(assessed["status"]) == {"gul", "rod", "ej_rapporterat"}  # as this test needs
    for row in assessed.itertuples(index=False):
        status = f"{unit_text.UNIT_SYMBOL[row.status]} {unit_text.UNIT_STATUS_LABEL[row.status]}"
        board = unit_text.UNIT_BOARD_STATUS.format(
            status=labels.SUBGOAL_STATUS_LABEL[row.namndens_status]
        )
        said = squashed(f"{row.namn} {status} {board} {row.kommentar}")
        assert said in text, row.delmal_id


TEXT_TAGS = {"h1", "h2", "h3", "p", "li", "th", "td", "footer"}


def in_order(element, tags: set[str]) -> list:
    """The elements of `tags` under `element`, in document order."""
    found = []
    for child in element.children:
        if isinstance(child, str):
            continue
        if child.tag in tags:
            found.append(child)
        else:
            found += in_order(child, tags)
    return found


def test_every_text_of_the_units_page_is_in_its_pdf_in_the_same_order(unit_run, unit_pdf):
    """The same sections, words and figures: each heading, paragraph, list item and table cell
    of the page's content, found in turn in the PDF's text (the running header and the page
    number aside)."""
    page = parse_html(published_files(unit_run, T2, UNIT).html.read_text(encoding="utf-8"))
    (content,) = page.find_all("main")
    texts = [squashed(element.text()) for element in in_order(content, TEXT_TAGS)]
    furniture = r"Sida \d+ av \d+|Hälso- och sjukvårdsnämnden Hälsocentral Forsbyn · Tertial 2 2025"
    printed = squashed(re.sub(furniture, "", pdf_text(unit_pdf)))
    assert len(texts) > 40
    at = 0
    for text in texts:
        found = printed.find(text, at)
        assert found >= 0, text
        at = found + len(text)


def test_the_record_index_and_chiefs_mail_carry_the_pdf_the_run_made(unit_run):
    files = published_files(unit_run, T2, UNIT, pdf=True)
    pdf = files.pdf.read_bytes()
    record = json.loads(files.record.read_text(encoding="utf-8"))
    assert record["pdf_sha256"] == hashlib.sha256(pdf).hexdigest()
    assert record["pdf_byte"] == len(pdf)
    assert record["tider_s"]["pdf_sattning"] > 0
    index = (unit_run / "index.html").read_text(encoding="utf-8")
    assert f'<a href="2025-T2/enheter/{UNIT}/uppfoljning-2025-T2-{UNIT}.pdf">PDF/A</a>' in index
    (eml,) = (unit_run / "2025-T2" / "provutskick-enheter-2025-T2").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    attached = {a.get_filename(): a.get_payload(decode=True) for a in message.iter_attachments()}
    assert attached == {files.html.name: files.html.read_bytes(), files.pdf.name: pdf}
    assert files.pdf.name in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["send", "dry-run"])
def test_a_unit_whose_pdf_is_gone_since_its_run_is_not_mailed_without_it(
    unit_run, tmp_path, smtp_server, caplog, dry_run
):
    out = Path(shutil.copytree(unit_run, tmp_path / "ut"))
    gone = published_files(out, T2, UNIT, pdf=True).pdf
    gone.unlink()
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra="[utskick]\npaus_s = 0\n")
    code = main(
        [
            *("send", "--period", T2.code, "--enhet", UNIT, "--data", str(EXAMPLE_DATA)),
            *("--out", str(out), "--config", str(config), *dry_run),
        ]
    )
    # A dry run says what the real one would do: this letter cannot go.
    assert code == EXIT_MAIL_FAILED
    assert server.handler.received == []
    assert f"{gone} finns inte längre" in caplog.text


def test_pdf_without_enhet_is_a_usage_error_the_boards_report_always_has_its_pdf(tmp_path):
    assert main(["run", "--period", T2.code, "--pdf", "--out", str(tmp_path)]) == EXIT_USAGE
    assert not (tmp_path / T2.code).exists()


# ---- the smallest data: without --pdf, and a PDF that fails ------------------------------------


def _two_units_with_pdf(folder: Path):
    data = small_dataset(folder / "data")
    dataset = check_dataset(data, today=TODAY).dataset
    out = folder / "ut"
    with ThreadPoolExecutor(1) as pool:
        made = run_unit_reports(dataset, T2, ["PV02", "SV01"], data, out, executor=pool, pdf=True)
    assert [r.error for r in made] == [None, None]
    return data, dataset, out


@pytest.fixture(scope="module")
def small_with_pdf(tmp_path_factory):
    """Two units' reports made with their PDFs on an executor of the caller's (as on Dask),
    once for the whole test run: read them, or copy them (`published`)."""
    return made_once(tmp_path_factory, "enheter-med-pdf", _two_units_with_pdf)


@pytest.fixture
def published(small_with_pdf, tmp_path):
    """The data and the reports of `small_with_pdf`, copied for a test that changes them."""
    data, dataset, out = small_with_pdf
    mine = Path(shutil.copytree(data, tmp_path / "data"))
    return mine, dataset, Path(shutil.copytree(out, tmp_path / "ut"))


def test_without_pdf_no_pdf_is_made_and_an_earlier_one_goes_to_tidigare(published):
    data, dataset, out = published
    earlier = published_files(out, T2, "PV02", pdf=True)
    before = earlier.pdf.read_bytes()
    [again] = run_unit_reports(dataset, T2, ["PV02"], data, out)
    assert again.error is None
    files = published_files(out, T2, "PV02")
    assert files.pdf is None and not earlier.pdf.exists()  # nothing older than the page beside it
    record = json.loads(files.record.read_text(encoding="utf-8"))
    assert "pdf_sha256" not in record and "pdf_sattning" not in record["tider_s"]
    [kept] = files.backups.glob("*.pdf")
    assert kept.read_bytes() == before
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "uppfoljning-2025-T2-PV02.html" in index and "uppfoljning-2025-T2-PV02.pdf" not in index
    assert "uppfoljning-2025-T2-SV01.pdf" in index  # the other unit's is untouched


def test_a_pdf_that_fails_fails_the_units_report_and_keeps_the_previous_one(
    published, tmp_path, caplog
):
    data, _, out = published
    files = published_files(out, T2, "PV02", pdf=True)
    before = {path: path.read_bytes() for path in (files.html, files.pdf, files.record)}
    units = data / "enheter.csv"
    units.write_text(
        units.read_text(encoding="utf-8").replace("Hälsocentral 2;", f"Hälsocentral {HIEROGLYPH};"),
        encoding="utf-8",
    )
    args = ["--data", str(data), "--out", str(out), "--today", "2025-10-01", "--pdf"]
    with caplog.at_level("ERROR"):
        assert main(["run", "--period", T2.code, "--enhet", "PV02", *args]) == EXIT_RUN_FAILED
    assert "steget pdf misslyckades" in caplog.text and "U+13000" in caplog.text
    assert {path: path.read_bytes() for path in before} == before
    assert files.failed.exists()
    assert list(files.folder.glob(".korning-*")) == []


def test_a_failed_units_run_lets_its_pdf_thread_end_before_its_working_folder_goes(
    small_with_pdf, tmp_path, monkeypatch
):
    """The PDF's thread writes in the run's working folder: when the notebook fails first, the
    run waits for the thread before the folder is removed (else removing it races the thread,
    and the folder can survive)."""
    data, dataset, _ = small_with_pdf
    out = tmp_path / "ut"
    files = published_files(out, T2, "PV02")
    seen: list[bool] = []

    def slow_render(document, folder, info):
        deadline = time.monotonic() + 60
        while not files.failed.exists() and time.monotonic() < deadline:
            time.sleep(0.02)  # still at work when the notebook has failed
        time.sleep(0.3)
        seen.append(folder.is_dir())
        return b"%PDF-"

    monkeypatch.setattr(unit_pdf_module, "render_pdf", slow_render)
    broken = nbformat.read(UNIT_NOTEBOOK, as_version=4)
    broken.cells.insert(2, nbformat.v4.new_code_cell("raise RuntimeError('planerat fel')"))
    nbformat.write(broken, tmp_path / "trasig.ipynb")
    [failed] = run_unit_reports(
        dataset, T2, ["PV02"], data, out, notebook=tmp_path / "trasig.ipynb", pdf=True
    )
    assert failed.html is None and "planerat fel" in failed.error
    assert seen == [True]
    assert list(files.folder.glob(".korning-*")) == []
