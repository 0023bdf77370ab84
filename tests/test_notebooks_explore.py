"""The analysts' notebook `utforska.ipynb`: runs through the real runner, on the example data and
on a Swedish Excel export, and is committed clean and thin."""

import ast
import html as html_lib
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from hsn_analysis.paths import EXPLORE_NOTEBOOK
from hsn_analysis.runs.kernel import running_kernel
from hsn_analysis.runs.notebook import execute_notebook

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "excel_export"
FIXTURE_PARAMETERS = {
    "data": str(FIXTURE_DATA),
    "period": "2023-T2",
    "compare_with": "2023-T1",
    "goal_id": "M2",
    "indicator_id": "I1",
}


def run(tmp_path_factory, name, parameters):
    folder = tmp_path_factory.mktemp(name)
    with running_kernel(folder) as kernel:
        return execute_notebook(
            EXPLORE_NOTEBOOK, folder / "utforska.ipynb", parameters, kernel=kernel
        )


@pytest.fixture(scope="module")
def on_example_data(tmp_path_factory):
    return run(tmp_path_factory, "exempel", {})


@pytest.fixture(scope="module")
def on_excel_export(tmp_path_factory):
    return run(tmp_path_factory, "excel_export", FIXTURE_PARAMETERS)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def cell_calling(notebook, call):
    """The one code cell whose source contains `call`."""
    (cell,) = [cell for cell in code_cells(notebook) if call in cell.source]
    return cell


def printed(cell):
    return "".join(o.text for o in cell.outputs if o.output_type == "stream")


def shown(cell, mime):
    """The `mime` data of the cell's displayed result."""
    (data,) = [o.data[mime] for o in cell.outputs if "data" in o and mime in o.data]
    return data


