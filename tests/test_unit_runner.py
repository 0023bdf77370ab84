"""Basenheternas rapporter: published beside the board's with the same rules, several per
kernel with a clean namespace each, on any executor, and on a real Dask LocalCluster."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import builders
import nbformat
import pytest
from conftest import made_once
from test_reading_units import UNITS
from test_validation import TODAY, VALID, write_dataset

from hsn_analysis import paths
from hsn_analysis.cli.main import main
from hsn_analysis.paths import UNIT_NOTEBOOK
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.runs.kernel import KERNEL_NAME
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.unit_batch import chunks, run_unit_reports

T2 = Period.parse("2025-T2")
THREE_UNITS = "\n".join(UNITS.splitlines()[:3]) + "\nSV01;Klinik 1;Sjukhusvård;Chef\n"


def small_dataset(folder: Path) -> Path:
    """Three units (two in primary care, one hospital unit) answering I4 and assessing D1."""
    indicators = VALID["indikatorer.csv"].replace("gul_fran\n", "gul_fran;aggregering;omrade\n")
    indicators += "I4;D1;Andel enheter som frågar om våld;minst;80;%;tertial;;andel_ja;\n"
    values = (
        "indikator_id;enhet_id;period;varde\n"
        "I4;PV01;2025-T2;ja\nI4;PV02;2025-T2;nej\nI4;SV01;2025-T2;ja\n"
    )
    assessments = (
        "delmal_id;enhet_id;period;status;kommentar\n"
        "D1;PV01;2025-T2;delvis;Vi <b>arbetar</b> på det.\nD1;SV01;2025-T2;uppnås;\n"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return write_dataset(
        folder,
        {
            "indikatorer.csv": indicators,
            "enheter.csv": THREE_UNITS,
            "enhetsutfall.csv": values,
            "enhetsbedomningar.csv": assessments,
        },
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    data = small_dataset(tmp_path_factory.mktemp("data"))
    return data, check_dataset(data, today=TODAY).dataset


def stand_in(folder: Path, first: str = "") -> Path:
    """The tiny notebook (`builders.tiny_notebook`) for a unit's report: for the tests of the
    publishing path, whose subject is not the unit notebook's content."""
    folder.mkdir(exist_ok=True)
    return builders.tiny_notebook(folder, first)


def _first_reports(folder: Path) -> Path:
    data = small_dataset(folder / "data")
    dataset = check_dataset(data, today=TODAY).dataset
    made = run_unit_reports(
        dataset, T2, ["PV01", "PV02"], data, folder / "ut", notebook=stand_in(folder)
    )
    assert [r.error for r in made] == [None, None]
    return folder / "ut"


@pytest.fixture(scope="session")
def first_reports(tmp_path_factory) -> Path:
    """One real run (one kernel) publishing PV01's and PV02's reports by the stand-in notebook,
    for the whole test run. Never changed: `published` copies it."""
    return made_once(tmp_path_factory, "enheter-publicerade", _first_reports)


@pytest.fixture
def published(first_reports, tmp_path) -> Path:
    """An output folder of the test's own where PV01's and PV02's reports were published: the
    earlier good reports of tests whose subject is what a later run does with them."""
    return Path(shutil.copytree(first_reports, tmp_path / "ut"))


def namespace_probe(folder: Path) -> Path:
    """The unit notebook with a first cell that fails if a name of an earlier report is left,
    and leaves one itself."""
    nb = nbformat.read(UNIT_NOTEBOOK, as_version=4)
    probe = (
        "assert 'kvar_fran_forra' not in globals(), 'namnrymden är inte tom'\nkvar_fran_forra = 1"
    )
    nb.cells.insert(2, nbformat.v4.new_code_cell(probe))
    path = folder / "enhet-prov.ipynb"
    nbformat.write(nb, path)
    return path


def test_chunks_spread_the_units_evenly_and_never_make_empty_ones():
    assert chunks(["a", "b", "c", "d", "e"], 2) == [["a", "c", "e"], ["b", "d"]]
    assert chunks(["a"], 4) == [["a"]]


def test_reports_of_one_chunk_share_a_kernel_with_a_clean_namespace_each(small, tmp_path):
    data, dataset = small
    out = tmp_path / "ut"
    seen = []
    results = run_unit_reports(
        dataset,
        T2,
        ["PV01", "PV02", "SV01"],
        data,
        out,
        jobs=1,
        notebook=namespace_probe(tmp_path),
        on_finished=lambda r, n, total: seen.append((r.unit_id, n, total)),
    )
    assert [(r.unit_id, r.error) for r in results] == [
        ("PV01", None),
        ("PV02", None),
        ("SV01", None),
    ]
    assert sorted(seen) == [("PV01", 1, 3), ("PV02", 2, 3), ("SV01", 3, 3)]
    files = published_files(out, T2, "PV01")
    assert results[0].html == files.html
    page = files.html.read_text(encoding="utf-8")
    assert "Hälsocentral 1" in page and "Vi &lt;b&gt;arbetar&lt;/b&gt; på det." in page
    record = json.loads(files.record.read_text(encoding="utf-8"))
    assert (record["rapport"], record["enhet_id"], record["omrade"]) == (
        "enhet",
        "PV01",
        "Primärvård",
    )
    assert record["delmal"] == {"uppnas": 0, "delvis": 1, "uppnas_ej": 0, "ej_rapporterat": 0}
    assert files.notebook.exists() and not files.failed.exists()
    assert list(files.html.parent.glob(".korning-*")) == []
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2025-T2/enheter/PV01/uppfoljning-2025-T2-PV01.html" in index
    assert "Basenheternas rapporter Tertial 2 2025" in index


