"""Helpers of the mail tests: a real SMTP server on loopback, its TLS, and a report to send.

The server is aiosmtpd's, run in a thread by its Controller; it records every envelope it is
given. TLS certificates come from a throw-away CA made by trustme. Test modules load the fixtures
with `pytest_plugins = ("mailserver",)`; PYTEST_DONT_REWRITE (nothing here asserts) keeps pytest
from warning that the module was imported before it became a plugin.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from hsn_analysis.periods import Period
from hsn_analysis.runs.published import PublishedReport

HOST = "127.0.0.1"
USER = "hsn-rapport"
PASSWORD = "korrekt-h4st-batteri"  # what the test server accepts
SENDER = "HSN uppföljning <hsn-uppfoljning@region.example>"
RECIPIENTS = ("Anna Andersson <anna.andersson@region.example>", "sekreterare@region.example")
REPORT_HTML = (
    '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Uppföljning</title>'
    "</head><body><h1>Hälso- och sjukvårdsnämnden</h1><p>Åtta av tretton delmål.</p></body>"
    "</html>\n"
)


def free_port() -> int:
    """A loopback port nothing listens on (aiosmtpd cannot take port 0)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Received:
    """One message as the server took it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes
    tls: bool
    login: str | None


@dataclass
class RecordingHandler:
    """An aiosmtpd handler that keeps what it receives and refuses what it is told to."""

    refuse_recipients: dict[str, str] = field(default_factory=dict)  # address → reply
    refuse_sender: str | None = None  # the reply to MAIL FROM, e.g. "553 …"
    refuse_data: str | None = None  # the reply to DATA
    received: list[Received] = field(default_factory=list)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_sender:
            return self.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_recipients:
            return self.refuse_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return self.refuse_data
        tls = server.transport.get_extra_info("ssl_object") is not None
        login = session.auth_data if session.authenticated else None
        self.received.append(
            Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content, tls, login)
        )
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
    """Accepts USER with PASSWORD; the login is kept as the session's auth data."""
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    login = auth_data.login.decode() if ok else None
    return AuthResult(success=ok, handled=False, auth_data=login)  # not handled: aiosmtpd replies


@dataclass(frozen=True)
class Server:
    """A running test server."""

    host: str
    port: int
    handler: RecordingHandler


@dataclass(frozen=True)
class Authority:
    """A CA the client may trust (`ca_file`) and the server's TLS context signed by it."""

    ca_file: Path
    server_context: ssl.SSLContext


@pytest.fixture(scope="session")
def mail_ca(tmp_path_factory) -> Authority:
    """A throw-away CA and a certificate for 127.0.0.1."""
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(HOST).configure_cert(context)
    path = tmp_path_factory.mktemp("ca") / "region-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return Authority(path, context)


