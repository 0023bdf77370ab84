"""The project's own files agree with each other: dependencies, set-up and CI."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_installs_the_package_from_pyproject_and_adds_no_dependency_of_its_own():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert sorted(re.split(r"[=<>]", d)[0] for d in conda) == ["pip", "python"]
    assert pip == [{"pip": ["-e .[dev]"]}]
    assert "dev" in _pyproject()["project"]["optional-dependencies"]


def test_environment_yml_python_satisfies_requires_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    env_version = tuple(int(p) for p in python.split("=")[1].split("."))
    minimum = _pyproject()["project"]["requires-python"].removeprefix(">=")
    assert env_version >= tuple(int(p) for p in minimum.split("."))


def test_readme_opens_with_the_run_and_test_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme, re.S).group(1)
    commands = [line.strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_package_version_matches_pyproject():
    import hsn_analysis

    assert hsn_analysis.__version__ == _pyproject()["project"]["version"]


def test_importing_the_package_sets_up_no_logging_and_loads_no_heavy_modules():
    code = (
        "import logging, sys, hsn_analysis;"
        "assert not logging.getLogger().handlers, logging.getLogger().handlers;"
        "assert 'pandas' not in sys.modules and 'matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_setup_registered_the_project_kernel_for_this_environment():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("hsn-analysis")
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
    assert spec.language == "python"


def test_the_exit_code_table_of_the_command_document_names_every_code_the_command_returns():
    from hsn_analysis.cli import common

    codes = {v for k, v in vars(common).items() if k.startswith("EXIT_")}
    readme = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    table = readme[readme.index("| exit code | meaning |") :].split("\n\n", 1)[0]
    documented = {int(m) for m in re.findall(r"^\| (\d+) \|", table, re.M)}
    assert documented == codes == set(range(len(codes)))


def test_the_input_format_document_names_every_column_and_status_word():
    from hsn_analysis import dataset
    from hsn_analysis.reading.cells import STATUS_WORDS
    from hsn_analysis.words.messages import SETTING_HINTS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/indata.md)" in readme and "PRODUCT.md" not in readme
    document = (ROOT / "docs" / "indata.md").read_text(encoding="utf-8")
    columns = {c for name, v in vars(dataset).items() if name.endswith("_COLUMNS") for c in v}
    for word in sorted(columns | set(SETTING_HINTS)):
        assert f"`{word}`" in document, word
    folded = set(re.findall(r"`([^`\n]+)`", document))
    from hsn_analysis.reading.cells import fold

    assert set(STATUS_WORDS) <= {fold(w) for w in folded}
    for step in ("cp -r data/exempel", "hsn-report validate --data", "hsn-report run --period"):
        assert step in document, step
