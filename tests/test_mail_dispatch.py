"""Sending personal letters: one session, a pause between messages, every outcome recorded, no
header forged from the data, and never a file that differs from its recorded SHA-256."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json

import pytest
from mailserver import HOST, RecordingHandler, free_port, write_config

from hsn_analysis.mail.config import MailConfigError, load_mail_config
from hsn_analysis.mail.dispatch import dispatch
from hsn_analysis.mail.ledger import already_delivered
from hsn_analysis.mail.letter import Attachment, Letter, build_letter, one_line
from hsn_analysis.mail.pacing import Pacing, load_pacing

pytest_plugins = ("mailserver",)

FORGED = "Folkhälsostrateg\r\nBcc: alla@region.example\r\nX-Injected: ja"


def never(entries, letter) -> bool:
    return False


def letters_to(n: int, tmp_path, **fields) -> list[Letter]:
    path = tmp_path / "formular.xlsx"
    path.write_bytes(b"PK form")
    attachment = Attachment(path, hashlib.sha256(b"PK form").hexdigest(), "application", "zip")
    defaults = {"name": "Sara", "subject": "Formulär", "body": "Hej!\n"}
    return [
        Letter(
            **({"key": f"Roll {i}", "attachments": (attachment,)} | defaults | fields),
            address=f"person{i}@region.example",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    "text",
    [FORGED, "Sara\nBcc: alla@region.example", "a\x00b\x1b[31m", "rad\u2028två", "x\x85y"],
)
def test_one_line_leaves_no_line_break_or_control_character(text):
    line = one_line(text)
    assert all(ord(c) >= 32 and c not in "\x7f\x85\u2028\u2029" for c in line)


def test_a_role_or_name_with_line_breaks_adds_no_header_and_no_recipient(tmp_path, smtp_server):
    server = smtp_server()
    config = load_mail_config(write_config(tmp_path, server.port), {})
    (letter,) = letters_to(1, tmp_path, key=FORGED, name=FORGED, subject=f"Formulär – {FORGED}")
    message = build_letter(config, letter, {"formular.xlsx": b"PK form"})
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["person0@region.example"]
    assert "\n" not in parsed["Subject"] and "Bcc: alla@region.example" in parsed["Subject"]

    outcome = dispatch(config, Pacing(0, 10), [letter], tmp_path / "utskick.json", skip=never)
    (received,) = server.handler.received
    assert received.rcpt_tos == ("person0@region.example",) and outcome.complete


def test_messages_go_in_one_session_with_the_pause_between_them(tmp_path, smtp_server):
    server = smtp_server()
    config = load_mail_config(write_config(tmp_path, server.port), {})
    pauses: list[float] = []
    outcome = dispatch(
        config,
        Pacing(1.5, 10),
        letters_to(3, tmp_path),
        tmp_path / "utskick.json",
        skip=never,
        sleep=pauses.append,
    )
    assert pauses == [1.5, 1.5]  # between messages, not before the first
    assert len(outcome.delivered) == 3 and len(server.handler.received) == 3


def test_an_attachment_that_differs_from_its_recorded_sha_is_not_sent(tmp_path, smtp_server):
    server = smtp_server()
    config = load_mail_config(write_config(tmp_path, server.port), {})
    letters = letters_to(2, tmp_path)
    (tmp_path / "formular.xlsx").write_bytes(b"PK edited by hand")
    outcome = dispatch(config, Pacing(0, 10), letters, tmp_path / "utskick.json", skip=never)
    assert server.handler.received == [] and len(outcome.not_sent) == 2
    entries = json.loads((tmp_path / "utskick.json").read_text(encoding="utf-8"))
    assert [e["resultat"] for e in entries] == ["ej_skickad", "ej_skickad"]
    assert all("ändrats" in e["fel"] for e in entries)


def test_a_refused_recipient_is_recorded_with_the_reply_and_the_rest_are_delivered(
    tmp_path, smtp_server
):
    handler = RecordingHandler(refuse_recipients={"person1@region.example": "550 5.1.1 Okänd"})
    server = smtp_server(handler=handler)
    config = load_mail_config(write_config(tmp_path, server.port), {})
    record = tmp_path / "utskick.json"
    outcome = dispatch(config, Pacing(0, 10), letters_to(3, tmp_path), record, skip=never)
    assert outcome.refused == {"Roll 1 <person1@region.example>": "550 5.1.1 Okänd"}
    assert [r.rcpt_tos for r in handler.received] == [
        ("person0@region.example",),
        ("person2@region.example",),
    ]
    again = dispatch(config, Pacing(0, 10), letters_to(3, tmp_path), record, skip=already_delivered)
    assert again.skipped == 2 and again.refused == {
        "Roll 1 <person1@region.example>": "550 5.1.1 Okänd"
    }


def test_a_server_that_cannot_be_reached_leaves_everyone_unsent_and_recorded(tmp_path):
    config = load_mail_config(write_config(tmp_path, free_port()), {})
    record = tmp_path / "utskick.json"
    outcome = dispatch(config, Pacing(0, 10), letters_to(2, tmp_path), record, skip=never)
    assert outcome.delivered == () and len(outcome.not_sent) == 2
    reasons = set(outcome.not_sent.values())
    assert len(reasons) == 1 and HOST in reasons.pop()
    entries = json.loads(record.read_text(encoding="utf-8"))
    assert [e["resultat"] for e in entries] == ["ej_skickad", "ej_skickad"]


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ("paus_s = -1", "utskick.paus_s"),
        ('paus_s = "två"', "utskick.paus_s"),
        ("max_per_korning = 0", "utskick.max_per_korning"),
        ("max_per_korning = 2.5", "utskick.max_per_korning"),
        ("paus = 2", "utskick.paus är okänd"),
    ],
)
def test_a_bad_utskick_table_is_named_with_its_key(tmp_path, table, says):
    path = write_config(tmp_path, 25, extra=f"[utskick]\n{table}\n")
    load_mail_config(path, {})  # the rest of the file is fine
    with pytest.raises(MailConfigError) as raised:
        load_pacing(path)
    assert any(says in problem for problem in raised.value.problems)


def test_without_utskick_the_pause_is_2_s_and_the_cap_200(tmp_path):
    assert load_pacing(write_config(tmp_path, 25)) == Pacing(2.0, 200)
