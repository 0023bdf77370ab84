"""The command line's failure paths end in one Swedish sentence and a documented exit code;
data values cannot steer the terminal; defaults are the current folder's."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import builders
import pytest
from builders import hsn_report, hsn_report_in_process

from hsn_analysis import cli
from hsn_analysis.runs import publishing
from hsn_analysis.words.terminal import printable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "exempel"


@pytest.fixture
def command(capsys, monkeypatch):
    """`hsn-report` in this process (`cli.main`), from the project folder: for the tests whose
    subject is what a command says, not the process around it."""
    monkeypatch.chdir(ROOT)
    return lambda *args: hsn_report_in_process(capsys, *args)


def test_out_pointing_at_a_file_is_one_sentence_and_exit_8(tmp_path):
    # In a process of its own: the exit code 8 of the real command.
    target = tmp_path / "rapporter.txt"
    target.write_text("en fil", encoding="utf-8")
    result = hsn_report("run", "--period", "2025-T2", "--out", str(target))
    assert result.returncode == cli.EXIT_FILE_SYSTEM == 8
    assert "Traceback" not in result.stderr
    (error,) = [line for line in result.stderr.splitlines() if " ERROR: " in line]
    assert "kan inte bli en mapp" in error and "--out" in error
    assert target.read_text(encoding="utf-8") == "en fil"


def test_a_read_only_output_folder_is_one_sentence_exit_8_and_no_mail(
    tmp_path, monkeypatch, capsys
):
    def read_only(folder: Path, purpose: str):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    monkeypatch.setattr(publishing, "period_lock", read_only)
    config = tmp_path / "mottagare.toml"
    config.write_text(
        'avsandare = "a@region.example"\nmottagare = ["b@region.example"]\n'
        '[smtp]\nserver = "127.0.0.1"\nsakerhet = "ingen"\n',
        encoding="utf-8",
    )
    out = tmp_path / "ut"
    argv = ["run", "--period", "2025-T2", "--data", str(EXAMPLE), "--out", str(out)]
    code = cli.main([*argv, "--send", "--config", str(config), "--dry-run"])
    captured = capsys.readouterr()
    assert code == cli.EXIT_FILE_SYSTEM == 8
    assert captured.out == ""
    assert "skrivskyddad" in captured.err and "inget mejl skickas" in captured.err
    assert "Traceback" not in captured.err
    assert not list(tmp_path.rglob("*.eml"))


def test_a_bug_says_it_is_one_and_exits_9(monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("hsn_analysis.rules.result.compute_result", broken)
    code = cli.main(["summary", "--period", "2025-T2", "--data", str(EXAMPLE)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BUG == 9
    assert "programfel i hsn-report (ZeroDivisionError: division by zero)" in err
    assert "Rapportera" in err


def test_summary_json_into_a_pipe_closed_early_ends_quietly():
    process = subprocess.Popen(
        [sys.executable, "-m", "hsn_analysis", "summary", "--period", "2025-T2", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().strip() == b"{"
    process.stdout.close()  # as `| head -1` does
    err = process.stderr.read().decode()
    assert process.wait() == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Målvärde\n2025-11-30 06:00:00+0100 hsn-report INFO: Klar", "Målvärde\\n2025"),
        ("röd\x1b[32mgrön", "röd\\x1b[32mgrön"),
        ("a\rb\u2028c\u202ed", "a\\rb\\u2028c\\u202ed"),
        ("vanlig text – å ä ö", "vanlig text – å ä ö"),
    ],
)
def test_control_characters_are_shown_as_escapes(text, shown):
    assert printable(text).startswith(shown)
    assert "\n" not in printable(text) and "\x1b" not in printable(text)


def test_a_value_with_a_line_break_cannot_forge_a_line_of_validate_or_the_log(tmp_path, command):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    forged = "x\n2026-01-05 06:00:03+0100 hsn-report INFO: Klar\x1b[2K"
    path = data / "delmal.csv"  # an unknown mal_id: the message shows the value
    text = path.read_text(encoding="utf-8-sig") + f'D9;"{forged}";Namn\n'
    path.write_text(text, encoding="utf-8")
    result = command("validate", "--data", str(data))
    assert result.returncode == 1
    assert not any(line.startswith("2026-01-05") for line in result.stdout.splitlines())
    assert "\x1b" not in result.stdout
    assert "x\\n2026-01-05 06:00:03+0100 hsn-report INFO: Klar\\x1b[2K" in result.stdout
    run = command("summary", "--period", "2025-T2", "--data", str(data))
    assert not any(line.startswith("2026-01-05") for line in run.stderr.splitlines())
    assert "\x1b" not in run.stderr


def test_without_out_the_report_goes_to_the_current_folder_and_the_example_is_said(
    tmp_path, capsys, monkeypatch
):
    import importlib

    from hsn_analysis.runs import runner

    main = importlib.import_module("hsn_analysis.cli.main")  # the module, not its function

    # The defaults are under test, not the report: a stand-in notebook, and the package's
    # example data stood in for by its first mål (the fallback reads the name `EXAMPLE_DATA`).
    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", builders.tiny_notebook(tmp_path))
    monkeypatch.setattr(main, "EXAMPLE_DATA", builders.small_example(tmp_path / "paketet"))
    folder = tmp_path / "arbetsmapp"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = hsn_report_in_process(capsys, "run", "--period", "2025-T2")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == folder / "outputs" / "2025-T2" / (
        "uppfoljning-2025-T2.html"
    )
    assert "använder paketets exempeldata" in result.stderr


def test_without_data_the_current_folders_copy_of_the_example_is_read(
    tmp_path, capsys, monkeypatch
):
    copy = tmp_path / "data" / "exempel"
    shutil.copytree(EXAMPLE, copy)
    goals = copy / "mal.csv"
    goals.write_text(goals.read_text(encoding="utf-8-sig") + "M9;\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = hsn_report_in_process(capsys, "validate")
    assert result.returncode == 1
    assert "mal.csv, rad" in result.stdout
    assert "paketets exempeldata" not in result.stderr


def test_validate_says_what_it_read(command):
    result = command("validate", "--data", str(EXAMPLE))
    assert "Läste mal.csv (7 rader), delmal.csv (13 rader)" in result.stdout
