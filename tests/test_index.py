"""The list of every report (`outputs/index.html`), built from output folders made by hand."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from hsn_analysis.runs.index import LOCK_NAME, write_index
from hsn_analysis.runs.index_rows import format_time
from hsn_analysis.words import labels

BOARD = "Hälso- och sjukvårdsnämnden"


# --- building output folders -------------------------------------------------------------


def record(code: str, started: str, counts=(3, 6, 3, 1), **extra) -> dict:
    """A run record as the runner writes it (without the parts the index does not read)."""
    green, yellow, red, none = counts
    return {
        "titel": f"{BOARD} – uppföljning av nämndplan {code[:4]}, {code}",
        "namnd": BOARD,
        "exempeldata": False,
        "period": code,
        "startad": started,
        "klar": started,
        "delmal": {
            "antal": sum(counts),
            "uppnas": green,
            "delvis": yellow,
            "uppnas_ej": red,
            "ej_bedomd": none,
        },
        "sammanfattning": "Av nämndens delmål …",
        **extra,
    }


def write_report(folder: Path, name: str, rec: dict | str | bytes | None, mtime: float) -> str:
    """A tiny report and its record (text or bytes as is); returns the report's sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    page = f"<!DOCTYPE html><title>{name}</title>".encode()
    sha = hashlib.sha256(page).hexdigest()
    html = folder / f"{name}.html"
    html.write_bytes(page)
    if isinstance(rec, dict):
        rec = json.dumps({"html_sha256": sha, **rec})
    if rec is not None:
        data = rec if isinstance(rec, bytes) else rec.encode()
        (folder / f"{name}.json").write_bytes(data)
    os.utime(html, (mtime, mtime))
    return sha


def publish(out: Path, code: str, rec: dict | str | bytes | None, mtime=1_757_000_000) -> str:
    return write_report(out / code, f"uppfoljning-{code}", rec, mtime)


def keep_replaced(out: Path, code: str, stamp: str, rec: dict | str | None) -> str:
    return write_report(out / code / "tidigare", f"uppfoljning-{code}.{stamp}", rec, 1_700_000_000)


def fail_run(out: Path, code: str, mtime: float) -> Path:
    failed = out / code / f"uppfoljning-{code}.MISSLYCKAD.ipynb"
    failed.parent.mkdir(parents=True, exist_ok=True)
    failed.write_text('{"cells": []}', encoding="utf-8")
    os.utime(failed, (mtime, mtime))
    return failed


def mail_log(out: Path, code: str, entries: list) -> None:
    text = json.dumps(entries, ensure_ascii=False)
    (out / code / f"utskick-{code}.json").write_text(text, encoding="utf-8")


def sending(sha: str, results: dict[str, str], error: str | None = None) -> dict:
    return {
        "skickat": "2025-09-05T06:01:30+02:00",
        "rapport_sha256": sha,
        "mottagare": [{"adress": a, "resultat": r, "svar": "250 OK"} for a, r in results.items()],
        "fel": error,
    }


