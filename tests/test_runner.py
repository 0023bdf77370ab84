"""The report run end to end: the real notebook through papermill and nbconvert, then the files."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from builders import broken_notebook, small_example, tiny_notebook
from conftest import made_once

from hsn_analysis.paths import EXAMPLE_DATA, REPORT_NOTEBOOK
from hsn_analysis.problems import InvalidDatasetError
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.rules.result import compute_result
from hsn_analysis.runs import runner
from hsn_analysis.runs.kernel import KERNEL_NAME, running_kernel
from hsn_analysis.runs.layout import published_files
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.summary import summary_json

ROOT = Path(__file__).resolve().parent.parent


class _Page(HTMLParser):
    """What a browser would load or run from a page: tags, attributes and text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def read(result: runner.RunResult) -> str:
    return result.html.read_text(encoding="utf-8")


def external_references(html: str) -> list[str]:
    """Every reference that would make a browser reach outside the file."""
    page = _Page(html)
    found = []
    for _tag, attrs in page.tags:
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            value = attrs.get(name)
            if value is not None and not value.startswith(("#", "data:")):
                found.append(f"{name}={value}")
    css = " ".join(re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S))
    found += re.findall(r"@import[^;]*", css)
    found += [
        u for u in re.findall(r"url\(([^)]*)\)", html) if not u.strip("'\"").startswith("data:")
    ]
    return found


# The delmål whose indicators are reported at full year, of three mål: the full-year report's
# own content, at a third of the example's charts.
FULL_YEAR = (("M2", "M5", "M6"), ("D2.4", "D5.1", "D5.2", "D6.1"))


@pytest.fixture(scope="session")
def full_year_report(tmp_path_factory) -> runner.RunResult:
    """The full-year (2025-T3) report of the example's delmål with full-year indicators, made
    by the real runner and notebook, once for every xdist worker; its data beside it."""

    def make(folder: Path) -> runner.RunResult:
        data = small_example(folder / "data", *FULL_YEAR)
        return runner.run_report("2025-T3", data, folder / "rapporter")

    return made_once(tmp_path_factory, "rapporter-helar", make)


@pytest.fixture(scope="module")
def kernel():
    """One started kernel for the runs this module makes in process (`run_report(kernel=)`):
    what a run leaves is under test here, not the kernel it would start (test_kernel). Every
    notebook run in it sets the names it uses; a cell that raises leaves the kernel running."""
    with running_kernel() as manager:
        yield manager


# ---- the published files -------------------------------------------------------------------


def test_run_publishes_html_pdf_notebook_and_record_in_the_period_folder(example_report):
    folder = example_report.html.parent
    assert folder.name == "2025-T2"
    assert example_report.html.name == "uppfoljning-2025-T2.html"
    # Hidden: the period's lock file, which stays (a lock is the open file, not its existence).
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "uppfoljning-2025-T2.html",
        "uppfoljning-2025-T2.ipynb",
        "uppfoljning-2025-T2.json",
        "uppfoljning-2025-T2.pdf",
    ]
    assert (folder.parent / "index.html").exists()


def test_run_record_holds_parameters_hashes_timings_versions_and_summary(example_report):
    record = json.loads(example_report.record.read_text(encoding="utf-8"))
    dataset = load_dataset(EXAMPLE_DATA)
    summary = summary_json(compute_result(dataset, example_report.period))
    assert record["period"] == "2025-T2"
    assert record["parametrar"]["period"] == "2025-T2"
    assert record["parametrar"]["data"] == str(EXAMPLE_DATA.resolve())
    assert {f["namn"]: f["sha256"] for f in record["data"]["filer"]} == {
        s.name: s.sha256 for s in dataset.sources
    }
    assert set(record["tider_s"]) == {
        "validering",
        "notebook",
        "export",
        "pdf",
        "pdf_underlag",
        "pdf_sattning",
        "totalt",
    }
    assert all(seconds > 0 for seconds in record["tider_s"].values())
    assert record["versioner"]["papermill"] and record["versioner"]["hsn-analysis"]
    assert record["sammanfattning"] == summary["sammanfattning"]
    assert record["delmal"] == summary["delmal"]
    assert record["mal"] == summary["mal"]
    assert record["html_byte"] == example_report.html.stat().st_size
    pdf = example_report.pdf.read_bytes()
    assert record["pdf_byte"] == len(pdf)
    assert record["pdf_sha256"] == hashlib.sha256(pdf).hexdigest()


