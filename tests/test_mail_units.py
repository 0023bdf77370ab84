"""Each unit's report to its chief against a real SMTP server on loopback: 58 reports to 58
chiefs, each with its own count sentence; nothing sent twice; a refused chief mid-run is the
only one the rerun sends to; a report that is not the file its run wrote is never sent.

The 58 published reports are stand-ins published once per module with the library's own
publishing path (`attempt`), each with a run record as a unit's run writes it: making 58 real
reports would cost minutes and test the report, not the mail.
"""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import made_once
from mailserver import RecordingHandler, write_config

from hsn_analysis.cli import EXIT_MAIL_FAILED, EXIT_OK, main
from hsn_analysis.mail.ledger import Kind, ledger_path
from hsn_analysis.mail.unit_letters import unit_sentence
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.rules.result import compute_result
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.publishing import attempt
from hsn_analysis.runs.record import file_facts, record_head
from hsn_analysis.words.summary import unit_counts_json
from hsn_analysis.words.titles import unit_report_title

pytest_plugins = ("mailserver",)

PERIOD = Period.parse("2025-T2")
NO_PAUSE = "[utskick]\npaus_s = 0\n"


def publish_stand_in(result, unit_id: str, out: Path) -> None:
    """Publish a small page as `unit_id`'s report, with the record a unit's run writes."""
    unit = result.for_unit(unit_id)
    title = unit_report_title(PERIOD, unit.name)
    page = f"<!DOCTYPE html><html lang='sv'><title>{title}</title><p>{unit_id}</p></html>"
    started = datetime.now().astimezone()
    files = published_files(out, PERIOD, unit_id)
    with attempt(files, f"enhetsrapport {files.label}", started) as run:
        run.staged(files.html).write_bytes(page.encode())
        run.staged(files.notebook).write_text('{"cells": []}', "utf-8")  # the "executed" one
        record = {
            **record_head("enhet", title, result.dataset, PERIOD, EXAMPLE_DATA, {}, started),
            "enhet_id": unit_id,
            "enhet_namn": unit.name,
            **file_facts("html", page.encode()),
            "delmal": unit_counts_json(unit.status_counts),
            "ej_rapporterat": [f"{kind} {key}" for kind, key in unit.gaps],
        }
        run.staged(files.record).write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        run.publish()


def _publish_all(out: Path) -> Path:
    result = compute_result(load_dataset(EXAMPLE_DATA), PERIOD)
    for unit_id in result.dataset.units["enhet_id"]:
        publish_stand_in(result, unit_id, out)
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """An output folder with all 58 units' 2025-T2 reports published, once for the whole test
    run (copied per test)."""
    return made_once(tmp_path_factory, "enheter-58", _publish_all)


@pytest.fixture
def out(published, tmp_path) -> Path:
    return Path(shutil.copytree(published, tmp_path / "ut"))


@pytest.fixture(scope="module")
def chiefs() -> dict[str, str]:
    units = load_dataset(EXAMPLE_DATA).units
    return dict(zip(units["enhet_id"], units["e_post"], strict=True))


def send(out: Path, config: Path, *extra: str) -> int:
    return main(
        [
            *("send", "--period", PERIOD.code, "--enhet", "alla", "--data", str(EXAMPLE_DATA)),
            *("--out", str(out), "--config", str(config), *extra),
        ]
    )