def table_rows(cell, *columns):
    """The displayed DataFrame's rows as lists of cell texts, only the given column positions."""
    html = shown(cell, "text/html")
    body = html.split("<tbody>", 1)[1]
    rows = [
        [html_lib.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]
    return [[row[i] for i in columns] for row in rows]


# ---- runs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("run_name", ["on_example_data", "on_excel_export"])
def test_every_code_cell_runs_without_an_error_or_a_warning(run_name, request):
    executed = request.getfixturevalue(run_name)
    outputs = [o for cell in code_cells(executed) for o in cell.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    assert [o.text for o in outputs if o.get("name") == "stderr"] == []
    assert all(cell.execution_count is not None for cell in code_cells(executed))


@pytest.mark.parametrize("run_name", ["on_example_data", "on_excel_export"])
def test_the_trend_cell_shows_the_indicator_chart_as_an_image(run_name, request):
    cell = cell_calling(request.getfixturevalue(run_name), "u.chart(")
    assert shown(cell, "image/png")


@pytest.mark.parametrize("run_name", ["on_example_data", "on_excel_export"])
def test_the_data_is_read_once_and_the_absolute_path_read_is_shown(run_name, request):
    executed = request.getfixturevalue(run_name)
    code = "\n".join(cell.source for cell in code_cells(executed))
    assert code.count("hsn.load(") == 1
    assert "validation" not in code and "load_dataset" not in code
    loaded = shown(cell_calling(executed, "hsn.load("), "text/plain")
    assert ("excel_export" if run_name == "on_excel_export" else "data/exempel") in loaded
    assert str(Path("/")) in loaded


def test_on_the_example_data_the_summary_sentence_counts_all_thirteen_delmal(on_example_data):
    html = shown(cell_calling(on_example_data, "u.summary("), "text/html")
    assert "Av nämndens 13 delmål är bedömningen per augusti" in html


def test_on_the_example_data_tables_show_words_and_rounded_figures_not_codes(on_example_data):
    rows = table_rows(cell_calling(on_example_data, "u.indicators(period)"), 1, 3, 6)
    assert ["I1.1.1", "● Målvärdet nås", "101,71\u00a0%"] in rows


def test_on_the_example_data_the_comparison_lists_every_delmal_with_its_change(on_example_data):
    rows = table_rows(cell_calling(on_example_data, "u.compare("), 1, 5)
    assert len(rows) == 13
    assert ["D1.1", "Förbättrad"] in rows
    assert ["D6.1", "Ej bedömd denna period"] in rows


def test_on_the_excel_export_the_summary_counts_its_three_delmal(on_excel_export):
    html = shown(cell_calling(on_excel_export, "u.summary("), "text/html")
    assert "Av nämndens 3 delmål är bedömningen per augusti" in html


def test_on_the_excel_export_the_goal_cells_show_only_the_delmal_and_indicators_of_that_goal(
    on_excel_export,
):
    subgoals = cell_calling(on_excel_export, "u.subgoals(period, goal=goal_id)")
    assert table_rows(subgoals, 1) == [["D3"]]
    indicators = cell_calling(on_excel_export, "u.indicators(period, goal=goal_id)")
    assert table_rows(indicators, 1, 0) == [["I3", "D3"], ["I4", "D3"]]


def test_on_the_excel_export_the_history_holds_the_chosen_indicator_newest_first(on_excel_export):
    history = cell_calling(on_excel_export, "u.history(")
    assert table_rows(history, 0, 2) == [["T2 2023", "28"], ["T1 2023", "18,5"], ["T3 2022", "31"]]


def test_on_the_excel_export_the_period_comparison_shows_better_unchanged_and_new(
    on_excel_export,
):
    rows = table_rows(cell_calling(on_excel_export, "u.compare("), 1, 6)
    assert rows == [["D1", "battre"], ["D2", "oforandrad"], ["D3", "ny"]]
    changed = cell_calling(on_excel_export, "changes.frame.query(")
    assert [row[0] for row in table_rows(changed, 1)] == ["D1", "D3"]


def test_on_the_excel_export_the_value_comparison_shows_the_change_and_missing_values(
    on_excel_export,
):
    rows = table_rows(cell_calling(on_excel_export, "u.compare_values("), 1, 3, 4, 5)
    assert rows == [
        ["I1", "18,5", "28", "9,5"],
        ["I2", "0", "31", "31"],
        ["I3", "–", "35", "–"],
        ["I4", "–", "–", "–"],
    ]


# ---- the committed notebook -------------------------------------------------------------------


def test_the_parameters_are_exactly_data_period_compare_with_goal_and_indicator():
    parameters = papermill.inspect_notebook(str(EXPLORE_NOTEBOOK))
    assert set(parameters) == {"data", "period", "compare_with", "goal_id", "indicator_id"}
    assert parameters["data"]["default"] == "None"
    assert parameters["period"]["default"] == '"2025-T2"'


def test_the_parameters_cell_holds_only_assignments_of_literals():
    (cell,) = [
        c
        for c in code_cells(nbformat.read(EXPLORE_NOTEBOOK, as_version=4))
        if "parameters" in c.metadata.get("tags", [])
    ]
    for statement in ast.parse(cell.source).body:
        assert isinstance(statement, ast.Assign)
        ast.literal_eval(statement.value)


def test_the_committed_notebook_has_no_outputs_and_no_execution_counts():
    notebook = nbformat.read(EXPLORE_NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert all(cell.outputs == [] for cell in code_cells(notebook))
    assert all(cell.execution_count is None for cell in code_cells(notebook))


def test_the_committed_notebook_only_calls_the_library_defining_and_catching_nothing():
    notebook = nbformat.read(EXPLORE_NOTEBOOK, as_version=4)
    code = "\n".join(cell.source for cell in code_cells(notebook))
    assert not re.search(r"^\s*(async\s+)?def |^\s*class |^\s*try\s*:", code, re.M)


def test_the_committed_notebook_uses_the_project_kernel():
    notebook = nbformat.read(EXPLORE_NOTEBOOK, as_version=4)
    assert notebook.metadata.kernelspec == {
        "name": "hsn-analysis",
        "display_name": "HSN uppföljning (Python 3)",
        "language": "python",
    }
