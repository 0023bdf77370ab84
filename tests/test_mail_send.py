"""Sending a report through a real SMTP server on loopback, and the record of every sending."""

from __future__ import annotations

import email
import email.policy
import json
import logging

import pytest
from mailserver import (
    HOST,
    PASSWORD,
    USER,
    RecordingHandler,
    free_port,
    make_report,
    write_config,
)

from hsn_analysis.mail.config import load_mail_config
from hsn_analysis.mail.send import MailFailed, send_report

pytest_plugins = ("mailserver",)  # its fixtures: mail_ca, smtp_server, silent_server, …

ANNA = "anna.andersson@region.example"
SECRETARY = "sekreterare@region.example"
ENV = {"HSN_SMTP_LOSENORD": PASSWORD}


@pytest.fixture
def report(tmp_path):
    """A published report with two mål: enough for the mail, quick to draw."""
    goals = [("M1", "Trygga uppväxtvillkor", {"uppnas": 2}), ("M2", "Nära vård", {"uppnas_ej": 1})]
    return make_report(tmp_path / "ut", goals=goals)


def config_for(tmp_path, port, security="ingen", *, environ=None, **options):
    return load_mail_config(write_config(tmp_path, port, security, **options), environ or {})


def mail_log(report) -> list[dict]:
    return json.loads((report.folder / "utskick-2025-T2.json").read_text(encoding="utf-8"))


def parsed(content: bytes):
    return email.message_from_bytes(content, policy=email.policy.default)


def test_delivered_message_reaches_every_recipient_in_one_session(tmp_path, smtp_server, report):
    server = smtp_server()
    delivery = send_report(config_for(tmp_path, server.port), report)
    (received,) = server.handler.received
    assert received.rcpt_tos == (ANNA, SECRETARY)
    assert received.mail_from == "hsn-uppfoljning@region.example"
    assert delivery.delivered == (ANNA, SECRETARY) and delivery.refused == {}
    assert delivery.eml is None and not delivery.dry_run
    message = parsed(received.content)
    assert message["Subject"] == "Uppföljning Tertial 2 2025 – Hälso- och sjukvårdsnämnden"
    assert message["Message-ID"] == delivery.message_id


def test_delivered_message_carries_the_report_as_an_identical_attachment(
    tmp_path, smtp_server, report
):
    server = smtp_server()
    send_report(config_for(tmp_path, server.port), report)
    message = parsed(server.handler.received[0].content)
    attachment, _ = message.iter_attachments()
    assert attachment.get_filename() == "uppfoljning-2025-T2.html"
    assert attachment.get_payload(decode=True) == report.html.read_bytes()


def test_delivered_message_has_the_summary_its_chart_and_a_text_alternative(
    tmp_path, smtp_server, report
):
    server = smtp_server()
    send_report(config_for(tmp_path, server.port), report)
    message = parsed(server.handler.received[0].content)
    assert message.get_content_type() == "multipart/mixed"
    alternative = next(message.iter_parts())
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain",
        "multipart/related",
    ]
    html_part, image = message.get_body(("related",)).iter_parts()
    assert f'src="cid:{image["Content-ID"].strip("<>")}"' in html_part.get_content()
    assert report.record["sammanfattning"] in message.get_body(("plain",)).get_content()


def test_the_mail_log_records_what_was_sent_to_whom_and_when(tmp_path, smtp_server, report):
    server = smtp_server()
    delivery = send_report(config_for(tmp_path, server.port), report)
    (entry,) = mail_log(report)
    assert entry["skickat"] == delivery.sent_at.isoformat(timespec="seconds")
    assert entry["skickat"][-6] in "+-"  # with its offset
    assert entry["rapport"] == "uppfoljning-2025-T2.html"
    assert entry["rapport_sha256"] == report.record["html_sha256"]
    assert entry["rapport_startad"] == report.record["startad"]
    assert entry["amne"] == "Uppföljning Tertial 2 2025 – Hälso- och sjukvårdsnämnden"
    assert entry["avsandare"] == "hsn-uppfoljning@region.example"
    assert entry["server"] == f"{HOST}:{server.port}"
    assert entry["sakerhet"] == "ingen"
    assert entry["message_id"] == delivery.message_id
    assert entry["mottagare"] == [
        {"adress": ANNA, "resultat": "levererad", "svar": None},
        {"adress": SECRETARY, "resultat": "levererad", "svar": None},
    ]
    assert entry["fel"] is None
    assert delivery.log == report.folder / "utskick-2025-T2.json"


def test_a_second_sending_is_appended_to_the_mail_log(tmp_path, smtp_server, report):
    server = smtp_server()
    config = config_for(tmp_path, server.port)
    first = send_report(config, report)
    second = send_report(config, report)
    assert [e["message_id"] for e in mail_log(report)] == [first.message_id, second.message_id]
    assert not list(report.folder.glob(".*.tmp"))  # no temporary file left behind