@pytest.fixture
def smtp_server(mail_ca: Authority) -> Iterator[Callable[..., Server]]:
    """Start an SMTP server: `smtp_server(tls="starttls" | "ssl" | None, auth=False, handler=…)`.

    With tls="starttls" the server requires STARTTLS; with "ssl" it speaks TLS from the start.
    Every server is stopped after the test.
    """
    controllers: list[Controller] = []

    def start(
        tls: str | None = None, auth: bool = False, handler: RecordingHandler | None = None
    ) -> Server:
        handler = handler or RecordingHandler()
        options: dict[str, Any] = {"server_hostname": "mail.region.example"}
        if tls == "starttls":
            options.update(tls_context=mail_ca.server_context, require_starttls=True)
        elif tls == "ssl":
            options["ssl_context"] = mail_ca.server_context
        if auth:
            # Without TLS, aiosmtpd would hide AUTH; the plain server is for a trusted network.
            options.update(authenticator=authenticator, auth_require_tls=tls is not None)
        port = free_port()
        controller = Controller(handler, hostname=HOST, port=port, ready_timeout=5, **options)
        controller.start()
        controllers.append(controller)
        return Server(HOST, port, handler)

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections but never says a word (for timeouts)."""
    with socket.socket() as listener:
        listener.bind((HOST, 0))
        listener.listen(5)  # the kernel completes the handshake; nobody ever answers
        yield listener.getsockname()[1]


@pytest.fixture
def hanging_up_server() -> Iterator[int]:
    """A port whose server closes every connection at once, before its greeting."""
    listener = socket.socket()
    listener.bind((HOST, 0))
    listener.listen(5)
    listener.settimeout(0.05)  # a blocked accept() would not notice the test ending
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    listener.close()


def write_config(
    folder: Path,
    port: int,
    security: str = "ingen",
    *,
    extra: str = "",
    smtp_extra: str = "",
    recipients: tuple[str, ...] = RECIPIENTS,
    timeout: float = 5,
) -> Path:
    """A recipient file for the test server; `extra` goes on top, `smtp_extra` under [smtp]."""
    listed = ", ".join(f'"{r}"' for r in recipients)
    path = folder / "mottagare.toml"
    path.write_text(
        f'avsandare = "{SENDER}"\nmottagare = [{listed}]\n{extra}\n'
        f'[smtp]\nserver = "{HOST}"\nport = {port}\nsakerhet = "{security}"\n'
        f"tidsgrans_s = {timeout}\n{smtp_extra}\n",
        encoding="utf-8",
    )
    return path


GOALS = [
    ("M1", "Trygga uppväxtvillkor", {"uppnas": 2}),
    ("M2", "En god och nära vård", {"delvis": 2, "uppnas_ej": 2}),
    ("M3", "Ett attraktivt och hållbart Västerbotten", {"delvis": 1}),
    ("M4", "Tillgänglig vård med god kvalitet och kontinuitet", {"uppnas": 1, "uppnas_ej": 1}),
    ("M5", "Goda arbetsplatser och attraktiva arbetsgivare", {"delvis": 2}),
    ("M6", "En hållbar miljö- och klimatregion", {"ej_bedomd": 1}),
    ("M7", "Stärkt forskning, utbildning och innovation", {"delvis": 1}),
]
_STATUS_OF = {"uppnas": "gron", "delvis": "gul", "uppnas_ej": "rod", "ej_bedomd": "ej_bedomd"}


def make_record(goals: list[tuple[str, str, dict[str, int]]] = GOALS, **overrides: Any) -> dict:
    """A run record as the runner writes it (the keys the mail uses), 7 mål by default."""
    mal, subgoals = [], []
    for goal_id, name, counts in goals:
        row = {k: counts.get(k, 0) for k in ("uppnas", "delvis", "uppnas_ej", "ej_bedomd")}
        # The worst status of the mål's delmål: the "sämsta" rule, enough for the mail.
        status = next((_STATUS_OF[k] for k in ("uppnas_ej", "delvis", "uppnas") if row[k]), "")
        mal.append({"mal_id": goal_id, "namn": name, "antal": sum(row.values()), **row})
        mal[-1]["status"] = status or "ej_bedomd"
        for column, n in row.items():
            for _ in range(n):
                number = len([s for s in subgoals if s["mal_id"] == goal_id]) + 1
                subgoals.append(
                    {
                        "delmal_id": f"D{goal_id[1:]}.{number}",
                        "mal_id": goal_id,
                        "namn": f"Delmål {number} under {name.lower()}",
                        "status": _STATUS_OF[column],
                    }
                )
    totals = {k: sum(m[k] for m in mal) for k in ("antal", "uppnas", "delvis", "uppnas_ej")}
    record = {
        "rapport": "uppfoljning",
        "titel": "Hälso- och sjukvårdsnämnden – uppföljning av nämndplan 2025, Tertial 2 2025",
        "namnd": "Hälso- och sjukvårdsnämnden",
        "exempeldata": True,
        "period": "2025-T2",
        "startad": "2025-09-05T06:00:12+02:00",
        "sammanfattning": (
            "Av nämndens 13 delmål är bedömningen per augusti att 3 inte kommer att uppnås, "
            "6 delvis kommer att uppnås och 3 kommer att uppnås. 1 delmål är inte bedömt."
        ),
        "delmal": {**totals, "ej_bedomd": sum(m["ej_bedomd"] for m in mal)},
        "mal": mal,
        "delmal_lista": subgoals,
    }
    record.update(overrides)
    return record


def make_report(folder: Path, html: str = REPORT_HTML, **overrides: Any) -> PublishedReport:
    """A published 2025-T2 report in `folder/2025-T2`, its record's sha256 matching the file."""
    period = Period.parse("2025-T2")
    path = folder / period.code / f"uppfoljning-{period.code}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(html.encode("utf-8"))
    record = make_record(**overrides)
    record.setdefault("html_sha256", hashlib.sha256(path.read_bytes()).hexdigest())
    # A stand-in for the PDF/A: the mail checks only that it is the file its run wrote.
    pdf = path.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7\n% HSN testrapport\n%%EOF\n")
    record.setdefault("pdf_sha256", hashlib.sha256(pdf.read_bytes()).hexdigest())
    return PublishedReport(period, path, record)
