"""The benchmark harness (bench/) without timings: its synthetic data, floor notebook and
statistics. No test here asserts how fast anything is."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import nbformat
import pytest

from hsn_analysis.problems import errors, warnings
from hsn_analysis.reading.validation import check_dataset

# bench/ is a folder of the project, not an installed package: import it from the project root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import commands, run, synthetic, units  # noqa: E402
from bench.stats import pair_ratios, spread  # noqa: E402
from bench.text import number, table  # noqa: E402

SCALE = 0.001
# After 2025-T3 has begun, whatever the machine's clock says.
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    synthetic.generate(folder, SCALE)
    return folder


def test_sizes_scale_the_full_plan():
    full = synthetic.sizes(1.0)
    assert (full.goals, full.subgoals, full.indicators) == (40, 10_000, 150_000)
    assert full.periods == 15
    assert 2_200_000 < full.outcome_rows < 2_250_000
    assert full.assessment_rows == 150_000
    small = synthetic.sizes(SCALE)
    assert (small.subgoals, small.indicators) == (10, 150)
    assert 1 <= small.goals <= small.subgoals


def test_synthetic_data_is_valid_with_the_intended_sizes(small):
    result = check_dataset(small, today=TODAY)
    assert errors(result.problems) == []
    assert result.ok
    expected = synthetic.sizes(SCALE)
    dataset = result.dataset
    assert len(dataset.goals) == expected.goals
    assert len(dataset.subgoals) == expected.subgoals
    assert len(dataset.indicators) == expected.indicators
    assert dataset.periods == list(synthetic.PERIODS)
    assert len(dataset.outcomes) == expected.outcome_rows
    assert len(dataset.assessments) == expected.assessment_rows == expected.subgoals * 15
    # The only warnings are the outcomes left out on purpose, one each.
    assert len(warnings(result.problems)) == expected.missing


def test_synthetic_data_is_varied(small):
    dataset = check_dataset(small, today=TODAY).dataset
    indicators, outcomes = dataset.indicators, dataset.outcomes
    assert {"minst", "högst", "öka", "minska"} <= set(indicators["maltyp"])
    assert set(indicators["frekvens"]) == {"tertial", "helår"}
    assert set(dataset.assessments["status"]) == {"gron", "gul", "rod"}
    assert dataset.assessments["forfattare"].nunique() > 1
    assert outcomes["varde"].nunique() > len(indicators)
    # Targets given per outcome row (changed over the years, or only there) as well as in the plan.
    assert outcomes["malvarde"].notna().any()
    assert indicators["malvarde"].notna().any()


def test_helar_indicators_have_full_year_values_only(small):
    dataset = check_dataset(small, today=TODAY).dataset
    full_year = dataset.indicators.loc[dataset.indicators["frekvens"] == "helår", "indikator_id"]
    periods = dataset.outcomes.loc[dataset.outcomes["indikator_id"].isin(full_year), "period"]
    assert len(periods) > 0
    assert periods.str.endswith("T3").all()


def test_generation_is_deterministic(small, tmp_path):
    synthetic.generate(tmp_path, SCALE)
    for name in ("indikatorer.csv", "utfall.csv", "bedomningar.csv"):
        assert (tmp_path / name).read_bytes() == (small / name).read_bytes()


def test_cache_is_reused_and_other_versions_removed(tmp_path):
    stale = tmp_path / f"synthetic-v{synthetic.VERSION + 1}-skala-1"
    stale.mkdir()
    first = synthetic.cached(tmp_path, SCALE)
    again = synthetic.cached(tmp_path, SCALE)
    assert not first.reused
    assert again.reused
    assert again.folder == first.folder
    assert again.bytes == first.bytes > 0
    assert not stale.exists()
    assert check_dataset(again.folder, today=TODAY).ok


def test_floor_notebook_has_one_parameters_cell(tmp_path):
    path = commands.write_floor_notebook(tmp_path / "in.ipynb")
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert len(notebook.cells) == 1
    cell = notebook.cells[0]
    assert cell.cell_type == "code"
    assert cell.metadata["tags"] == ["parameters"]
    assert cell.source == 'period = "2025-T2"'


def test_floor_uses_the_cli_tools_of_this_environment(tmp_path):
    papermill, nbconvert = commands.floor_commands(tmp_path)
    assert papermill[0] == str(Path(sys.executable).parent / "papermill")
    assert papermill[1:3] == ["-k", "hsn-analysis"]
    assert papermill[-3:] == ["-p", "period", "2025-T2"]
    assert nbconvert[1:5] == ["nbconvert", "--to", "html", "--no-input"]


def test_unit_part_runs_one_unit_alone_and_every_unit_with_two_jobs(tmp_path):
    one, every = units.unit_command(tmp_path, "PV01"), units.unit_command(tmp_path, "alla", 2)
    assert one[0] == str(Path(sys.executable).parent / "hsn-report")
    assert one[1:6] == ["run", "--period", "2025-T2", "--enhet", "PV01"]
    assert every[5:8] == ["alla", "--jobs", "2"]
    assert run.parse_args([]).only[-1] == "units"  # part of a full bench run


def test_pair_ratios_and_their_spread():
    ratios = pair_ratios([2.0, 3.0, 8.0, 5.0], [4.0, 3.0, 4.0, 10.0])
    assert ratios == [0.5, 1.0, 2.0, 0.5]
    summary = spread(ratios)
    assert (summary.median, summary.low, summary.high, summary.n) == (0.75, 0.5, 2.0, 4)
    assert spread([3.0, 1.0, 2.0]).median == 2.0
    with pytest.raises(ValueError):
        pair_ratios([1.0], [1.0, 2.0])
    with pytest.raises(ValueError):
        spread([])


def test_text_output():
    assert number(4.519) == "4,52"
    assert number(2218890, 0) == "2 218 890"
    lines = table(("a", "b", ""), [("lång rad", "1,5", "mål: nått"), ("x", "10,25", "")])
    assert lines == [
        "  a             b",
        "  lång rad    1,5  mål: nått",
        "  x         10,25",
    ]


def test_command_line_options():
    args = run.parse_args(["--only", "floor,scale", "--scale", "0.01", "--runs", "6"])
    assert (args.only, args.scale, args.runs, args.batch_runs) == (["floor", "scale"], 0.01, 6, 3)
    for bad in (["--only", "floor,nope"], ["--scale", "0"], ["--runs", "0"]):
        with pytest.raises(SystemExit):
            run.parse_args(bad)


def test_the_probes_peak_is_its_own_not_that_of_the_big_process_that_started_it():
    # ru_maxrss survives fork and exec: a probe started by a bench holding the generated data
    # reported the bench's peak. The probe reads its own peak instead.
    big = bytearray(400 * 1024 * 1024)
    big[::4096] = b"\1" * len(big[::4096])  # touch every page: it is resident
    code = (
        "import resource, sys; sys.path.insert(0, 'bench'); import probe; "
        "print(probe.peak_bytes(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    own, inherited = map(int, done.stdout.split())
    assert inherited > 400e6  # the parent's high-water mark, as ru_maxrss reports it
    assert own < 200e6
    del big
