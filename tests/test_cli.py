"""`hsn-report` as a user runs it, with real files. A process of its own where the process is
part of what is shown (an exit code of each command family, the installed script, every line on
stderr); elsewhere `cli.main` in this process (`command`), which says and returns the same."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import hsn_report, hsn_report_in_process, small_example

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "exempel"
EXAMPLE_XLSX = ROOT / "data" / "exempel.xlsx"
EXCEL_EXPORT = Path(__file__).resolve().parent / "fixtures" / "excel_export"


@pytest.fixture
def command(capsys, monkeypatch):
    """`hsn-report` in this process, from the project folder as `hsn_report` runs it."""
    monkeypatch.chdir(ROOT)
    return lambda *args: hsn_report_in_process(capsys, *args)


@pytest.mark.parametrize("data", [EXAMPLE, EXAMPLE_XLSX], ids=["csv", "xlsx"])
def test_validate_accepts_the_example_dataset(data, command):
    result = command("validate", "--data", str(data))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fel" in result.stdout


def test_validate_lists_every_problem_of_a_broken_copy_with_its_location(tmp_path):
    broken = tmp_path / "trasig"
    shutil.copytree(EXAMPLE, broken)
    indicators = broken / "indikatorer.csv"
    text = indicators.read_text(encoding="utf-8-sig")
    header, first, *rest = text.splitlines()
    cells = first.split(";")
    cells[1] = "D99.9"  # an unknown delmål
    cells[3] = "störst"  # an unknown maltyp
    indicators.write_text("\n".join([header, ";".join(cells), *rest]) + "\n", encoding="utf-8")
    outcomes = broken / "utfall.csv"
    outcomes.write_text(
        outcomes.read_text(encoding="utf-8-sig") + "I1.1.1;2025-T9;12;;\n", encoding="utf-8"
    )

    result = hsn_report("validate", "--data", str(broken))

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any("indikatorer.csv, rad 2" in x and "delmal_id" in x and "D99.9" in x for x in lines)
    assert any("indikatorer.csv, rad 2" in x and "maltyp" in x and "störst" in x for x in lines)
    assert any("utfall.csv" in x and "period" in x and "2025-T9" in x for x in lines)


def test_summary_prints_the_count_sentence_and_the_example_banner(command):
    result = command("summary", "--period", "2025-T2")
    assert result.returncode == 0, result.stderr
    assert "Tertial 2 2025" in result.stdout
    assert "EXEMPELDATA" in result.stdout
    assert "Av nämndens 13 delmål är bedömningen per augusti att" in result.stdout


def test_summary_json_follows_the_product_schema():
    result = hsn_report("summary", "--period", "2025-T2", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    # The written analysis (issue 15): the administration's, the mål comments, the delmål's.
    written = {"forvaltningens_analys", "malkommentarer", "analys"}
    main = {"period", "sammanfattning", "delmal", "mal", "indikatorer"}
    assert set(summary) == main | {"enhetsbedomningar"} | written  # the example has basenheter
    assert [a["rubrik"] for a in summary["forvaltningens_analys"]] == [
        "Läget per augusti",
        "Ekonomi och bemanning",
    ]
    assert len(summary["malkommentarer"]) == 7
    assert {a["delmal_id"] for a in summary["analys"]} == {
        f"D{n}"
        for n in (
            "1.1",
            "1.2",
            "2.1",
            "2.2",
            "2.3",
            "2.4",
            "3.1",
            "4.1",
            "4.2",
            "5.1",
            "5.2",
            "7.1",
        )
    }
    assert summary["period"] == "2025-T2"
    counts = summary["delmal"]
    assert set(counts) == {"antal", "uppnas", "delvis", "uppnas_ej", "ej_bedomd"}
    assert counts["antal"] == 13 == sum(v for k, v in counts.items() if k != "antal")
    assert sum(m["antal"] for m in summary["mal"]) == 13
    assert {m["status"] for m in summary["mal"]} <= {"gron", "gul", "rod", "ej_bedomd"}
    keys = {"indikator_id", "period", "varde", "malvarde", "uppfyllelse", "uppfyllelse_text"}
    keys |= {"status", "jamforelse", "spc", "kommentar"}
    assert all(set(row) - {"omraden"} == keys for row in summary["indikatorer"])
    with_units = [row["indikator_id"] for row in summary["indikatorer"] if "omraden" in row]
    assert with_units == ["I4.1.1", "I6.1.2"]  # the aggregated indicators with 2025-T2 values
    current = [row for row in summary["indikatorer"] if row["period"] == "2025-T2"]
    assert len(current) == 28  # one row per indicator, due or not
    assert all(row["period"] <= "2025-T2" for row in summary["indikatorer"])


def test_summary_json_of_an_unseen_swedish_excel_export_is_right(command):
    result = command("summary", "--period", "Tertial 2 2023", "--json", "--data", str(EXCEL_EXPORT))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["sammanfattning"] == (
        "Av nämndens 3 delmål är bedömningen per augusti att 1 inte kommer att uppnås, "
        "1 delvis kommer att uppnås och 1 kommer att uppnås."
    )
    assert summary["delmal"] == {
        "antal": 3,
        "uppnas": 1,
        "delvis": 1,
        "uppnas_ej": 1,
        "ej_bedomd": 0,
    }
    # M1 has one green and one yellow delmål: a tie goes to the worse.
    assert [(m["mal_id"], m["antal"], m["status"]) for m in summary["mal"]] == [
        ("M1", 2, "gul"),
        ("M2", 1, "rod"),
    ]
    rows = {(r["indikator_id"], r["period"]): r for r in summary["indikatorer"]}
    expected = {
        ("I1", "2023-T2"): (28.0, 80.0, 35.0, "35", "rod"),
        ("I1", "2023-T1"): (18.5, 80.0, 23.125, "23,13", "rod"),
        ("I1", "2022-T3"): (31.0, None, None, None, "malvarde_saknas"),
        ("I2", "2023-T2"): (31.0, 40.0, 77.5, "77,5", "rod"),
        ("I2", "2023-T1"): (0.0, 40.0, 0.0, "0", "rod"),
        ("I3", "2023-T2"): (35.0, 30.0, pytest.approx(100 * 30 / 35), "85,71", "rod"),
        ("I4", "2023-T2"): (None, 1200.0, None, None, "helar"),
        ("I4", "2022-T3"): (1150.0, 1200.0, pytest.approx(100 * 1150 / 1200), "95,83", "gul"),
    }
    assert set(rows) == set(expected)
    for key, (value, target, fulfilment, text, status) in expected.items():
        row = rows[key]
        got = (row["varde"], row["malvarde"], row["uppfyllelse"], row["uppfyllelse_text"])
        assert got == (value, target, fulfilment, text), key
        assert row["status"] == status, key


def test_summary_latest_picks_the_last_period_with_data(command):
    result = command("summary", "--period", "latest", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"] == "2025-T3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--period", "2025-T7"], "ingen period"),
        (["summary", "--period", "2099-T1"], "har inte börjat"),
        (["summary", "--period", "2019-T1"], "data saknas för 2019-T1"),
        (["run", "--period", "2099-T1"], "har inte börjat"),
        (["run", "--period", "2019-T1"], "data saknas för 2019-T1"),
        (["run", "--period", "2025-T2", "--data", "finns/inte"], "hittar inte data"),
        (["validate", "--data", "finns/inte"], "hittar inte data"),
        (["summary"], "--period"),
        ([], "kommando"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args, message, command):
    result = command(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_summary_of_invalid_data_exits_1_and_prints_no_summary(tmp_path, command):
    broken = tmp_path / "trasig"
    shutil.copytree(EXCEL_EXPORT, broken)
    (broken / "Mål.csv").unlink()
    result = command("summary", "--period", "2023-T2", "--data", str(broken))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "ingen sammanställning" in result.stderr


def test_the_console_script_is_installed_and_answers():
    script = Path(sys.executable).parent / "hsn-report"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("hsn-report ")


def test_summary_latest_without_any_period_in_the_data_is_a_usage_error(tmp_path, command):
    empty = tmp_path / "tom"
    shutil.copytree(EXCEL_EXPORT, empty)
    for name, encoding in [("Utfall.csv", "utf-8-sig"), ("Bedömningar.csv", "cp1252")]:
        header = (empty / name).read_text(encoding=encoding).splitlines()[0]
        (empty / name).write_text(header + "\n", encoding=encoding)
    indicators = empty / "Indikatorer.csv"  # I1 took its target from the outcomes
    text = indicators.read_text(encoding="cp1252").replace("Minst;;%", "Minst;80;%")
    indicators.write_text(text, encoding="cp1252")

    result = command("summary", "--period", "latest", "--data", str(empty))

    assert result.returncode == 2
    assert "ingen period" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_of_invalid_data_exits_1_lists_the_errors_and_writes_nothing(tmp_path, command):
    # In this process: `run`'s exit code of a real process is shown by the run of `latest`.
    broken = tmp_path / "trasig"
    shutil.copytree(EXCEL_EXPORT, broken)
    (broken / "Mål.csv").unlink()
    out = tmp_path / "ut"
    result = command("run", "--period", "2023-T2", "--data", str(broken), "--out", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "mal.csv" in result.stderr
    assert "steget validering misslyckades" in result.stderr
    assert not out.exists()


def test_run_latest_writes_the_report_of_the_last_period_and_prints_its_path(tmp_path):
    # The whole run in a process of its own, on the example's first two mål (the scheduled
    # run in test_delivery makes the whole example's).
    data = small_example(tmp_path / "data", ("M1", "M2"))
    out = tmp_path / "ut"
    result = hsn_report("run", "--period", "latest", "--out", str(out), "--data", str(data))
    assert result.returncode == 0, result.stderr
    html = out / "2025-T3" / "uppfoljning-2025-T3.html"
    assert result.stdout.strip() == str(html)
    assert html.stat().st_size > 100_000
    assert "Kernel is running over TCP" not in result.stderr  # startup noise is silenced


# ---- the scheduled run: timestamped logs and an exit code per kind of failure ---------------

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d{4} hsn-report (INFO|WARNING|ERROR): \S"
)


def test_every_log_line_on_stderr_starts_with_a_timestamp(tmp_path):
    result = hsn_report("run", "--period", "auto", "--today", "2026-11-24", "--out", str(tmp_path))
    lines = result.stderr.splitlines()
    assert lines
    assert all(LOG_LINE.match(line) for line in lines), result.stderr


def test_auto_when_the_ended_tertial_is_not_assessed_exits_4_and_says_why(tmp_path, command):
    out = tmp_path / "ut"
    result = command("run", "--period", "auto", "--today", "2026-11-24", "--out", str(out))
    assert result.returncode == 4
    assert "Tertial 2 2026 (2026-T2) har tagit slut men data saknar bedömningar" in result.stderr
    assert "2025-T3" in result.stderr  # the periods that are assessed
    assert result.stdout == ""
    assert not out.exists()


def test_summary_auto_follows_the_same_rule(tmp_path, command):
    result = command("summary", "--period", "auto", "--today", "2025-09-05", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"] == "2025-T2"


def test_a_run_of_a_period_that_another_run_holds_exits_5_and_names_the_holder(tmp_path, command):
    from hsn_analysis.runs.locking import period_lock

    # In this process (the lock is an open file's, so it holds against this process too).
    out = tmp_path / "ut"
    with period_lock(out / "2025-T2", "rapport 2025-T2 från ett test"):
        result = command("run", "--period", "2025-T2", "--out", str(out))
    assert result.returncode == 5
    assert "en annan körning pågår (rapport 2025-T2 från ett test, pid" in result.stderr
    assert not list(out.rglob("*.html"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--period", "auto", "--today", "5/1 2026"], "är inget datum"),
        (["run", "--period", "2025-T2", "--send"], "kräver --config"),
        (["send", "--period", "2025-T2"], "kräver --config"),
        (["send", "--period", "2025-T2", "--config", "finns/inte.toml"], "finns/inte.toml"),
    ],
)
def test_scheduling_usage_errors_exit_2_with_a_message(args, message, tmp_path, command):
    result = command(*args, "--out", str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_summary_json_carries_each_outcomes_comment_or_null(command):
    result = command("summary", "--period", "2025-T2", "--json")
    rows = json.loads(result.stdout)["indikatorer"]
    by_key = {(row["indikator_id"], row["period"]): row["kommentar"] for row in rows}
    assert by_key["I1.2.1", "2025-T1"] == "Målvärdet höjt från 80 till 90 % från 2025"
    assert by_key["I1.2.1", "2025-T2"] is None