def test_executed_notebook_is_kept_for_audit_with_the_injected_parameters(example_report):
    nb = nbformat.read(example_report.notebook, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert 'period = "2025-T2"' in injected[0].source
    assert not any(o.output_type == "error" for c in nb.cells for o in c.get("outputs", []))


def test_the_kernel_got_the_result_from_the_runs_own_folder_which_is_removed(
    example_report,
):
    nb = nbformat.read(example_report.notebook, as_version=4)
    [injected] = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    [line] = [x for x in injected.source.splitlines() if x.startswith("checked = ")]
    handed = Path(line.removeprefix("checked = ").strip('"'))
    assert handed.name == "result.pickle"
    assert handed.parent.parent == example_report.html.parent
    assert handed.parent.name.startswith(".korning-")
    assert not handed.parent.exists()


# ---- the HTML file: self-contained, safe, Swedish ------------------------------------------


@pytest.mark.parametrize("fixture", ["example_report", "full_year_report", "export_report"])
def test_report_is_one_offline_file_without_scripts_or_code(fixture, request):
    html = read(request.getfixturevalue(fixture))
    page = _Page(html)
    assert "<script" not in html.lower()
    assert external_references(html) == []
    assert not page.all("iframe") and not page.all("link")
    # No code, prompts or parameter cells from the notebook.
    for code in ("report.prepare", "from hsn_analysis", "run_started =", "In&nbsp;[", "Out["):
        assert code not in html
    assert len(html.encode("utf-8")) < 1_000_000


def test_report_is_swedish_titled_and_has_alt_text_on_every_image(example_report):
    html = read(example_report)
    page = _Page(html)
    assert page.all("html") == [{"lang": "sv"}]
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)
    assert title == "Hälso- och sjukvårdsnämnden – uppföljning av nämndplan 2025, Tertial 2 2025"
    images = page.all("img")
    # the status chart, one chart per indicator (the SPC chart where there are 12 points or
    # more, the trend chart elsewhere) and the 2 comparisons with the regions
    assert len(images) == 1 + 28 + 2
    assert all(img["src"].startswith("data:image/png;base64,") for img in images)
    assert all(len(img["alt"]) > 40 for img in images)


def test_report_shows_the_count_sentence_every_delmal_and_the_status_words(example_report):
    html = read(example_report)
    text = " ".join(_Page(html).text)
    assert (
        "Av nämndens 13 delmål är bedömningen per augusti att 3 inte kommer att uppnås, "
        "6 delvis kommer att uppnås och 3 kommer att uppnås. 1 delmål är inte bedömt."
    ) in text
    dataset = load_dataset(EXAMPLE_DATA)
    for name in dataset.subgoals["namn"]:
        assert name in text
    for word in ("Kommer att uppnås", "Kommer delvis att uppnås", "Kommer inte att uppnås"):
        assert word in text
    assert "Ej bedömd" in text
    assert "EXEMPELDATA" in text
    assert "Tertial 2 2025, per augusti" in text


def test_t2_report_shows_full_year_indicators_as_reported_at_full_year(example_report):
    text = " ".join(_Page(read(example_report)).text)
    full_year = text[text.rindex("Indikatorer som redovisas vid helår") : text.rindex("Avvikelser")]
    for indicator in ("I2.4.1", "I5.1.1", "I5.1.4", "I5.2.1", "I6.1.1"):
        assert indicator in full_year
    assert full_year.count("Redovisas vid helår") == 5
    # I2.4.1's 2024 value is made from the example's units (26 of 56 said ja): 46,43 %, shown
    # as the latest full year.
    assert "helår 2024: 46,43\u00a0%" in full_year


def test_t3_report_shows_full_year_indicators_with_their_values(full_year_report):
    html = read(full_year_report)
    text = " ".join(_Page(html).text)
    full_year = text[text.rindex("Indikatorer som redovisas vid helår") : text.rindex("Avvikelser")]
    assert "Utfallet för 2025" in full_year
    assert "Redovisas vid helår" not in full_year
    dataset = load_dataset(full_year_report.html.parents[2] / "data")
    values = dataset.outcomes.loc[dataset.outcomes["period"] == "2025-T3"].set_index(
        "indikator_id"
    )["varde"]
    for indicator in ("I2.4.1", "I5.1.1", "I5.1.4", "I5.2.1", "I6.1.1"):
        assert indicator in full_year
        assert format_number(values[indicator]) in full_year  # as shown: two decimals at most
    assert "Tertial 3 2025, helår" in text


def test_report_of_the_excel_export_fixture_shows_its_figures(export_report):
    text = " ".join(_Page(read(export_report)).text)
    assert "Hälso- och sjukvårdsnämnden i testlänet" in text
    assert "23,13" in text and "77,5" in text  # seed 004's fulfilment figures, T1 and T2 2023


def test_comment_with_html_is_shown_as_text_never_run(tmp_path, kernel):
    data = small_example(tmp_path / "data")  # the real notebook, on the delmål with the comment
    assessments = data / "bedomningar.csv"
    text = assessments.read_text(encoding="utf-8-sig")
    marker = "Bedömningen har förbättrats"
    assert marker in text
    injected = text.replace(marker, "<script>alert(1)</script> <b>fet</b> " + marker, 1)
    assessments.write_text(injected, encoding="utf-8-sig")
    result = runner.run_report("2025-T2", data, tmp_path / "ut", kernel=kernel)
    html = read(result)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;fet&lt;/b&gt;" in html


