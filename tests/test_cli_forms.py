"""`hsn-report mall` and `samla` as the analyst runs them, and the whole round trip of a tertial:
forms out, filled in as people would, collected, validated, and the report made."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from builders import hsn_report, hsn_report_in_process, small_example
from formfill import DELMAL, INDIKATORER, answer_every_row, fill, form_of, rows_of
from openpyxl import load_workbook

from hsn_analysis.forms.empty import CHOICES
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.words import forms as words

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "exempel"
TODAY = ["--today", "2026-06-01"]


def fill_everything(folder: Path) -> None:
    """Every owner answers every row: a status and comment per delmål, a value per indicator."""
    for form in sorted(folder.iterdir()):
        answer_every_row(
            form,
            {
                DELMAL: lambda row, facts: {
                    "Status": "Kommer delvis att uppnås",
                    "Kommentar": f"Bedömning av {row[words.HEADER_SUBGOAL_ID]} per april 2026.",
                    "Författare": facts["ansvarig"],
                    "Datum": datetime(2026, 5, 8),
                },
                INDIKATORER: lambda row, _: {
                    "Utfall T1 2026": round(row[words.HEADER_LAST_VALUE] * 0.4, 1)
                },
            },
        )


# Two mål of the example: their plan has what the round trip must carry, a third of its cost.
# M1: a delmål whose indicator has no owner of its own (its delmål's owner answers it) and an
# owner of indicators only; M4: indicators made from the basenheter's values (not asked for),
# year-to-date indicators, and owners of indicators only.
ROUND_TRIP_GOALS = ("M1", "M4")


def test_a_tertial_from_forms_per_owner_to_the_report(tmp_path, capsys):
    # The commands in process (their processes are the subject of the tests below and of
    # test_cli); the report is the real run of the real notebook on the collected data. The
    # plan is two mål of the example (`ROUND_TRIP_GOALS`): the round trip is the subject here,
    # not the example's content, whose whole report other tests read.
    plan = small_example(tmp_path / "plan", ROUND_TRIP_GOALS)
    forms = tmp_path / "formular"
    made = hsn_report_in_process(
        capsys,
        "mall",
        "--data",
        plan,
        "--period",
        "2026-T1",
        "--per",
        "ansvarig",
        "--senast",
        "2026-05-10",
        "--out",
        forms,
    )
    assert made.returncode == 0, made.stderr
    printed = made.stdout.splitlines()
    # The owners of M1's and M4's delmål and indicators (I1.2.1's is its delmål's).
    assert len(printed) == 7 == len(list(forms.iterdir()))
    assert str(form_of(forms, "Verksamhetschef barnhälsovården")) in printed
    fill_everything(forms)

    collected = hsn_report_in_process(
        capsys, "samla", "--data", plan, "--out", tmp_path / "d2", forms, *TODAY
    )

    assert collected.returncode == 0, collected.stdout + collected.stderr
    # 10 tertial indicators, of which 2 are made from the basenheter's values (not asked for)
    assert "4 bedömningar och 8 utfall för 2026-T1 från 7 formulär" in collected.stderr
    checked = hsn_report_in_process(capsys, "validate", "--data", tmp_path / "d2")
    assert checked.returncode == 0 and "0 fel" in checked.stdout
    report = hsn_report_in_process(
        capsys, "run", "--period", "2026-T1", "--data", tmp_path / "d2", "--out", tmp_path / "r"
    )
    assert report.returncode == 0, report.stderr
    html = (tmp_path / "r" / "2026-T1" / "uppfoljning-2026-T1.html").read_text(encoding="utf-8")
    assert "Bedömning av D4.2 per april 2026." in html
    assert "Bedömning av D1.2 per april 2026." in html
    assert (
        "Av nämndens 4 delmål är bedömningen per april att alla 4 delvis kommer att uppnås" in html
    )


def test_samla_lists_the_errors_writes_nothing_and_exits_1_unless_delvis(tmp_path, capsys):
    forms = tmp_path / "formular"
    assert (
        hsn_report_in_process(capsys, "mall", "--period", "2026-T1", "--out", forms).returncode == 0
    )
    form = form_of(forms, "hela planen")
    fill(form, DELMAL, {"D1.1": {"Status": "grönt"}, "D1.2": {"Status": "uppnås"}})

    # A real process: samla's exit code as the shell sees it.
    refused = hsn_report("samla", "--data", EXAMPLE, "--out", tmp_path / "d2", form, *TODAY)

    assert refused.returncode == 1
    assert f"Fel: {form.name}, blad {DELMAL}, rad 3, kolumn Status, värde 'grönt'" in refused.stdout
    assert "1 fel i formulären: inget skrevs" in refused.stderr
    assert not (tmp_path / "d2").exists()

    partial = hsn_report_in_process(
        capsys, "samla", "--data", EXAMPLE, "--out", tmp_path / "d2", form, "--delvis", *TODAY
    )

    assert partial.returncode == 0, partial.stderr
    assert "1 fel i formulären: de raderna togs inte in (--delvis)" in partial.stderr
    written = (tmp_path / "d2" / "bedomningar.csv").read_bytes().decode("utf-8-sig")
    # Padded to the header, whose written analysis (analys, atgarder, prognos) is empty here.
    assert written.endswith("D1.2;2026-T1;Kommer att uppnås;;;;;;\r\n")


def test_usage_errors_exit_2_before_anything_is_read(tmp_path, capsys):
    (tmp_path / "finns").mkdir()
    cases = [
        ("mall", "--out", tmp_path),
        ("mall", "--period", "2026-T9", "--out", tmp_path),
        ("samla", "--out", tmp_path / "finns", tmp_path),
        ("samla", "--out", tmp_path / "ny.xlsx", tmp_path),
        ("samla", "--out", tmp_path / "ny", tmp_path / "saknas.xlsx"),
        ("samla", "--out", tmp_path / "ny", tmp_path / "finns"),
    ]
    for n, args in enumerate(cases):
        # The first as a real process (its exit code as the shell sees it), the rest in process.
        result = hsn_report(*args) if n == 0 else hsn_report_in_process(capsys, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "ERROR" in result.stderr


def test_mall_tom_writes_an_empty_workbook_that_validates_once_filled(tmp_path, capsys):
    result = hsn_report_in_process(capsys, "mall", "--tom", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.name == words.FILE_NAME_EMPTY
    book = load_workbook(path)
    assert book.sheetnames == [
        "Instruktioner",
        "installningar",
        "mal",
        "delmal",
        "indikatorer",
        "utfall",
        "bedomningar",
    ]
    lists = {
        str(v.sqref).split(":")[0][:-1]: v.formula1
        for v in book["indikatorer"].data_validations.dataValidation
    }
    assert lists["D"] == '"' + ",".join(CHOICES["maltyp"]) + '"'
    assert [c.value for c in book["delmal"][1]] == ["delmal_id", "mal_id", "namn", "ansvarig", "ar"]
    assert [c.value for c in book["indikatorer"][1]][-2:] == ["ersatter", "ar"]  # the plan year
    rows = {
        "installningar": ["Nämnden", 2026],
        "mal": ["M1", "Ett mål"],
        "delmal": ["D1", "M1", "Ett delmål", "Chefläkare"],
        "indikatorer": ["I1", "D1", "Andel", "minst", 80, "%", "tertial"],
        "utfall": ["I1", "2026-T1", 77.5],
        "bedomningar": ["D1", "2026-T1", "Kommer delvis att uppnås", "", "", date(2026, 5, 8)],
    }
    for sheet, values in rows.items():
        for column, value in enumerate(values, start=1):
            book[sheet].cell(2, column).value = value
    book.save(path)
    checked = check_dataset(path, today=date(2026, 6, 1))
    assert checked.problems == []
    assert checked.dataset.plan_years == (2026,)  # an empty plan year is the settings' year


def test_mall_says_how_many_rows_have_no_owner_and_refuses_invalid_data(tmp_path, capsys):
    data = tmp_path / "plan"
    shutil.copytree(EXAMPLE, data)
    subgoals = data / "delmal.csv"
    text = subgoals.read_bytes().decode("utf-8-sig")
    subgoals.write_bytes(text.replace(";FoU-direktör\r\n", ";\r\n").encode("utf-8-sig"))

    made = hsn_report_in_process(
        capsys,
        "mall",
        "--data",
        data,
        "--period",
        "2026-T1",
        "--per",
        "ansvarig",
        "--out",
        tmp_path / "f",
    )

    assert made.returncode == 0, made.stderr
    name = f"Uppföljning 2026-T1 - {words.NO_OWNER}.xlsx"
    assert words.MALL_NO_OWNER.format(n=1, name=name) in made.stderr
    assert list(rows_of(tmp_path / "f" / name, DELMAL)) == ["D7.1"]

    subgoals.write_bytes(text.replace("D7.1;M7;", "D7.1;M9;").encode("utf-8-sig"))
    refused = hsn_report_in_process(
        capsys, "mall", "--data", data, "--period", "2026-T1", "--out", tmp_path / "g"
    )

    assert refused.returncode == 1
    assert "delmal.csv, rad 14, kolumn mal_id, värde 'M9'" in refused.stderr
    assert words.MALL_INVALID.format(n=1, path=data) in refused.stderr
    assert not (tmp_path / "g").exists()
