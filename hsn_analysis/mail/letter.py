"""One personal message: to one person, a short Swedish text, the files it carries.

Names, roles and unit names come from the data and may hold anything; each becomes one line
of plain text before it reaches a header, so no value can add a header (a `Bcc:`) or a
recipient.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from hsn_analysis.mail.config import MailConfig

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with every control character and line break as a space, spaces single."""
    return " ".join(_CONTROL.sub(" ", text).split())


@dataclass(frozen=True)
class Attachment:
    """A file to attach, and the SHA-256 it must still have (as written or as its run recorded
    it): a file that differs is not sent."""

    path: Path
    sha256: str
    maintype: str
    subtype: str

    @property
    def name(self) -> str:
        """The file's name, as the attachment is called."""
        return self.path.name


@dataclass(frozen=True)
class Letter:
    """One message to one person. `key` says whose it is (the role, or the unit's id) and,
    with the address and the attachments' SHA-256, what the record remembers."""

    key: str
    name: str  # the person's name ("" when the data has none)
    address: str  # addr-spec, checked when the data was read
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    facts: Mapping[str, str] = field(default_factory=dict)  # more for the record: deadline …

    @property
    def shown(self) -> str:
        """`Folkhälsostrateg <sara@region.se>`, as logs and the record name the recipient."""
        return f"{one_line(self.key)} <{self.address}>"


def build_letter(config: MailConfig, letter: Letter, files: Mapping[str, bytes]) -> EmailMessage:
    """The message of `letter`, carrying `files` (name → the bytes checked against the record)."""
    msg = EmailMessage()
    msg["Subject"] = one_line(letter.subject)
    msg["From"] = config.sender
    username, _, domain = letter.address.rpartition("@")
    msg["To"] = Address(one_line(letter.name), username, domain)
    if config.reply_to is not None:
        msg["Reply-To"] = config.reply_to
    msg["Date"] = format_datetime(datetime.now().astimezone())
    msg["Message-ID"] = make_msgid(domain=config.sender.domain)
    # RFC 3834: a machine sent this, so out-of-office replies are not sent back to it.
    msg["Auto-Submitted"] = "auto-generated"
    # Quoted-printable: a relay without 8BITMIME takes it as it is.
    msg.set_content(letter.body, cte="quoted-printable")
    for attachment in letter.attachments:
        msg.add_attachment(
            files[attachment.name],
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=attachment.name,
        )
    msg["Content-Language"] = "sv"
    return msg
