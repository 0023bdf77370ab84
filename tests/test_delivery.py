"""The tertial run as the timer starts it: report, index and mail through `hsn-report`, against a
real SMTP server on loopback; and every way a sending can fail, with its exit code."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from builders import small_example, tiny_notebook
from mailserver import (
    HOST,
    PASSWORD,
    USER,
    RecordingHandler,
    Server,
    authenticator,
    free_port,
    write_config,
)

from hsn_analysis import cli
from hsn_analysis.runs import runner
from hsn_analysis.runs.locking import period_lock

pytest_plugins = ("mailserver",)

ROOT = Path(__file__).resolve().parent.parent
ANNA = "anna.andersson@region.example"
SECRETARY = "sekreterare@region.example"
# The example's mål M2 with its red delmål of 2025-T3 (D2.3) and a yellow one (D2.4).
RED_AND_YELLOW = (("M2",), ("D2.3", "D2.4"))


def parsed(content: bytes):
    return email.message_from_bytes(content, policy=email.policy.default)


@pytest.fixture(scope="module")
def scheduled_run(tmp_path_factory, mail_ca):
    """`run --period auto --send` on the example data as on 5 January 2026, over STARTTLS with a
    login whose password comes from the environment: what the systemd timer runs.

    The timer's command, not the example's content, is under test: the data is two delmål of
    the example's M2, D2.3 (the one delmål of 2025 that will not be reached, red in the mail)
    and D2.4 (yellow), a fifth of the whole example's charts."""
    folder = tmp_path_factory.mktemp("schemalagd")
    data = small_example(folder / "data", RED_AND_YELLOW[0], RED_AND_YELLOW[1])
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(
        handler,
        hostname=HOST,
        port=port,
        server_hostname="mail.region.example",
        tls_context=mail_ca.server_context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    server = Server(HOST, port, handler)
    config = write_config(
        folder,
        server.port,
        "starttls",
        smtp_extra=f'anvandare = "{USER}"\nca_fil = "{mail_ca.ca_file}"',
    )
    out = folder / "ut"
    result = subprocess.run(
        [
            *(sys.executable, "-m", "hsn_analysis", "run", "--period", "auto"),
            *("--today", "2026-01-05", "--send", "--config", str(config), "--out", str(out)),
            *("--data", str(data)),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**_environment(), "HSN_SMTP_LOSENORD": PASSWORD},
    )
    yield result, server, out
    controller.stop()


def _environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "HSN_SMTP_LOSENORD"}


def test_scheduled_run_makes_the_full_year_report_and_mails_it_once_to_every_secretary(
    scheduled_run,
):
    result, server, out = scheduled_run
    assert result.returncode == 0, result.stderr
    html = out / "2025-T3" / "uppfoljning-2025-T3.html"
    assert result.stdout.strip() == str(html)
    (received,) = server.handler.received  # one message, one envelope for both recipients
    assert received.rcpt_tos == (ANNA, SECRETARY)
    assert received.tls and received.login == USER


def test_the_mailed_message_is_what_a_mail_client_shows(scheduled_run):
    _, server, out = scheduled_run
    message = parsed(server.handler.received[0].content)
    assert message["Subject"] == "Uppföljning Tertial 3 2025 – Hälso- och sjukvårdsnämnden"
    assert ANNA in message["To"] and SECRETARY in message["To"]
    html_part, image = message.get_body(("related",)).iter_parts()
    body = html_part.get_content()
    assert f'src="cid:{image["Content-ID"].strip("<>")}"' in body
    assert image.get_content_type() == "image/png"
    assert image.get_payload(decode=True).startswith(b"\x89PNG")
    record = json.loads((out / "2025-T3" / "uppfoljning-2025-T3.json").read_text("utf-8"))
    assert record["sammanfattning"] in message.get_body(("plain",)).get_content()
    red = [d["namn"] for d in record["delmal_lista"] if d["status"] == "rod"]
    assert red and all(name in body for name in red)
    attachment, pdf = message.iter_attachments()  # `bilaga` defaults to both
    report = (out / "2025-T3" / "uppfoljning-2025-T3.html").read_bytes()
    assert attachment.get_payload(decode=True) == report
    assert (
        pdf.get_payload(decode=True) == (out / "2025-T3" / "uppfoljning-2025-T3.pdf").read_bytes()
    )
    without_attachment = len(server.handler.received[0].content) - sum(
        len(a.as_bytes(policy=email.policy.SMTP)) for a in (attachment, pdf)
    )
    assert without_attachment < 100_000