def test_a_failing_report_keeps_the_previous_one_and_the_others_go_on(small, published, tmp_path):
    data, dataset = small
    out = published
    first = published_files(out, T2, "PV02")
    before = first.html.read_bytes()
    broken = stand_in(tmp_path / "trasig", "raise RuntimeError('planerat fel')")
    results = run_unit_reports(dataset, T2, ["PV02", "SV01"], data, out, notebook=broken)
    assert [r.html for r in results] == [None, None]
    assert "planerat fel" in results[0].error and results[0].kept.name.endswith("MISSLYCKAD.ipynb")
    assert first.html.read_bytes() == before  # the previous good report stays
    assert not published_files(out, T2, "SV01").html.exists()


def test_a_units_report_made_again_replaces_the_first_which_is_backed_up(
    small, published, tmp_path
):
    data, dataset = small
    out = published
    first = published_files(out, T2, "PV02")
    before = first.html.read_bytes()
    [again] = run_unit_reports(dataset, T2, ["PV02"], data, out, notebook=stand_in(tmp_path))
    assert again.error is None and again.html == first.html
    backups = published_files(out, T2, "PV02").backups
    [kept] = backups.glob("*.html")
    assert kept.read_bytes() == before


def test_a_full_disk_is_the_disks_fault_exit_8_with_a_sentence_and_the_old_report_kept(
    small, published, tmp_path, monkeypatch, caplog
):
    import errno

    from hsn_analysis.runs import publishing

    data, dataset = small
    out = published
    monkeypatch.setattr(paths, "UNIT_NOTEBOOK", stand_in(tmp_path))  # also the command's
    first = published_files(out, T2, "PV02")
    before = first.html.read_bytes()

    def full(work, files, backup):
        raise OSError(errno.ENOSPC, "No space left on device", str(files.html))

    monkeypatch.setattr(publishing, "move_into_place", full)
    [result] = run_unit_reports(dataset, T2, ["PV02"], data, out)
    assert result.html is None and result.disk and not result.busy
    assert "steget skrivning misslyckades" in result.error and "full" in result.error
    assert first.html.read_bytes() == before
    args = ["--data", str(data), "--out", str(out), "--today", "2025-10-01"]
    with caplog.at_level("ERROR"):
        assert main(["run", "--period", "2025-T2", "--enhet", "PV02", *args]) == 8
    assert "oväntat fel" not in caplog.text  # the disk's fault, not a bug: no traceback


def test_an_unexpected_fault_in_a_unit_report_is_logged_as_one_and_exits_9_as_for_the_board(
    small, tmp_path, monkeypatch, caplog
):
    from hsn_analysis.runs import publishing

    data, _ = small

    def bug(work, files, backup):
        raise KeyError("enhet_id")

    monkeypatch.setattr(publishing, "move_into_place", bug)
    monkeypatch.setattr(paths, "UNIT_NOTEBOOK", stand_in(tmp_path))
    args = ["--data", str(data), "--out", str(tmp_path / "ut"), "--today", "2025-10-01"]
    with caplog.at_level("ERROR"):
        assert main(["run", "--period", "2025-T2", "--enhet", "PV02", *args]) == 9
    assert "PV02: oväntat fel" in caplog.text


def test_any_executor_runs_the_chunks_and_stays_open_for_its_owner(small, tmp_path):
    data, dataset = small
    notebook = stand_in(tmp_path)
    with ThreadPoolExecutor(2) as pool:
        results = run_unit_reports(
            dataset, T2, ["PV01", "SV01"], data, tmp_path, jobs=2, executor=pool, notebook=notebook
        )
        assert pool.submit(lambda: "öppen").result() == "öppen"
    assert all(r.html is not None and r.html.exists() for r in results)


def test_the_command_makes_every_units_report_on_a_dask_local_cluster(small, tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    data, _ = small
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        scheduler_port=0,
        dashboard_address=None,
    ) as cluster:
        code = main(
            [
                *("run", "--period", "2025-T2", "--enhet", "alla"),
                *("--data", str(data), "--out", str(tmp_path), "--today", "2025-10-01"),
                *("--dask", cluster.scheduler_address),
            ]
        )
    assert code == 0
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == [
        "uppfoljning-2025-T2-PV01.html",
        "uppfoljning-2025-T2-PV02.html",
        "uppfoljning-2025-T2-SV01.html",
    ]
    assert "Ej rapporterat" in Path(printed[0]).read_text(encoding="utf-8")


def test_an_unknown_unit_or_a_dataset_without_units_is_a_usage_error(small, tmp_path):
    data, _ = small
    common = ["--data", str(data), "--out", str(tmp_path), "--today", "2025-10-01"]
    assert main(["run", "--period", "2025-T2", "--enhet", "XX99", *common]) == 2
    (tmp_path / "utan").mkdir()
    plain = write_dataset(tmp_path / "utan")
    args = ["--data", str(plain), "--out", str(tmp_path), "--today", "2025-10-01"]
    assert main(["run", "--period", "2025-T2", "--enhet", "alla", *args]) == 2
    assert main(["run", "--period", "2025-T2", "--dask", "tcp://127.0.0.1:1", *common]) == 2


def test_auto_before_the_assessments_are_in_exits_4_as_for_the_board(small, tmp_path):
    data, _ = small
    args = ["--data", str(data), "--out", str(tmp_path), "--today", "2026-01-05"]
    assert main(["run", "--period", "auto", "--enhet", "alla", *args]) == 4
    assert not (tmp_path / "2025-T3").exists()


def test_the_unit_notebook_is_thin_and_uses_the_report_kernel():
    nb = nbformat.read(UNIT_NOTEBOOK, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].metadata["tags"] == ["parameters"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert not any(("def " in c.source or "try:" in c.source) for c in code)
