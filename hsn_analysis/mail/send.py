"""Sending a published report: one message to every recipient in one SMTP session, and a record.

Every attempt that reached for the network, delivered or not, is appended to the period's mail
log (`utskick-2025-T2.json`), so the board can see what was sent to whom and when. A dry run
writes the message as `.eml` instead and sends nothing. The caller holds the period lock.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from hsn_analysis.mail.config import MailConfig
from hsn_analysis.mail.message import build_message
from hsn_analysis.mail.session import NoAuth, NoStartTLS, close_session, open_session
from hsn_analysis.runs.published import PublishedReport
from hsn_analysis.words import labels, messages

logger = logging.getLogger(__name__)

DELIVERED = labels.MAIL_RESULT_DELIVERED
REFUSED = labels.MAIL_RESULT_REFUSED
NOT_SENT = labels.MAIL_RESULT_NOT_SENT


@dataclass(frozen=True)
class Delivery:
    """What became of one message: `delivered` and `refused` are addresses (addr-spec)."""

    message_id: str
    subject: str
    server: str
    delivered: tuple[str, ...] = ()
    # address → the server's reply, e.g. "550 5.1.1 Mailbox unavailable"
    refused: dict[str, str] = field(default_factory=dict)
    sent_at: datetime | None = None
    eml: Path | None = None  # the message written by a dry run
    log: Path | None = None  # the mail log the attempt was recorded in

    @property
    def dry_run(self) -> bool:
        """True when nothing was sent and the message was written to `eml`."""
        return self.eml is not None


class MailFailed(Exception):
    """The report did not reach every recipient; `message` says why, in Swedish.

    `delivery` tells who did get it when some recipients were refused.
    """

    def __init__(self, message: str, delivery: Delivery | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.delivery = delivery


def send_report(config: MailConfig, report: PublishedReport, *, dry_run: bool = False) -> Delivery:
    """Mail `report` to the recipients of `config` (or, with `dry_run`, write it as .eml).

    Raises MailFailed when any recipient did not get it; the attempt is in the mail log either way.
    """
    msg = build_message(config, report)
    files = report.files
    message_id, subject = str(msg["Message-ID"]), str(msg["Subject"])
    if dry_run:
        write_atomically(files.eml, msg.as_bytes())
        return Delivery(message_id, subject, config.server_address, eml=files.eml)

    recipients = [r.addr_spec for r in config.recipients]
    started = datetime.now().astimezone()
    logger.info(
        messages.MAIL_LOG_CONNECTING,
        config.server_address,
        config.security,
        report.html.name,
        len(recipients),
    )
    try:
        refused = _transmit(config, msg, recipients)
    except (smtplib.SMTPException, OSError) as exc:
        message = explain(exc, config)
        results = _results_after(exc, recipients)
        _log(files.mail_log, config, report, msg, started, results, message)
        raise MailFailed(message) from exc

    replies = {address: _reply(code, text) for address, (code, text) in refused.items()}
    delivered = tuple(a for a in recipients if a not in refused)
    results = [
        (a, REFUSED, replies[a]) if a in refused else (a, DELIVERED, None) for a in recipients
    ]
    delivery = Delivery(
        message_id,
        subject,
        server=config.server_address,
        delivered=delivered,
        refused=replies,
        sent_at=started,
        log=files.mail_log,
    )
    if refused:
        message = messages.MAIL_FAIL_REFUSED_SOME.format(
            server=config.server_address,
            refused=_list_replies(replies),
            delivered=", ".join(delivered),
        )
        _log(files.mail_log, config, report, msg, started, results, message)
        raise MailFailed(message, delivery)
    _log(files.mail_log, config, report, msg, started, results, None)
    logger.info(
        messages.MAIL_LOG_DELIVERED, report.html.name, len(delivered), config.server_address
    )
    return delivery


def _transmit(
    config: MailConfig, msg: EmailMessage, recipients: list[str]
) -> dict[str, tuple[int, bytes]]:
    """One SMTP session: connect, encrypt, log in, send. Returns the refused recipients."""
    smtp = open_session(config)
    try:
        refused = smtp.send_message(msg, from_addr=config.sender.addr_spec, to_addrs=recipients)
    except BaseException:
        smtp.close()  # no QUIT: a server that stopped answering would make us wait once more
        raise
    close_session(smtp)  # the message was handed over already; a failing QUIT changes nothing
    return refused


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {' '.join(text.split())}".strip()


def _list_replies(replies: dict[str, str]) -> str:
    return ", ".join(f"{address} ({reply})" for address, reply in replies.items())


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return exc.verify_message
    if isinstance(exc, ssl.SSLError) and exc.reason:
        return str(exc.reason)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or exc.__class__.__name__


def explain(exc: BaseException, config: MailConfig) -> str:
    """Why a sending failed, in Swedish, naming the server (never the password)."""
    server = config.server_address
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = {a: _reply(*reply) for a, reply in exc.recipients.items()}
        return messages.MAIL_FAIL_REFUSED_ALL.format(server=server, refused=_list_replies(replies))
    if isinstance(exc, smtplib.SMTPSenderRefused):
        reply = _reply(exc.smtp_code, exc.smtp_error)
        sender = config.sender.addr_spec
        return messages.MAIL_FAIL_SENDER.format(server=server, sender=sender, reply=reply)
    if isinstance(exc, smtplib.SMTPDataError):
        return messages.MAIL_FAIL_DATA.format(
            server=server, reply=_reply(exc.smtp_code, exc.smtp_error)
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return messages.MAIL_FAIL_AUTH.format(
            server=server,
            user=config.username,
            reply=_reply(exc.smtp_code, exc.smtp_error),
            variable=config.password_variable,
        )
    if isinstance(exc, NoStartTLS):
        return messages.MAIL_FAIL_NO_STARTTLS.format(server=server)
    if isinstance(exc, NoAuth):
        plain = messages.MAIL_FAIL_NO_AUTH_PLAIN if config.security == "ingen" else ""
        return messages.MAIL_FAIL_NO_AUTH.format(server=server, plain=plain)
    # smtplib turns a timeout while waiting for a reply into "disconnected".
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
        seconds = f"{config.timeout_s:g}".replace(".", ",")
        return messages.MAIL_FAIL_TIMEOUT.format(seconds=seconds, server=server)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return messages.MAIL_FAIL_DISCONNECTED.format(server=server, reason=_reason(exc))
    if isinstance(exc, smtplib.SMTPResponseException):
        return messages.MAIL_FAIL_SMTP.format(
            server=server, reply=_reply(exc.smtp_code, exc.smtp_error)
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return messages.MAIL_FAIL_CERTIFICATE.format(server=server, reason=_reason(exc))
    if isinstance(exc, ssl.SSLError):
        return messages.MAIL_FAIL_TLS.format(server=server, reason=_reason(exc))
    if isinstance(exc, ConnectionRefusedError):
        return messages.MAIL_FAIL_CONNECTION_REFUSED.format(server=server)
    if isinstance(exc, socket.gaierror):
        return messages.MAIL_FAIL_UNKNOWN_HOST.format(host=config.server, reason=_reason(exc))
    if isinstance(exc, smtplib.SMTPException):
        return messages.MAIL_FAIL_SMTP.format(server=server, reply=_reason(exc))
    return messages.MAIL_FAIL_NETWORK.format(server=server, reason=_reason(exc))


def _results_after(exc: BaseException, recipients: list[str]) -> list[tuple[str, str, str | None]]:
    """(address, result, server reply) for each recipient after a failed session."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = exc.recipients
        return [
            (a, REFUSED, _reply(*refused[a])) if a in refused else (a, NOT_SENT, None)
            for a in recipients
        ]
    if isinstance(exc, smtplib.SMTPDataError):  # the recipients were accepted, the message not
        reply = _reply(exc.smtp_code, exc.smtp_error)
        return [(a, REFUSED, reply) for a in recipients]
    return [(a, NOT_SENT, None) for a in recipients]


