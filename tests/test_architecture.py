"""The package's shape: stages as subpackages, layers that hold, no cycles, small modules."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

import hsn_analysis

PACKAGE = Path(hsn_analysis.__file__).parent
ROOT = PACKAGE.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
STAGES = [
    "reading",
    "rules",
    "words",
    "report",
    "runs",
    "mail",
    "cli",
    "analyst",
    "forms",
    "kolada",
]
# The guide's "well under ~400 lines": a module past this is split, not stretched.
MAX_LINES = 400


def test_every_stage_is_a_subpackage_whose_docstring_says_what_it_may_import():
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, stage
        assert "import" in docstring, stage


def test_every_stage_and_top_level_module_stands_in_the_layer_contract():
    # A package left out of the layers is checked by nothing: the Kolada client was, for a time.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    named = {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}
    found = {f"hsn_analysis.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    found |= {
        f"hsn_analysis.{p.stem}"
        for p in PACKAGE.glob("*.py")
        if p.stem not in ("__init__", "__main__")
    }
    assert found == named


def test_no_module_imports_another_in_a_cycle():
    graph = grimp.build_graph("hsn_analysis", exclude_type_checking_imports=False)
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.append(f"{module} -> {' -> '.join(back)}")
    assert cycles == []


def test_no_module_is_longer_than_the_limit():
    long = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def lint(where: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts on the package found in `where`."""
    # lint-imports finds the package from its working folder first.
    env = {**os.environ, "PYTHONPATH": str(where)}
    command = [str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache"]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=where)


@pytest.fixture(scope="module")
def kept() -> subprocess.CompletedProcess[str]:
    """lint-imports on the package as it is (the same for every breaking line below)."""
    return lint(ROOT)


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("rules/rollup.py", "from hsn_analysis.words import labels"),
        ("report/markup.py", "from hsn_analysis.runs import layout"),
        ("runs/layout.py", "from hsn_analysis.cli import common"),
        ("report/charts.py", "from hsn_analysis.kolada import client"),
        ("reading/loading.py", "from hsn_analysis.forms import layout"),
    ],
)
def test_the_import_contract_breaks_when_a_lower_layer_imports_a_higher_one(
    tmp_path, kept, module, line
):
    copy = tmp_path / "hsn_analysis"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", "utf-8")

    broken = lint(tmp_path)

    assert kept.returncode == 0, kept.stdout
    assert broken.returncode != 0
    assert "BROKEN" in broken.stdout