def test_an_unreadable_mail_log_is_kept_aside_not_overwritten(tmp_path, smtp_server, report):
    (report.folder / "utskick-2025-T2.json").write_text("{ trasig", encoding="utf-8")
    server = smtp_server()
    send_report(config_for(tmp_path, server.port), report)
    assert len(mail_log(report)) == 1
    (kept,) = report.folder.glob("utskick-2025-T2.json.trasig-*")
    assert kept.read_text(encoding="utf-8") == "{ trasig"


def test_a_refused_recipient_fails_the_sending_but_the_others_get_it(tmp_path, smtp_server, report):
    reply = "550 5.1.1 <sekreterare@region.example>: Recipient address rejected"
    server = smtp_server(handler=RecordingHandler(refuse_recipients={SECRETARY: reply}))
    with pytest.raises(MailFailed) as failed:
        send_report(config_for(tmp_path, server.port), report)
    (received,) = server.handler.received
    assert received.rcpt_tos == (ANNA,)
    message = failed.value.message
    assert f"servern {HOST}:{server.port} nekade {SECRETARY} (550 5.1.1" in message
    assert f"övriga mottagare fick rapporten: {ANNA}" in message
    assert failed.value.delivery.delivered == (ANNA,)
    (entry,) = mail_log(report)
    assert entry["mottagare"] == [
        {"adress": ANNA, "resultat": "levererad", "svar": None},
        {"adress": SECRETARY, "resultat": "nekad", "svar": reply},
    ]
    assert entry["fel"] == message


def test_all_recipients_refused_sends_nothing(tmp_path, smtp_server, report):
    refuse = {ANNA: "550 5.1.1 Okänd mottagare", SECRETARY: "550 5.1.1 Okänd mottagare"}
    server = smtp_server(handler=RecordingHandler(refuse_recipients=refuse))
    with pytest.raises(MailFailed, match="nekade alla mottagare") as failed:
        send_report(config_for(tmp_path, server.port), report)
    assert ANNA in failed.value.message and SECRETARY in failed.value.message
    assert server.handler.received == []
    (entry,) = mail_log(report)
    assert [r["resultat"] for r in entry["mottagare"]] == ["nekad", "nekad"]
    assert entry["mottagare"][0]["svar"] == "550 5.1.1 Okänd mottagare"


def test_a_refused_sender_is_named(tmp_path, smtp_server, report):
    handler = RecordingHandler(refuse_sender="553 5.7.1 Avsändaren är inte tillåten")
    server = smtp_server(handler=handler)
    with pytest.raises(MailFailed) as failed:
        send_report(config_for(tmp_path, server.port), report)
    message = failed.value.message
    assert "nekade avsändaren hsn-uppfoljning@region.example (553 5.7.1" in message
    assert [r["resultat"] for r in mail_log(report)[0]["mottagare"]] == ["ej_skickad"] * 2


def test_a_message_refused_after_its_recipients_is_recorded_as_refused(
    tmp_path, smtp_server, report
):
    server = smtp_server(handler=RecordingHandler(refuse_data="554 5.6.0 Meddelandet avvisas"))
    with pytest.raises(MailFailed, match=r"tog inte emot meddelandet \(554 5\.6\.0"):
        send_report(config_for(tmp_path, server.port), report)
    assert [r["resultat"] for r in mail_log(report)[0]["mottagare"]] == ["nekad"] * 2


def test_a_server_that_is_down_is_reported_as_refusing_connections(tmp_path, report):
    port = free_port()  # nothing listens there
    with pytest.raises(MailFailed) as failed:
        send_report(config_for(tmp_path, port), report)
    assert failed.value.message.startswith(f"servern {HOST}:{port} tar inte emot anslutningar.")
    (entry,) = mail_log(report)
    assert entry["fel"] == failed.value.message
    assert [r["resultat"] for r in entry["mottagare"]] == ["ej_skickad", "ej_skickad"]


def test_a_server_that_never_answers_times_out(tmp_path, silent_server, report):
    config = config_for(tmp_path, silent_server, timeout=0.5)
    with pytest.raises(MailFailed) as failed:
        send_report(config, report)
    assert failed.value.message.startswith(f"inget svar inom 0,5 s från {HOST}:{silent_server}.")
    assert mail_log(report)[0]["fel"] == failed.value.message


def test_a_server_that_hangs_up_is_reported(tmp_path, hanging_up_server, report):
    with pytest.raises(MailFailed, match="stängde anslutningen oväntat"):
        send_report(config_for(tmp_path, hanging_up_server), report)


def test_an_unknown_host_is_named(tmp_path, report):
    path = write_config(tmp_path, 25)
    path.write_text(path.read_text(encoding="utf-8").replace(HOST, "smtp.finns-inte.invalid"))
    with pytest.raises(MailFailed, match=r"servern smtp\.finns-inte\.invalid finns inte"):
        send_report(load_mail_config(path, {}), report)


def test_starttls_encrypts_the_session(tmp_path, smtp_server, mail_ca, report):
    server = smtp_server(tls="starttls")
    extra = f'ca_fil = "{mail_ca.ca_file}"'
    send_report(config_for(tmp_path, server.port, "starttls", smtp_extra=extra), report)
    (received,) = server.handler.received
    assert received.tls