def parsed(content: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(content, policy=email.policy.default)


def test_send_enhet_alla_mails_58_reports_to_58_chiefs_each_its_own_once(
    out, tmp_path, smtp_server, chiefs
):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    assert send(out, config) == EXIT_OK
    received = server.handler.received
    assert len(received) == 58 == len(chiefs)
    by_address = {r.rcpt_tos[0]: parsed(r.content) for r in received}
    assert set(by_address) == set(chiefs.values())
    for unit_id, address in chiefs.items():
        message = by_address[address]
        files = published_files(out, PERIOD, unit_id)
        (attachment,) = message.iter_attachments()  # a unit's report has no PDF/A
        assert attachment.get_filename() == files.html.name
        assert attachment.get_payload(decode=True) == files.html.read_bytes()
        record = json.loads(files.record.read_text(encoding="utf-8"))
        body = message.get_body(("plain",)).get_content()
        assert unit_sentence(record, 2) in body and record["enhet_namn"] in message["Subject"]
    entries = json.loads(ledger_path(out / "2025-T2", Kind.UNIT_REPORTS, PERIOD).read_text())
    assert len(entries) == 58 and {e["resultat"] for e in entries} == {"levererad"}

    assert send(out, config) == EXIT_OK  # again: every report delivered already
    assert len(server.handler.received) == 58


def test_a_refused_chief_leaves_the_others_delivered_and_the_rerun_sends_only_that_one(
    out, tmp_path, smtp_server, chiefs
):
    refused = chiefs["SV07"]
    handler = RecordingHandler(refuse_recipients={refused: "550 5.1.1 Mailbox unavailable"})
    server = smtp_server(handler=handler)
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    assert send(out, config) == EXIT_MAIL_FAILED
    assert len(handler.received) == 57
    handler.refuse_recipients.clear()
    assert send(out, config) == EXIT_OK
    assert [r.rcpt_tos for r in handler.received[57:]] == [(refused,)]
    assert send(out, config) == EXIT_OK and len(handler.received) == 58


def test_a_report_that_is_not_the_file_its_run_wrote_is_not_sent(
    out, tmp_path, smtp_server, chiefs
):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    published_files(out, PERIOD, "PV03").html.write_text("<p>ändrad för hand</p>")
    assert send(out, config) == EXIT_MAIL_FAILED
    addresses = {r.rcpt_tos[0] for r in server.handler.received}
    assert len(addresses) == 57 and chiefs["PV03"] not in addresses


def test_send_one_unit_mails_only_its_chief_and_dry_run_writes_its_eml(
    out, tmp_path, smtp_server, chiefs
):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    one = ["--enhet", "PV01", "--out", str(out), "--config", str(config)]
    assert send_one(one, "--dry-run") == EXIT_OK and server.handler.received == []
    (eml,) = (out / "2025-T2" / "provutskick-enheter-2025-T2").glob("*.eml")
    assert parsed(eml.read_bytes())["To"].addresses[0].addr_spec == chiefs["PV01"]
    assert send_one(one) == EXIT_OK
    assert [r.rcpt_tos for r in server.handler.received] == [(chiefs["PV01"],)]


def send_one(arguments: list[str], *extra: str) -> int:
    return main(["send", "--period", "2025-T2", "--data", str(EXAMPLE_DATA), *arguments, *extra])


@pytest.mark.parametrize(
    ("counts", "sentence"),
    [
        (
            {"uppnas": 3, "delvis": 1, "uppnas_ej": 1, "ej_rapporterat": 0},
            "Av de 5 delmål som enheten bedömer är enhetens bedömning per augusti att 1 inte "
            "kommer att uppnås, 1 delvis kommer att uppnås och 3 kommer att uppnås.",
        ),
        (
            {"uppnas": 4, "delvis": 0, "uppnas_ej": 0, "ej_rapporterat": 1},
            "Av de 5 delmål som enheten bedömer är enhetens bedömning per augusti att 4 kommer "
            "att uppnås. 1 delmål har enheten inte rapporterat.",
        ),
        (
            {"uppnas": 0, "delvis": 0, "uppnas_ej": 0, "ej_rapporterat": 5},
            "Enheten har inte bedömt något av sina 5 delmål per augusti.",
        ),
        ({"uppnas": 0, "delvis": 0, "uppnas_ej": 0, "ej_rapporterat": 0}, "Enheten bedömer inga"),
    ],
)
def test_the_units_count_sentence_is_read_from_its_record(counts, sentence):
    assert unit_sentence({"delmal": counts}, 2).startswith(sentence)


def test_run_enhet_send_mails_the_report_the_run_made_to_its_chief(tmp_path, smtp_server, chiefs):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    out = tmp_path / "ut"
    code = main(
        [
            *("run", "--period", "2025-T2", "--enhet", "TV02", "--data", str(EXAMPLE_DATA)),
            *("--out", str(out), "--send", "--config", str(config)),
        ]
    )
    assert code == EXIT_OK
    (received,) = server.handler.received
    assert received.rcpt_tos == (chiefs["TV02"],)
    (attachment,) = parsed(received.content).iter_attachments()
    assert (
        attachment.get_payload(decode=True)
        == published_files(out, PERIOD, "TV02").html.read_bytes()
    )
