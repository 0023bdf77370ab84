"""Ids that become file names are safe by construction: validation refuses a unit id that could
name anything but one folder, and every writer's path is checked to lie in its output folder."""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_unit_runner import T2, small_dataset
from test_validation import TODAY, write_dataset

from hsn_analysis.cli.main import main
from hsn_analysis.reading.file_names import UnsafeOutputPath, name_problem, output_path
from hsn_analysis.reading.validation import check_dataset, load_dataset
from hsn_analysis.rules.result import compute_result
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.unit_runner import produce_unit_report
from hsn_analysis.vocabulary import Severity

HOSTILE = [
    "..",
    ".",
    "../../x",
    "a/b",
    "PV\\01",
    "PV\n01",
    "PV\t01",
    "PV\x0001",
    "CON",
    "nul",
    "Com1",
    "LPT9.txt",
    "aux .html",
    "PV01.",
    "PV01 ",
    "PV:01",
    "PV*",
    'PV"01',
    "x" * 101,
]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_that_could_point_elsewhere_or_that_windows_reserves_is_refused(name):
    assert name_problem(name) is not None


@pytest.mark.parametrize("name", ["PV01", "Hälsocentral_Åre-1", "PV.01", "console", "COM10"])
def test_an_ordinary_id_names_a_folder(name):
    assert name_problem(name) is None


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.mark.parametrize("unit_id", ["..", "../../x", "a/b", "CON", "PV\t01", "PV\x0701"])
def test_validation_refuses_a_unit_id_that_cannot_name_a_folder_with_a_located_message(
    tmp_path, unit_id
):
    units = f"enhet_id;namn;omrade\nPV01;Hälsocentral 1;Primärvård\n{unit_id};Fel;Primärvård\n"
    result = check_dataset(write_dataset(tmp_path, {"enheter.csv": units}), today=TODAY)
    assert result.dataset is None
    [problem] = [p for p in result.problems if p.severity is Severity.ERROR]
    assert (problem.source, problem.row, problem.column, problem.value) == (
        "enheter.csv",
        3,  # as Excel shows it: the header is row 1
        "enhet_id",
        unit_id,
    )
    assert "blir namnet på en mapp" in problem.message


def test_the_command_makes_no_unit_report_of_a_dataset_with_a_hostile_unit_id(tmp_path):
    data = small_dataset(tmp_path / "data")
    units = (data / "enheter.csv").read_text(encoding="utf-8").replace("PV02", "../../x")
    (data / "enheter.csv").write_text(units, encoding="utf-8")
    values = (data / "enhetsutfall.csv").read_text(encoding="utf-8").replace("PV02", "../../x")
    (data / "enhetsutfall.csv").write_text(values, encoding="utf-8")
    out = tmp_path / "a" / "b" / "ut"
    args = ["--data", str(data), "--out", str(out), "--today", "2025-10-01"]
    before = files_under(tmp_path)
    assert main(["run", "--period", "2025-T2", "--enhet", "alla", *args]) == 1
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("unit_id", ["..", "../../x", "a/b"])
def test_the_unit_writer_called_past_validation_with_a_hostile_id_writes_nothing(tmp_path, unit_id):
    data = small_dataset(tmp_path / "data")
    result = compute_result(load_dataset(data, today=TODAY), T2)
    out = tmp_path / "a" / "b" / "ut"
    out.mkdir(parents=True)
    before = files_under(tmp_path)
    with pytest.raises(UnsafeOutputPath, match="Inget skrevs"):
        # Nothing runs before the paths are checked: stand-ins for the kernel and exporter.
        produce_unit_report(
            result, unit_id, data, out, kernel=object(), exporter=None, checked=data
        )
    assert files_under(tmp_path) == before
    with pytest.raises(UnsafeOutputPath):
        published_files(out, T2, unit_id)


def test_a_link_inside_the_output_folder_that_points_outside_is_refused(tmp_path):
    out = tmp_path / "ut"
    (out / "2025-T2" / "enheter").mkdir(parents=True)
    (tmp_path / "annan").mkdir()
    os.symlink(tmp_path / "annan", out / "2025-T2" / "enheter" / "PV01")
    with pytest.raises(UnsafeOutputPath, match="utanför utdatamappen"):
        output_path(out, "2025-T2", "enheter", "PV01")
    assert output_path(out, "2025-T2", "enheter", "PV02") == out / "2025-T2/enheter/PV02"


@given(st.text(alphabet=string.printable + "åäö./\\\x00", max_size=12))
def test_any_name_that_passes_is_one_folder_directly_inside_the_output_folder(name):
    root = Path("/ut")
    if name and name_problem(name) is None:
        path = output_path(root, name)
        assert path.parent == root and path.name == name
    else:
        with pytest.raises(UnsafeOutputPath):
            output_path(root, name)