def test_without_starttls_the_session_is_plain(tmp_path, smtp_server, report):
    server = smtp_server()
    send_report(config_for(tmp_path, server.port, "ingen"), report)
    assert not server.handler.received[0].tls


def test_starttls_required_but_not_offered_sends_nothing(tmp_path, smtp_server, report):
    server = smtp_server()  # no TLS at all
    with pytest.raises(MailFailed) as failed:
        send_report(config_for(tmp_path, server.port, "starttls"), report)
    assert f"servern {HOST}:{server.port} erbjuder inte STARTTLS" in failed.value.message
    assert server.handler.received == []


def test_ssl_mode_speaks_tls_from_the_start(tmp_path, smtp_server, mail_ca, report):
    server = smtp_server(tls="ssl")
    extra = f'ca_fil = "{mail_ca.ca_file}"'
    send_report(config_for(tmp_path, server.port, "ssl", smtp_extra=extra), report)
    assert server.handler.received[0].tls


def test_ssl_mode_against_a_plain_server_fails_clearly(tmp_path, smtp_server, report):
    server = smtp_server()
    with pytest.raises(MailFailed, match=r"krypteringen mot .* misslyckades"):
        send_report(config_for(tmp_path, server.port, "ssl"), report)


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_an_untrusted_certificate_sends_nothing(tmp_path, smtp_server, report, security):
    server = smtp_server(tls=security)
    with pytest.raises(MailFailed) as failed:
        send_report(config_for(tmp_path, server.port, security), report)  # no ca_fil
    assert "har ett certifikat som inte går att lita på" in failed.value.message
    assert "smtp.ca_fil" in failed.value.message
    assert server.handler.received == []


def test_login_with_the_password_from_the_environment(tmp_path, smtp_server, mail_ca, report):
    server = smtp_server(tls="starttls", auth=True)
    extra = f'anvandare = "{USER}"\nca_fil = "{mail_ca.ca_file}"'
    config = config_for(tmp_path, server.port, "starttls", environ=ENV, smtp_extra=extra)
    send_report(config, report)
    assert server.handler.received[0].login == USER


def test_login_without_encryption_works_on_a_trusted_network(tmp_path, smtp_server, report, caplog):
    server = smtp_server(auth=True)
    config = config_for(tmp_path, server.port, environ=ENV, smtp_extra=f'anvandare = "{USER}"')
    with caplog.at_level(logging.INFO, logger="hsn_analysis.mail.send"):
        send_report(config, report)
    assert server.handler.received[0].login == USER
    assert "utan kryptering" in caplog.text
    assert "levererad till 2 mottagare" in caplog.text


def test_a_wrong_password_names_the_user_but_never_the_password(
    tmp_path, smtp_server, report, caplog
):
    server = smtp_server(auth=True)
    wrong = "fel-l0senord-som-inte-ska-synas"
    environ = {"HSN_SMTP_LOSENORD": wrong}
    config = config_for(tmp_path, server.port, environ=environ, smtp_extra=f'anvandare = "{USER}"')
    with caplog.at_level(logging.DEBUG), pytest.raises(MailFailed) as failed:
        send_report(config, report)
    message = failed.value.message
    assert f"godtog inte inloggningen som {USER} (535" in message
    assert "miljövariabeln HSN_SMTP_LOSENORD" in message
    assert server.handler.received == []
    log_text = (report.folder / "utskick-2025-T2.json").read_text(encoding="utf-8")
    for text in (message, log_text, caplog.text, repr(config)):
        assert wrong not in text


def test_a_user_on_a_server_without_login_is_explained(tmp_path, smtp_server, report):
    server = smtp_server()  # offers no AUTH
    config = config_for(tmp_path, server.port, environ=ENV, smtp_extra=f'anvandare = "{USER}"')
    with pytest.raises(MailFailed, match="erbjuder ingen inloggning \\(AUTH\\) utan kryptering"):
        send_report(config, report)


def test_a_dry_run_writes_the_message_as_eml_and_sends_nothing(tmp_path, smtp_server, report):
    server = smtp_server()
    delivery = send_report(config_for(tmp_path, server.port), report, dry_run=True)
    assert delivery.dry_run
    assert delivery.eml == report.folder / "uppfoljning-2025-T2.eml"
    message = parsed(delivery.eml.read_bytes())
    assert message["Message-ID"] == delivery.message_id
    assert [a.addr_spec for a in message["To"].addresses] == [ANNA, SECRETARY]
    attachment, _ = message.iter_attachments()
    assert attachment.get_payload(decode=True) == report.html.read_bytes()
    assert server.handler.received == []
    assert not (report.folder / "utskick-2025-T2.json").exists()


def test_a_dry_run_needs_no_server(tmp_path, report):
    delivery = send_report(config_for(tmp_path, free_port()), report, dry_run=True)
    assert delivery.eml.exists()