def full_folder(out: Path) -> dict[str, str]:
    """Three periods: a re-run T2 with two replaced reports, a failed later run and mailings."""
    shas = {}
    shas["T2"] = publish(out, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    shas["T2 old"] = keep_replaced(
        out, "2025-T2", "2025-09-04T073000", record("2025-T2", "2025-09-04T07:30:00+02:00")
    )
    shas["T2 oldest"] = keep_replaced(
        out, "2025-T2", "2025-09-01T120000", record("2025-T2", "2025-09-01T12:00:00+02:00")
    )
    fail_run(out, "2025-T2", 1_757_100_000)
    shas["T1"] = publish(
        out, "2025-T1", record("2025-T1", "2025-05-20T08:15:00+02:00", (5, 4, 2, 2))
    )
    shas["T3"] = publish(
        out, "2024-T3", record("2024-T3", "2025-02-10T09:00:00+01:00", (7, 3, 2, 1))
    )
    mail_log(
        out,
        "2025-T2",
        [
            sending(shas["T2 old"], {"a@region.se": "nekad"}, error="SMTP-servern svarade inte"),
            sending(shas["T2"], {"a@region.se": "levererad", "b@region.se": "levererad"}),
        ],
    )
    mail_log(
        out,
        "2025-T1",
        [
            sending(
                shas["T1"],
                {"a@region.se": "levererad", "x@y.se": "nekad", "c@region.se": "ej_skickad"},
            )
        ],
    )
    return shas


# --- reading the page back ---------------------------------------------------------------


class _Rows(HTMLParser):
    """Body rows as {period, cls, cells, links}; the period cell spans a period's rows."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.period = ""
        self._cell: list[str] | None = None
        self._is_period = False
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append({"period": self.period, "cls": attrs.get("class"), "cells": []})
            self.rows[-1]["links"] = []
        elif self._in_body and tag in ("td", "th"):
            self._cell = []
            self._is_period = tag == "th"
        elif self._in_body and tag == "a":
            self.rows[-1]["links"].append(attrs["href"])
        elif tag in ("div", "span") and self._cell is not None and self._cell:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._is_period:
                self.period = text
                self.rows[-1]["period"] = text
            else:
                self.rows[-1]["cells"].append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rows_of(page: str) -> list[dict]:
    parser = _Rows()
    parser.feed(page)
    return parser.rows


def written(out: Path) -> tuple[str, list[dict]]:
    page = write_index(out).read_text(encoding="utf-8")
    return page, rows_of(page)


# Cells after the period: Körd, Uppnås, Delvis, Uppnås ej, Ej bedömd, Rapport, Läge, Utskick;
# the last three counted from the end, as a row without counts has one cell for all four.
RUN, GREEN, YELLOW, RED, NONE = range(5)
REPORT, STATE, MAIL = -3, -2, -1


# --- order, counts, links ----------------------------------------------------------------


def test_the_newest_period_comes_first(tmp_path):
    full_folder(tmp_path)
    _, rows = written(tmp_path)
    periods = list(dict.fromkeys(row["period"] for row in rows))
    assert periods == ["Tertial 2 2025 2025-T2", "Tertial 1 2025 2025-T1", "Tertial 3 2024 2024-T3"]


def test_a_period_lists_the_failed_newer_run_then_the_current_then_replaced_newest_first(tmp_path):
    full_folder(tmp_path)
    _, rows = written(tmp_path)
    t2 = [row for row in rows if row["period"].endswith("2025-T2")]
    assert [row["cls"] for row in t2] == ["misslyckad", "gallande", "ersatt", "ersatt"]
    assert [row["links"][0] for row in t2] == [
        "2025-T2/uppfoljning-2025-T2.MISSLYCKAD.ipynb",
        "2025-T2/uppfoljning-2025-T2.html",
        "2025-T2/tidigare/uppfoljning-2025-T2.2025-09-04T073000.html",
        "2025-T2/tidigare/uppfoljning-2025-T2.2025-09-01T120000.html",
    ]


def test_a_row_shows_the_counts_and_the_run_time_in_swedish_time(tmp_path):
    full_folder(tmp_path)
    _, rows = written(tmp_path)
    t1 = next(row for row in rows if row["period"].endswith("2025-T1"))
    assert t1["cells"][RUN] == "20 maj 2025 kl. 08:15"
    assert t1["cells"][GREEN : NONE + 1] == ["5", "4", "2", "2"]
    assert t1["cells"][STATE] == "Gällande"


def test_run_times_from_another_zone_are_shown_in_swedish_time():
    from datetime import datetime

    assert format_time(datetime.fromisoformat("2025-09-05T04:00:12+00:00")) == (
        "5 september 2025 kl. 06:00"
    )
    assert format_time(datetime.fromisoformat("2025-01-31T23:30:00+00:00")) == (
        "1 februari 2025 kl. 00:30"
    )


def test_the_status_columns_carry_symbol_and_word_not_colour_alone(tmp_path):
    full_folder(tmp_path)
    page, _ = written(tmp_path)
    for code in ("gron", "gul", "rod", "ej_bedomd"):
        assert f"{labels.STATUS_SYMBOL[code]}</span> {labels.SHORT_STATUS[code]}</span>" in page


def test_every_link_is_relative_and_points_to_an_existing_file(tmp_path):
    full_folder(tmp_path)
    _, rows = written(tmp_path)
    links = [link for row in rows for link in row["links"]]
    assert len(links) == 6
    for link in links:
        assert not link.startswith("/") and ":" not in link
        assert (tmp_path / unquote(link)).is_file()


def test_a_link_to_a_renamed_file_is_url_quoted(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    keep_replaced(tmp_path, "2025-T2", "kopia 1 & #2", None)
    _, rows = written(tmp_path)
    link = rows[1]["links"][0]
    assert link == "2025-T2/tidigare/uppfoljning-2025-T2.kopia%201%20%26%20%232.html"
    assert (tmp_path / unquote(link)).is_file()


def test_replaced_reports_are_listed_as_ersatt_with_their_own_counts(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    old = record("2025-T2", "2025-09-04T07:30:00+02:00", (1, 2, 3, 4))
    keep_replaced(tmp_path, "2025-T2", "2025-09-04T073000", old)
    _, rows = written(tmp_path)
    assert [row["cells"][STATE] for row in rows] == ["Gällande", "Ersatt"]
    assert rows[1]["cells"][RUN] == "4 september 2025 kl. 07:30"
    assert rows[1]["cells"][GREEN : NONE + 1] == ["1", "2", "3", "4"]


def test_two_replaced_runs_in_one_second_list_the_later_first(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    for stamp in ("2025-09-04T073000", "2025-09-04T073000-2", "2025-09-04T073000-10"):
        keep_replaced(tmp_path, "2025-T2", stamp, None)
    _, rows = written(tmp_path)
    assert [row["links"][0].rsplit(".", 2)[1] for row in rows[1:]] == [
        "2025-09-04T073000-10",
        "2025-09-04T073000-2",
        "2025-09-04T073000",
    ]


# --- failed runs ---------------------------------------------------------------------------


def test_a_failed_run_newer_than_the_report_is_shown_with_its_notebook(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"), 1_757_000_000)
    fail_run(tmp_path, "2025-T2", 1_757_100_000)
    _, rows = written(tmp_path)
    failed = rows[0]
    assert failed["cells"][STATE].startswith("Misslyckad körning")
    assert failed["links"] == ["2025-T2/uppfoljning-2025-T2.MISSLYCKAD.ipynb"]
    assert failed["cells"][RUN] == "5 september 2025 kl. 21:20 (filens tid)"
    # No counts for a run that produced none; the note says the report below still holds.
    assert failed["cells"][GREEN] == labels.INDEX_FAILED_NOTE
    assert failed["cells"][MAIL] == "—"


def test_a_failed_run_older_than_the_report_is_not_shown(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"), 1_757_000_000)
    fail_run(tmp_path, "2025-T2", 1_756_000_000)
    page, rows = written(tmp_path)
    assert [row["cls"] for row in rows] == ["gallande"]
    assert "MISSLYCKAD" not in page


def test_a_period_whose_only_run_failed_still_has_a_row(tmp_path):
    fail_run(tmp_path, "2026-T1", 1_757_100_000)
    _, rows = written(tmp_path)
    assert [(row["period"], row["cls"]) for row in rows] == [
        ("Tertial 1 2026 2026-T1", "misslyckad")
    ]
    assert rows[0]["cells"][GREEN] == ""  # no current report to speak of


# --- mailings ------------------------------------------------------------------------------


def test_a_sending_is_shown_on_the_report_whose_sha256_it_names(tmp_path):
    full_folder(tmp_path)
    _, rows = written(tmp_path)
    t2 = {row["links"][0].rsplit("/", 1)[1]: row for row in rows if "2025-T2" in row["period"]}
    current = t2["uppfoljning-2025-T2.html"]
    assert current["cells"][MAIL] == "Skickad 5 september 2025 kl. 06:01 till 2 mottagare"
    old = t2["uppfoljning-2025-T2.2025-09-04T073000.html"]
    assert old["cells"][MAIL] == (
        "Misslyckades 5 september 2025 kl. 06:01: SMTP-servern svarade inte"
    )
    assert t2["uppfoljning-2025-T2.2025-09-01T120000.html"]["cells"][MAIL] == "—"


def test_a_partly_refused_sending_names_who_did_not_get_it(tmp_path):
    full_folder(tmp_path)
    _, rows = written(tmp_path)
    t1 = next(row for row in rows if row["period"].endswith("2025-T1"))
    assert t1["cells"][MAIL] == (
        "Skickad 5 september 2025 kl. 06:01 till 1 av 3; nekad: x@y.se; ej skickad: c@region.se"
    )


def test_every_sending_of_a_report_is_listed(tmp_path):
    sha = publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    mail_log(tmp_path, "2025-T2", [sending(sha, {"a@b.se": "levererad"})] * 2)
    _, rows = written(tmp_path)
    assert rows[0]["cells"][MAIL].count("till 1 mottagare") == 2


def test_an_unreadable_mail_log_is_said_on_the_rows(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    (tmp_path / "2025-T2" / "utskick-2025-T2.json").write_text("[{", encoding="utf-8")
    _, rows = written(tmp_path)
    assert rows[0]["cells"][MAIL] == labels.INDEX_MAIL_LOG_UNREADABLE


# --- broken or old records -------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", "", '"text"', b"\xff\xfe{}"],
    ids=["corrupt", "a-list", "empty", "a-string", "not-utf8"],
)
def test_an_unreadable_record_still_gives_a_row_with_its_link(tmp_path, content):
    publish(tmp_path, "2025-T2", content)
    _, rows = written(tmp_path)
    (row,) = rows
    assert row["links"] == ["2025-T2/uppfoljning-2025-T2.html"]
    assert row["cells"][GREEN] == labels.INDEX_MISSING
    assert row["cells"][RUN].endswith("(filens tid)")
    assert row["cells"][STATE] == f"Gällande {labels.INDEX_RECORD_UNREADABLE}"


def test_a_report_without_a_record_still_gives_a_row(tmp_path):
    publish(tmp_path, "2025-T2", None)
    _, rows = written(tmp_path)
    assert rows[0]["cells"][STATE] == f"Gällande {labels.INDEX_RECORD_MISSING}"


def test_a_record_of_an_older_run_shows_what_it_has(tmp_path):
    old = record("2025-T2", "2025-09-05T06:00:12+02:00")
    for key in ("titel", "namnd"):
        del old[key]
    old["delmal"] = {"uppnas": 3, "delvis": "sex"}
    # Written without html_sha256, as runs before it was recorded.
    publish(tmp_path, "2025-T2", json.dumps(old))
    mail_log(tmp_path, "2025-T2", [sending("abc", {"a@b.se": "levererad"})])
    page, rows = written(tmp_path)
    assert f"<h1>{labels.INDEX_TITLE}</h1>" in page
    assert rows[0]["cells"][:STATE] == [
        "5 september 2025 kl. 06:00",
        "3",
        "–",
        "–",
        "–",
        "uppfoljning-2025-T2.html",
    ]
    assert rows[0]["cells"][MAIL] == "—"


def test_odd_values_in_a_record_or_mail_log_do_not_stop_the_page(tmp_path):
    odd = record("2025-T2", "year 1", namnd=["a"], titel=None, exempeldata="ja")
    odd["klar"] = "0001-01-01T00:00:00+14:00"
    odd["namnd"] = "Nämnd \udc80"  # a lone surrogate is valid JSON but no UTF-8
    sha = publish(tmp_path, "2025-T2", odd)
    mail_log(tmp_path, "2025-T2", [1, None, {"rapport_sha256": sha, "mottagare": "x", "fel": 0}])
    page, rows = written(tmp_path)
    assert "Nämnd" in page and rows[0]["cells"][MAIL] == (
        f"Skickad {labels.INDEX_MISSING} till 0 mottagare"
    )


# --- the page as a whole -------------------------------------------------------------------------


def test_the_page_is_swedish_html_titled_with_the_newest_board_name(tmp_path):
    publish(tmp_path, "2025-T1", record("2025-T1", "2025-05-20T08:15:00+02:00", namnd="Gamla"))
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    page, _ = written(tmp_path)
    assert page.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert f"<title>Uppföljningsrapporter – {BOARD}</title>" in page
    assert f"<h1>Uppföljningsrapporter – {BOARD}</h1>" in page
    assert "Listan uppdaterades " in page


def test_a_board_name_with_markup_is_escaped(tmp_path):
    evil = '<script>alert("x")</script> & "nämnd"'
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00", namnd=evil))
    keep_replaced(tmp_path, "2025-T2", "2025", record("2025-T2", "x", titel='"><script>'))
    page, _ = written(tmp_path)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;nämnd&quot;" in page


def test_the_page_has_no_script_and_nothing_to_fetch(tmp_path):
    full_folder(tmp_path)
    page, _ = written(tmp_path)
    lowered = page.lower()
    for banned in ("<script", "http:", "https:", "//", "@import", "url(", "src=", "<link"):
        assert banned not in lowered, banned


def test_example_data_is_marked_in_its_row(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00", exempeldata=True))
    publish(tmp_path, "2025-T1", record("2025-T1", "2025-05-20T08:15:00+02:00"))
    _, rows = written(tmp_path)
    assert [row["cells"][REPORT].endswith(labels.INDEX_EXAMPLE_DATA) for row in rows] == [
        True,
        False,
    ]


def test_an_empty_output_folder_says_there_are_no_reports_yet(tmp_path):
    page, rows = written(tmp_path)
    assert labels.INDEX_EMPTY in page and "<table" not in page and rows == []
    assert f"<h1>{labels.INDEX_TITLE}</h1>" in page


def test_a_missing_output_folder_is_created(tmp_path):
    assert write_index(tmp_path / "ny" / "utdata").is_file()


def test_folders_that_are_not_periods_are_ignored(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    for name in ("2025-T4", "2025-t1", "T2 2025", "0999-T1", ".2025-T1", "arkiv", "2025-T2-gammal"):
        publish(tmp_path / name, "2025-T1", record("2025-T1", "2025-05-20T08:15:00+02:00"))
        write_report(tmp_path / name, f"uppfoljning-{name}", None, 1_757_000_000)
    (tmp_path / "2026-T1").write_text("en fil, ingen mapp", encoding="utf-8")
    (tmp_path / "2025-T3").mkdir()  # an empty period folder has nothing to list
    _, rows = written(tmp_path)
    assert [row["period"] for row in rows] == ["Tertial 2 2025 2025-T2"]


def test_the_page_replaces_the_old_one_whole_and_leaves_no_temp_files(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    first = write_index(tmp_path)
    (tmp_path / ".index.html.dead0000.tmp").write_text("half a page", encoding="utf-8")
    with first.open(encoding="utf-8") as before:
        publish(tmp_path, "2025-T3", record("2025-T3", "2026-01-20T06:00:00+01:00"))
        second = write_index(tmp_path)
        # A rename, not a rewrite in place: a reader of the old page still reads all of it.
        assert "2025-T3" not in before.read()
    assert second == first and "2025-T3" in second.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        LOCK_NAME,
        "2025-T2",
        "2025-T3",
        "index.html",
    ]


def test_the_page_gets_the_permissions_the_umask_gives(tmp_path):
    old = os.umask(0o022)
    try:
        page = write_index(tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(page.stat().st_mode) == 0o644  # readable by a web server, unlike mkstemp


def test_threads_writing_at_once_leave_one_whole_page(tmp_path):
    full_folder(tmp_path)
    errors = []

    def write() -> None:
        try:
            for _ in range(5):
                write_index(tmp_path)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    page, rows = written(tmp_path)
    assert page.endswith("</html>\n") and len(rows) == 6
    assert not list(tmp_path.glob(".index.html.*"))


def test_processes_writing_at_once_never_show_a_reader_half_a_page(tmp_path):
    full_folder(tmp_path)
    write_index(tmp_path)
    code = "import sys; from pathlib import Path; from hsn_analysis.runs.index import write_index\n"
    code += "for _ in range(10): write_index(Path(sys.argv[1]))"
    writers = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    seen = 0
    while any(w.poll() is None for w in writers):
        page = (tmp_path / "index.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
        seen += 1
    assert [w.wait() for w in writers] == [0, 0, 0, 0], [w.stderr.read() for w in writers]
    assert seen > 0
    assert len(rows_of((tmp_path / "index.html").read_text(encoding="utf-8"))) == 6
    assert not list(tmp_path.glob(".index.html.*"))


def test_importing_the_index_loads_nothing_heavy():
    code = (
        "import sys, hsn_analysis.runs.index\n"
        "heavy = {'matplotlib', 'pandas', 'numpy', 'papermill', 'nbconvert', 'PIL'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


# --- in a browser --------------------------------------------------------------------------------


def open_offline(browser, page_path: Path, width: int, shot: Path) -> dict:
    context = browser.new_context(offline=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    seen: dict[str, list[str]] = {"requests": [], "console": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(page_path.as_uri(), wait_until="load")
    page.screenshot(path=str(shot), full_page=True)
    seen["widths"] = page.evaluate(
        "() => { const w = document.querySelector('.tabell');"
        " return [document.documentElement.scrollWidth, w.scrollWidth, w.clientWidth]; }"
    )
    context.close()
    return seen


@pytest.mark.parametrize(("width", "name"), [(1280, "index.png"), (420, "index-420.png")])
def test_the_page_opens_offline_in_a_browser_fetching_nothing(browser, tmp_path, width, name):
    full_folder(tmp_path)
    page_path = write_index(tmp_path)
    seen = open_offline(browser, page_path, width, Path("/tmp") / name)
    assert seen["requests"] == [page_path.as_uri()]
    assert seen["console"] == [] and seen["errors"] == []
    page_width, table_width, wrapper_width = seen["widths"]
    assert page_width <= width  # the page itself never widens
    if width < 600:
        assert table_width > wrapper_width  # the table scrolls sideways inside its wrapper


def test_a_reports_pdf_is_linked_beside_its_page_current_and_replaced_alike(tmp_path):
    publish(tmp_path, "2025-T2", record("2025-T2", "2025-09-05T06:00:12+02:00"))
    keep_replaced(tmp_path, "2025-T2", "2025-09-04T073000", None)
    keep_replaced(tmp_path, "2025-T2", "2025-09-03T073000", None)  # a backup without its PDF
    page = "2025-T2/uppfoljning-2025-T2.html"
    old = "2025-T2/tidigare/uppfoljning-2025-T2.2025-09-04T073000.html"
    for name in (page, old):
        (tmp_path / name).with_suffix(".pdf").write_bytes(b"%PDF-1.7")
    _, rows = written(tmp_path)
    assert [row["links"] for row in rows] == [
        [page, page.replace(".html", ".pdf")],
        [old, old.replace(".html", ".pdf")],
        ["2025-T2/tidigare/uppfoljning-2025-T2.2025-09-03T073000.html"],
    ]
    assert labels.INDEX_PDF in rows[0]["cells"][REPORT]