def _log(
    path: Path,
    config: MailConfig,
    report: PublishedReport,
    msg: EmailMessage,
    started: datetime,
    results: list[tuple[str, str, str | None]],
    error: str | None,
) -> None:
    entry = {
        "skickat": started.isoformat(timespec="seconds"),
        "rapport": report.html.name,
        "rapport_sha256": report.record.get("html_sha256"),
        "rapport_startad": report.record.get("startad"),
        "amne": str(msg["Subject"]),
        "avsandare": config.sender.addr_spec,
        "server": config.server_address,
        "sakerhet": config.security,
        "message_id": str(msg["Message-ID"]),
        "mottagare": [
            {"adress": address, "resultat": result, "svar": reply}
            for address, result, reply in results
        ],
        "fel": error,
    }
    try:
        append_to_mail_log(path, entry)
    except OSError as exc:
        # The mail is gone or failed already; losing the note must not hide that outcome, and
        # raising here would invite a second sending.
        logger.error(messages.MAIL_LOG_NOT_RECORDED, path, exc)


def append_to_mail_log(path: Path, entry: dict[str, Any]) -> None:
    """Add `entry` to the JSON list in `path`, replacing the file atomically."""
    entries: list[Any] = []
    if path.exists():
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entries, list):
                raise ValueError("not a list")
        except ValueError:
            # Keep the unreadable log for a person to look at rather than overwrite it.
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
            kept = path.with_name(f"{path.name}.trasig-{stamp}")
            os.replace(path, kept)
            logger.warning(messages.MAIL_LOG_BROKEN, path, kept)
            entries = []
    entries.append(entry)
    text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, so a reader sees the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile.mkstemp: its 0600 mode would stay on the file and hide it from the index.
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