def test_the_sending_is_recorded_and_the_index_lists_the_report(scheduled_run):
    _, _, out = scheduled_run
    (entry,) = json.loads((out / "2025-T3" / "utskick-2025-T3.json").read_text("utf-8"))
    assert entry["fel"] is None
    assert [(r["adress"], r["resultat"]) for r in entry["mottagare"]] == [
        (ANNA, "levererad"),
        (SECRETARY, "levererad"),
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2025-T3/uppfoljning-2025-T3.html"' in index
    assert "Tertial 3 2025" in index
    assert "till 2 mottagare" in index


def test_the_scheduled_run_logs_every_step_with_a_timestamp(scheduled_run):
    result, _, _ = scheduled_run
    steps = ["Validerar", "Kör uppfoljning.ipynb för 2025-T3", "Skapar HTML", "Klar:"]
    lines = result.stderr.splitlines()
    for step in steps:
        assert any(step in line for line in lines), (step, result.stderr)
    assert any("levererad till 2 mottagare" in line for line in lines), result.stderr


# ---- in-process runs of `hsn-report` against a published copy of the example report ---------


@pytest.fixture
def published(tmp_path, example_report) -> Path:
    """An output folder holding a copy of the published 2025-T2 example report."""
    out = tmp_path / "ut"
    shutil.copytree(example_report.html.parent, out / "2025-T2")
    return out


def hsn_report(*args: str | Path) -> int:
    """`hsn-report` in this process (so that tests can stand in for the notebook)."""
    return cli.main([str(a) for a in args])


def send(out: Path, config: Path, *extra: str) -> int:
    return hsn_report("send", "--period", "2025-T2", "--config", config, "--out", out, *extra)


def test_a_failed_run_with_send_mails_nothing_not_even_the_earlier_report(
    tmp_path, published, smtp_server, monkeypatch, capsys
):
    server = smtp_server()
    config = write_config(tmp_path, server.port)
    failing = tiny_notebook(tmp_path, 'raise RuntimeError("planerat fel i testet")')
    monkeypatch.setattr(runner, "REPORT_NOTEBOOK", failing)
    data = small_example(tmp_path / "data")  # the run fails whatever it reads: a small one
    argv = ["run", "--period", "2025-T2", "--send", "--config", str(config), "--data", str(data)]
    code = cli.main([*argv, "--out", str(published)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_RUN_FAILED
    assert "inget mejl skickas efter en misslyckad körning" in err
    assert server.handler.received == []
    assert not (published / "2025-T2" / "utskick-2025-T2.json").exists()

    # Nor can it be mailed by hand afterwards: the latest run of the period failed.
    assert send(published, config) == cli.EXIT_RUN_FAILED
    assert "misslyckades" in capsys.readouterr().err
    assert server.handler.received == []


def test_invalid_data_with_send_mails_nothing(tmp_path, smtp_server, capsys):
    server = smtp_server()
    config = write_config(tmp_path, server.port)
    broken = tmp_path / "trasig"
    shutil.copytree(ROOT / "data" / "exempel", broken)
    (broken / "mal.csv").unlink()
    code = hsn_report(
        *("run", "--period", "2025-T2", "--data", broken),
        *("--send", "--config", config, "--out", tmp_path / "ut"),
    )
    assert code == cli.EXIT_INVALID_DATA
    assert "inget mejl skickas" in capsys.readouterr().err
    assert server.handler.received == []


def test_send_dry_run_writes_the_message_beside_the_report_and_sends_nothing(
    tmp_path, published, capsys
):
    config = write_config(tmp_path, free_port())  # nothing listens there
    assert send(published, config, "--dry-run") == cli.EXIT_OK
    eml = published / "2025-T2" / "uppfoljning-2025-T2.eml"
    assert capsys.readouterr().out.strip() == str(eml)
    message = parsed(eml.read_bytes())
    attachment, _ = message.iter_attachments()
    assert (
        attachment.get_payload(decode=True)
        == (published / "2025-T2" / "uppfoljning-2025-T2.html").read_bytes()
    )
    assert not (published / "2025-T2" / "utskick-2025-T2.json").exists()


def test_a_server_that_is_down_exits_6_says_so_and_records_the_attempt(tmp_path, published, capsys):
    config = write_config(tmp_path, free_port())
    assert send(published, config) == cli.EXIT_MAIL_FAILED == 6
    err = capsys.readouterr().err
    assert "steget utskick misslyckades" in err and "tar inte emot anslutningar" in err
    (entry,) = json.loads((published / "2025-T2" / "utskick-2025-T2.json").read_text("utf-8"))
    assert entry["fel"] and {r["resultat"] for r in entry["mottagare"]} == {"ej_skickad"}
    assert "Misslyckades" in (published / "index.html").read_text(encoding="utf-8")


def test_a_refused_recipient_exits_6_and_names_the_address(
    tmp_path, published, smtp_server, capsys
):
    handler = RecordingHandler(refuse_recipients={SECRETARY: "550 5.1.1 Mailbox unknown"})
    server = smtp_server(handler=handler)
    assert send(published, write_config(tmp_path, server.port)) == cli.EXIT_MAIL_FAILED
    err = capsys.readouterr().err
    assert SECRETARY in err and "550" in err
    (received,) = handler.received
    assert received.rcpt_tos == (ANNA,)  # the other secretary still got it


def test_a_wrong_password_exits_6_without_showing_it(
    tmp_path, published, smtp_server, mail_ca, monkeypatch, capsys
):
    server = smtp_server(tls="starttls", auth=True)
    monkeypatch.setenv("HSN_SMTP_LOSENORD", "fel-losen-123")
    smtp_extra = f'anvandare = "{USER}"\nca_fil = "{mail_ca.ca_file}"'
    config = write_config(tmp_path, server.port, "starttls", smtp_extra=smtp_extra)
    assert send(published, config) == cli.EXIT_MAIL_FAILED
    err = capsys.readouterr().err
    assert USER in err and "fel-losen-123" not in err
    assert server.handler.received == []


def test_sending_a_period_without_a_report_is_a_usage_error(tmp_path, capsys):
    config = write_config(tmp_path, free_port())
    assert send(tmp_path / "tom", config) == cli.EXIT_USAGE
    assert "inget att skicka" in capsys.readouterr().err


def test_sending_while_a_run_of_the_period_holds_the_lock_exits_5(tmp_path, published, capsys):
    config = write_config(tmp_path, free_port())
    with period_lock(published / "2025-T2", "rapport 2025-T2 pågår"):
        assert send(published, config) == cli.EXIT_BUSY
    assert "rapport 2025-T2 pågår" in capsys.readouterr().err


def test_a_broken_config_stops_run_send_before_any_report_is_made(tmp_path, capsys):
    config = tmp_path / "mottagare.toml"
    config.write_text('avsandare = "inte en adress"\nmottagere = []\n', encoding="utf-8")
    out = tmp_path / "ut"
    code = hsn_report("run", "--period", "2025-T2", "--send", "--config", config, "--out", out)
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert "mottagare.toml" in err and "mottagere" in err and "avsandare" in err
    assert not out.exists()
