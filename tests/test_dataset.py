"""Handing the validated dataset to the report kernel: nothing lost, nothing else accepted."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from hsn_analysis.dataset import load_checked, save_checked
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report.context import prepare


@pytest.fixture(scope="module")
def example():
    return load_dataset(EXAMPLE_DATA)


def test_a_saved_dataset_comes_back_equal_with_its_types(tmp_path, example):
    save_checked(example, tmp_path / "data.pickle")
    back = load_checked(tmp_path / "data.pickle")
    assert back.settings == example.settings
    assert back.sources == example.sources and back.warnings == example.warnings
    for name in ("goals", "subgoals", "indicators", "outcomes", "assessments"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(example, name))


def test_a_file_that_holds_something_else_is_refused(tmp_path):
    (tmp_path / "annat.pickle").write_bytes(pickle.dumps({"inte": "ett dataset"}))
    with pytest.raises(TypeError, match="innehåller inget kontrollerat dataset"):
        load_checked(tmp_path / "annat.pickle")


def test_the_report_uses_the_checked_dataset_and_does_not_read_the_data_again(tmp_path, example):
    save_checked(example, tmp_path / "data.pickle")
    gone = tmp_path / "finns-inte"  # were it read, loading would fail
    report = prepare("2025-T2", gone, "2025-09-26T06:00:00+02:00", tmp_path / "data.pickle")
    assert report.dataset.settings == example.settings
    assert report.data_path == gone.resolve()
    assert len(report.subgoals) == len(example.subgoals)