# ---- what happens when something is wrong -------------------------------------------------


def test_invalid_data_stops_the_run_before_any_notebook_runs(tmp_path, kernel):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    outcomes = data / "utfall.csv"
    lines = outcomes.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[1].split(";")
    cells[2] = "många"
    lines[1] = ";".join(cells)
    outcomes.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.raises(InvalidDatasetError) as caught:
        runner.run_report("2025-T2", data, tmp_path / "ut", kernel=kernel)
    assert any(p.value == "många" for p in caught.value.problems)
    assert not (tmp_path / "ut").exists()


def test_failing_notebook_keeps_the_previous_report_and_names_the_cell(
    tmp_path, example_report, kernel
):
    out = tmp_path / "ut"
    shutil.copytree(example_report.html.parent, out / "2025-T2")
    before = {p.name: p.read_bytes() for p in (out / "2025-T2").iterdir()}
    data = small_example(tmp_path / "data")
    with pytest.raises(runner.RunFailed) as caught:
        runner.run_report("2025-T2", data, out, notebook=broken_notebook(tmp_path), kernel=kernel)
    failure = caught.value
    assert failure.step == "notebook"
    assert "RuntimeError: planerat fel i testet" in str(failure)
    assert "cell 5" in str(failure)  # counted with papermill's injected-parameters cell
    after = {p.name: p.read_bytes() for p in (out / "2025-T2").iterdir() if p != failure.kept}
    assert after == before
    assert failure.kept.name == "uppfoljning-2025-T2.MISSLYCKAD.ipynb"
    kept = nbformat.read(failure.kept, as_version=4)
    assert any(o.output_type == "error" for c in kept.cells for o in c.get("outputs", []))


def test_cli_run_exits_3_after_a_notebook_error_and_writes_no_html(tmp_path, monkeypatch, capsys):
    from hsn_analysis import cli

    failing = tiny_notebook(tmp_path, 'raise RuntimeError("planerat fel i testet")')
    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", failing)
    out = tmp_path / "ut"
    data = small_example(tmp_path / "data")
    code = cli.main(["run", "--period", "2025-T2", "--out", str(out), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_RUN_FAILED == 3
    assert "steget notebook misslyckades" in err and "planerat fel i testet" in err
    assert not list((out / "2025-T2").rglob("*.html"))
    assert list(out.rglob("*.MISSLYCKAD.ipynb"))
    assert "Misslyckad körning" in (out / "index.html").read_text(encoding="utf-8")
    assert not list((out / "2025-T2").glob(".korning-*"))  # the work folder is cleaned up


def test_a_successful_run_replaces_an_earlier_failed_notebook(tmp_path, kernel):
    out, data = tmp_path / "ut", small_example(tmp_path / "data")
    (tmp_path / "trasig").mkdir()
    failing = tiny_notebook(tmp_path / "trasig", 'raise RuntimeError("planerat fel")')
    with pytest.raises(runner.RunFailed):
        runner.run_report("2025-T2", data, out, notebook=failing, kernel=kernel)
    result = runner.run_report(
        "2025-T2", data, out, notebook=tiny_notebook(tmp_path), kernel=kernel
    )
    assert result.html.exists()
    assert not published_files(out, result.period).failed.exists()


# ---- the notebook as an analyst meets it ---------------------------------------------------


def test_report_notebook_parameters_are_period_data_run_started_checked_and_diagram():
    import papermill

    parameters = papermill.inspect_notebook(str(REPORT_NOTEBOOK))
    assert set(parameters) == {"period", "data", "run_started", "checked", "diagram"}
    assert parameters["period"]["default"] == '"2025-T2"'
    assert parameters["checked"]["default"] == "None"  # an analyst's run reads `data` itself
    assert parameters["diagram"]["default"] == "None"  # and draws its charts itself


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_are_thin_and_stripped(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == KERNEL_NAME
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        assert not re.search(r"^\s*(def|class) ", cell.source, flags=re.M)
        assert "try:" not in cell.source


def test_analyst_can_run_the_report_notebook_with_the_papermill_command(tmp_path):
    # The command and the notebook's parameters are under test, not the example's content: its
    # first mål (`data` given as an analyst gives it) draws 4 charts instead of 31.
    data = small_example(tmp_path / "data")
    output = tmp_path / "ut.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(REPORT_NOTEBOOK),
            str(output),
            "-p",
            "period",
            "2025-T1",
            "-p",
            "data",
            str(data),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    nb = nbformat.read(output, as_version=4)
    html = "".join(
        o.data.get("text/html", "") for c in nb.cells for o in c.get("outputs", []) if "data" in o
    )
    assert "Tertial 1 2025, per april" in html
    assert "Trygga Uppväxtvillkor" in html and "Tillgänglig vård" not in html  # `data` was read
