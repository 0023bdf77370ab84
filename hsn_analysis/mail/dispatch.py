"""Sending many personal messages: one SMTP session, a pause between messages, a cap per run,
and every recipient's outcome recorded as it happens.

A refused recipient does not stop the others; a session that breaks leaves the rest unsent and
recorded so. A message whose attachment differs from the SHA-256 it must have is not sent. A
rerun leaves out whoever `skip` says has had theirs. A dry run writes one `.eml` per recipient
and records nothing. The caller holds the folder's lock.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from hsn_analysis.forms.layout import safe_name
from hsn_analysis.mail.config import MailConfig
from hsn_analysis.mail.ledger import attachments_of, read_entries, record
from hsn_analysis.mail.letter import Letter, build_letter
from hsn_analysis.mail.pacing import Pacing
from hsn_analysis.mail.send import DELIVERED, NOT_SENT, REFUSED, explain, write_atomically
from hsn_analysis.mail.session import close_session, open_session
from hsn_analysis.words import mail_cycle as words

logger = logging.getLogger(__name__)

Skip = Callable[[list[dict[str, Any]], Letter], bool]


@dataclass(frozen=True)
class Outcome:
    """What became of a sending: recipients as `Letter.shown` names them."""

    record: Path
    delivered: tuple[str, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)  # recipient → the server's reply
    not_sent: dict[str, str] = field(default_factory=dict)  # recipient → why
    skipped: int = 0  # had theirs already
    previews: tuple[Path, ...] = ()  # the .eml files of a dry run

    @property
    def complete(self) -> bool:
        """True when nobody who should have had a message is without one."""
        return not self.refused and not self.not_sent


def dispatch(
    config: MailConfig,
    pacing: Pacing,
    letters: list[Letter],
    record_path: Path,
    *,
    skip: Skip,
    dry_run: bool = False,
    preview_folder: Path | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """Send `letters` (those `skip` does not leave out), recording each in `record_path`."""
    entries = read_entries(record_path)
    due = [letter for letter in letters if not skip(entries, letter)]
    skipped = len(letters) - len(due)
    not_sent: dict[str, str] = {}
    ready: list[tuple[Letter, dict[str, bytes]]] = []
    for letter in due:
        files, reason = _checked_files(letter)
        if reason:
            not_sent[letter.shown] = reason
            _note(record_path, config, letter, NOT_SENT, None, reason, dry_run)
        else:
            ready.append((letter, files))
    if dry_run:
        folder = preview_folder or record_path.parent
        previews = tuple(_preview(config, folder, letter, files) for letter, files in ready)
        return Outcome(record_path, not_sent=not_sent, skipped=skipped, previews=previews)
    held = ready[pacing.cap :]
    if held:
        logger.warning("%s", words.LOG_CAP.format(cap=pacing.cap, n=len(held)))
    for letter, _ in held:
        not_sent[letter.shown] = words.REASON_CAP
        _note(record_path, config, letter, NOT_SENT, None, words.REASON_CAP, dry_run)
    sending = _Sending(config, record_path)
    sending.run(ready[: pacing.cap], pacing, sleep)
    return Outcome(
        record_path,
        tuple(sending.delivered),
        sending.refused,
        not_sent | sending.not_sent,
        skipped,
    )


class _Sending:
    """One session's sending, message by message."""

    def __init__(self, config: MailConfig, record_path: Path) -> None:
        self.config, self.path = config, record_path
        self.delivered: list[str] = []
        self.refused: dict[str, str] = {}
        self.not_sent: dict[str, str] = {}

    def run(
        self,
        ready: list[tuple[Letter, dict[str, bytes]]],
        pacing: Pacing,
        sleep: Callable[[float], None],
    ) -> None:
        if not ready:
            return
        try:
            smtp = open_session(self.config)
        except (smtplib.SMTPException, OSError) as exc:
            self.give_up([letter for letter, _ in ready], explain(exc, self.config))
            return
        try:
            for n, (letter, files) in enumerate(ready):
                if n and pacing.pause_s:
                    sleep(pacing.pause_s)
                try:
                    self.send_one(smtp, letter, files)
                except (smtplib.SMTPException, OSError) as exc:
                    self.give_up([left for left, _ in ready[n:]], explain(exc, self.config))
                    smtp.close()
                    return
        except BaseException:
            smtp.close()
            raise
        close_session(smtp)

    def send_one(self, smtp: smtplib.SMTP, letter: Letter, files: dict[str, bytes]) -> None:
        msg = build_letter(self.config, letter, files)
        data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
        sender = self.config.sender.addr_spec
        reply: bytes | str
        code, reply = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        code, reply = smtp.rcpt(letter.address)
        if code in (250, 251):
            try:
                code, reply = smtp.data(data)
            except smtplib.SMTPDataError as exc:  # DATA itself refused: this message only
                code, reply = exc.smtp_code, exc.smtp_error
        answer = _reply(code, reply)
        if code == 250:
            self.delivered.append(letter.shown)
            _note(self.path, self.config, letter, DELIVERED, answer, None, False, msg)
            logger.info(
                "%s",
                words.LOG_DELIVERED.format(address=letter.address, key=letter.key, reply=answer),
            )
            return
        smtp.rset()  # the next recipient starts a transaction of its own
        self.refused[letter.shown] = answer
        _note(self.path, self.config, letter, REFUSED, answer, None, False, msg)
        logger.error(
            "%s", words.LOG_REFUSED.format(address=letter.address, key=letter.key, reply=answer)
        )

    def give_up(self, left: list[Letter], reason: str) -> None:
        logger.error("%s", words.LOG_SESSION_FAILED.format(reason=reason, n=len(left)))
        for letter in left:
            self.not_sent[letter.shown] = reason
            _note(self.path, self.config, letter, NOT_SENT, None, reason, False)


def _checked_files(letter: Letter) -> tuple[dict[str, bytes], str]:
    """Each attachment's bytes, read once, and "" ; or why the letter cannot go: an attachment
    is gone or differs from its SHA-256."""
    files = {}
    for attachment in letter.attachments:
        try:
            data = attachment.path.read_bytes()
        except OSError:
            message = words.LOG_MISSING.format(file=attachment.path, address=letter.address)
            logger.error("%s", message)
            return {}, words.REASON_MISSING
        found = hashlib.sha256(data).hexdigest()
        if found != attachment.sha256:
            message = words.LOG_CHANGED.format(
                file=attachment.path,
                found=found[:12],
                expected=attachment.sha256[:12],
                address=letter.address,
            )
            logger.error("%s", message)
            return {}, words.REASON_CHANGED
        files[attachment.name] = data
    return files, ""


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {' '.join(text.split())}".strip()


def _note(
    path: Path,
    config: MailConfig,
    letter: Letter,
    result: str,
    reply: str | None,
    error: str | None,
    dry_run: bool,
    msg: Any = None,
) -> None:
    if dry_run:
        return
    entry = {
        "skickat": datetime.now().astimezone().isoformat(timespec="seconds"),
        "nyckel": letter.key,
        "adress": letter.address,
        "amne": str(msg["Subject"]) if msg is not None else letter.subject,
        "bilagor": attachments_of(letter),
        "server": config.server_address,
        "message_id": str(msg["Message-ID"]) if msg is not None else None,
        "resultat": result,
        "svar": reply,
        "fel": error,
        **letter.facts,
    }
    record(path, entry)


def _preview(config: MailConfig, folder: Path, letter: Letter, files: dict[str, bytes]) -> Path:
    path = folder / f"{safe_name(letter.key)} - {letter.address}.eml"
    write_atomically(path, build_letter(config, letter, files).as_bytes())
    return path
