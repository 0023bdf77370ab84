"""The tertial's forms by mail against a real SMTP server on loopback: each owner gets their own
form, a reminder goes to exactly those who still owe answers, nothing is sent twice and a
refused recipient is sent to on the rerun, alone."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from formfill import DELMAL, INDIKATORER, answer_every_row, fill, form_of, rows_of
from mailserver import RecordingHandler, write_config

from hsn_analysis.cli import EXIT_MAIL_FAILED, EXIT_OK, main
from hsn_analysis.mail.ledger import Kind, ledger_path
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset

pytest_plugins = ("mailserver",)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "exempel"
PERIOD = Period.parse("2026-T1")
NO_PAUSE = "[utskick]\npaus_s = 0\n"
# Five owners who answer everything; the other twelve are reminded.
ANSWERING = (
    "Folkhälsostrateg",
    "Chefläkare",
    "Beredskapschef",
    "HR-direktör",
    "Miljöstrateg",
)


@pytest.fixture(scope="module")
def people() -> dict[str, str]:
    """Each role of the example plan → its person's address (one person per role)."""
    owners = load_dataset(EXAMPLE).owners
    return dict(zip(owners["ansvarig"], owners["e_post"], strict=True))


def parsed(content: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(content, policy=email.policy.default)


def mall(forms: Path, config: Path, *extra: str) -> int:
    return main(
        [
            *("mall", "--data", str(EXAMPLE), "--period", PERIOD.code, "--per", "ansvarig"),
            *("--senast", "2026-05-10", "--out", str(forms), "--skicka", "--config", str(config)),
            *extra,
        ]
    )


def paminn(forms: Path, answers: Path, config: Path, *extra: str) -> int:
    return main(
        [
            *("paminn", "--data", str(EXAMPLE), "--period", PERIOD.code, "--svar", str(answers)),
            *("--formular", str(forms), "--config", str(config), "--today", "2026-05-05"),
            *extra,
        ]
    )


def record(forms: Path, kind: Kind = Kind.FORMS) -> list[dict]:
    return json.loads(ledger_path(forms, kind, PERIOD).read_text(encoding="utf-8"))


def answer_all(form: Path) -> None:
    """The owner answers every row of their form."""
    answer_every_row(
        form,
        {
            DELMAL: lambda *_: {"Status": "Kommer att uppnås", "Datum": datetime(2026, 5, 4)},
            INDIKATORER: lambda *_: {"Utfall T1 2026": 1},
        },
    )


def test_mall_skicka_mails_each_of_the_17_owners_their_own_form_once(tmp_path, smtp_server, people):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms = tmp_path / "formular"
    assert mall(forms, config) == EXIT_OK
    received = server.handler.received
    assert len(received) == 17 == len(people)
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(people.values())
    by_address = {r.rcpt_tos[0]: parsed(r.content) for r in received}
    for role, address in people.items():
        message = by_address[address]
        (attachment,) = message.iter_attachments()
        assert attachment.get_filename() == f"Uppföljning 2026-T1 - {role}.xlsx"
        assert attachment.get_payload(decode=True) == form_of(forms, role).read_bytes()
        body = message.get_body(("plain",)).get_content()
        assert "10 maj 2026" in body and role in body and "svar på detta meddelande" in body
        assert message["To"].addresses[0].addr_spec == address
    entries = record(forms)
    assert {e["resultat"] for e in entries} == {"levererad"} and len(entries) == 17
    assert all(e["svar"].startswith("250") and e["senast"] == "2026-05-10" for e in entries)

    assert mall(forms, config) == EXIT_OK  # again: the same forms, already delivered
    assert len(server.handler.received) == 17 and len(record(forms)) == 17


def test_a_refused_owner_leaves_the_others_delivered_exit_6_and_the_rerun_sends_only_theirs(
    tmp_path, smtp_server, people
):
    refused = people["HR-controller"]
    handler = RecordingHandler(refuse_recipients={refused: "550 5.1.1 Mailbox unavailable"})
    server = smtp_server(handler=handler)
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms = tmp_path / "formular"
    assert mall(forms, config) == EXIT_MAIL_FAILED
    assert len(handler.received) == 16 and refused not in {r.rcpt_tos[0] for r in handler.received}
    (entry,) = [e for e in record(forms) if e["resultat"] != "levererad"]
    assert (entry["adress"], entry["resultat"]) == (refused, "nekad")
    assert entry["svar"] == "550 5.1.1 Mailbox unavailable"

    handler.refuse_recipients.clear()  # the mailbox is back
    assert mall(forms, config) == EXIT_OK
    assert [r.rcpt_tos for r in handler.received[16:]] == [(refused,)]
    assert mall(forms, config) == EXIT_OK
    assert len(handler.received) == 17


def test_a_changed_plan_sends_the_changed_form_again_and_igen_sends_everything(
    tmp_path, smtp_server
):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms = tmp_path / "formular"
    assert mall(forms, config) == EXIT_OK
    assert mall(forms, config, "--senast", "2026-05-12") == EXIT_OK  # every form says so
    assert len(server.handler.received) == 34
    assert mall(forms, config, "--senast", "2026-05-12", "--igen") == EXIT_OK
    assert len(server.handler.received) == 51


def test_dry_run_writes_one_eml_per_owner_and_sends_and_records_nothing(
    tmp_path, smtp_server, people
):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms = tmp_path / "formular"
    assert mall(forms, config, "--dry-run") == EXIT_OK
    previews = sorted((forms / "provutskick-formular-2026-T1").glob("*.eml"))
    assert len(previews) == 17 and server.handler.received == []
    assert not ledger_path(forms, Kind.FORMS, PERIOD).exists()
    message = parsed(previews[0].read_bytes())
    assert message["To"].addresses[0].addr_spec in people.values()


def test_the_cap_per_run_holds_the_rest_for_the_next_run(tmp_path, smtp_server):
    server = smtp_server()
    config = write_config(
        tmp_path, server.port, extra="[utskick]\npaus_s = 0\nmax_per_korning = 10\n"
    )
    forms = tmp_path / "formular"
    assert mall(forms, config) == EXIT_MAIL_FAILED
    assert len(server.handler.received) == 10
    held = [e for e in record(forms) if e["resultat"] == "ej_skickad"]
    assert len(held) == 7 and all("gränsen" in e["fel"] for e in held)
    assert mall(forms, config) == EXIT_OK
    assert len(server.handler.received) == 17
    assert len({r.rcpt_tos[0] for r in server.handler.received}) == 17


def test_a_form_without_anyone_to_send_it_to_is_named_and_the_others_go(tmp_path, smtp_server):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    lines = (data / "ansvariga.csv").read_text(encoding="utf-8-sig").splitlines()
    (data / "ansvariga.csv").write_text(
        "\n".join(line for line in lines if not line.startswith("Miljöstrateg")) + "\n",
        encoding="utf-8",
    )
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    code = main(
        [
            *("mall", "--data", str(data), "--period", PERIOD.code, "--per", "ansvarig"),
            *("--out", str(tmp_path / "formular"), "--skicka", "--config", str(config)),
        ]
    )
    assert code == EXIT_MAIL_FAILED and len(server.handler.received) == 16


def test_paminn_reminds_exactly_the_12_owners_whose_forms_are_missing_once_a_day(
    tmp_path, smtp_server, people
):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms, answers = tmp_path / "formular", tmp_path / "svar"
    assert mall(forms, config) == EXIT_OK
    answers.mkdir()
    for role in ANSWERING:
        answer_all(Path(shutil.copy(form_of(forms, role), answers)))
    sent = len(server.handler.received)

    assert paminn(forms, answers, config) == EXIT_OK
    reminders = server.handler.received[sent:]
    expected = {address for role, address in people.items() if role not in ANSWERING}
    assert len(reminders) == 12 and {r.rcpt_tos[0] for r in reminders} == expected
    message = parsed(reminders[0].content)
    assert message["Subject"].startswith("Påminnelse: uppföljning Tertial 1 2026")
    body = message.get_body(("plain",)).get_content()
    assert "Formuläret har inte kommit in" in body and "10 maj 2026" in body
    (attachment,) = message.iter_attachments()  # the form again, as it was mailed
    assert attachment.get_filename().startswith("Uppföljning 2026-T1 - ")

    assert paminn(forms, answers, config) == EXIT_OK  # the same day: nobody again
    assert len(server.handler.received) == sent + 12
    assert paminn(forms, answers, config, "--today", "2026-05-06") == EXIT_OK
    assert len(server.handler.received) == sent + 24


def test_a_reminder_names_the_rows_left_empty_in_a_returned_form(tmp_path, smtp_server, people):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms, answers = tmp_path / "formular", tmp_path / "svar"
    assert mall(forms, config) == EXIT_OK
    answers.mkdir()
    form = Path(shutil.copy(form_of(forms, "Folkhälsostrateg"), answers))
    answer_all(form)
    emptied = next(iter(rows_of(form, INDIKATORER)))
    fill(form, INDIKATORER, {emptied: {"Utfall T1 2026": None}})
    sent = len(server.handler.received)
    assert paminn(forms, answers, config) == EXIT_OK
    mine = [
        r for r in server.handler.received[sent:] if r.rcpt_tos[0] == people["Folkhälsostrateg"]
    ]
    (reminder,) = mine
    body = parsed(reminder.content).get_body(("plain",)).get_content()
    assert f"Indikator {emptied}" in body and "inte kommit in" not in body
    assert len(server.handler.received) - sent == 17  # 16 forms missing, one row empty


def test_paminn_sends_nothing_when_every_form_is_in_and_filled(tmp_path, smtp_server):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms, answers = tmp_path / "formular", tmp_path / "svar"
    assert mall(forms, config) == EXIT_OK
    answers.mkdir()
    for form in forms.glob("*.xlsx"):
        answer_all(Path(shutil.copy(form, answers)))
    assert paminn(forms, answers, config) == EXIT_OK
    assert len(server.handler.received) == 17
    assert not ledger_path(forms, Kind.REMINDERS, PERIOD).exists()


def test_mall_per_enhet_skicka_mails_each_units_form_to_its_chief(tmp_path, smtp_server):
    server = smtp_server()
    config = write_config(tmp_path, server.port, extra=NO_PAUSE)
    forms = tmp_path / "formular"
    code = main(
        [
            *("mall", "--data", str(EXAMPLE), "--period", PERIOD.code, "--per", "enhet"),
            *("--out", str(forms), "--skicka", "--config", str(config)),
        ]
    )
    assert code == EXIT_OK
    units = load_dataset(EXAMPLE).units
    chiefs = dict(zip(units["enhet_id"], units["e_post"], strict=True))
    received = {r.rcpt_tos[0]: parsed(r.content) for r in server.handler.received}
    assert len(server.handler.received) == 58 and set(received) == set(chiefs.values())
    (attachment,) = received[chiefs["PV01"]].iter_attachments()
    assert attachment.get_filename().endswith("(PV01).xlsx")
