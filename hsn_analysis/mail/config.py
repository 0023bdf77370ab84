"""The recipient file of the mail (`mottagare.toml`): who gets the report and through which server.

Every problem of the file is found at once and reported in Swedish with the file, the key and the
value, so a user fixes the file in one go. The SMTP password is never in the file: it is read from
an environment variable and kept out of `repr()`. This module reads the TOML and puts the checked
parts together: the keys (`config_file`), the addresses (`addresses`), the subject and
attachments (`message_settings`) and the server (`smtp_settings`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from pathlib import Path
from typing import Any

from hsn_analysis.mail import addresses, message_settings, smtp_settings
from hsn_analysis.mail.config_file import FileProblems, password_keys, unknown_keys
from hsn_analysis.mail.message_settings import ATTACHMENT_CHOICES
from hsn_analysis.mail.smtp_settings import DEFAULT_PORTS, DEFAULT_TIMEOUT_S
from hsn_analysis.words import labels, messages


class MailConfigError(Exception):
    """The recipient file cannot be used; `problems` lists every problem found, in Swedish."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class MailConfig:
    """A checked recipient file. `password` comes from the environment and is never shown."""

    source: Path
    sender: Address
    recipients: tuple[Address, ...]
    subject_template: str
    reply_to: Address | None
    server: str
    port: int
    security: str  # one of smtp_settings.SECURITY_MODES
    username: str | None
    password_variable: str
    timeout_s: float
    ca_file: Path | None
    password: str | None = field(default=None, repr=False)
    attachments: tuple[str, ...] = ATTACHMENT_CHOICES["båda"]

    @property
    def server_address(self) -> str:
        """`smtp.region.se:587`, as messages and the mail log name the server."""
        host = f"[{self.server}]" if ":" in self.server else self.server
        return f"{host}:{self.port}"


def load_mail_config(path: Path, environ: Mapping[str, str] = os.environ) -> MailConfig:
    """Read and check the recipient file; the password is read from `environ`.

    Raises MailConfigError with every problem of the file.
    """
    path = Path(path)
    data = _read_toml(path)
    problems = FileProblems(path)
    config = _check(problems, data, environ)
    if problems.problems or config is None:
        raise MailConfigError(problems.problems)
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    file = str(path)
    try:
        # Notepad may save a byte order mark; TOML has no use for it.
        return tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        message = messages.MAIL_CFG_NO_FILE.format(file=file)
    except OSError as exc:
        message = messages.MAIL_CFG_UNREADABLE.format(file=file, reason=exc.strerror or exc)
    except UnicodeDecodeError as exc:
        message = messages.MAIL_CFG_NOT_UTF8.format(file=file, offset=exc.start + 1)
    except tomllib.TOMLDecodeError as exc:
        message = messages.MAIL_CFG_TOML.format(file=file, detail=exc)
    raise MailConfigError([message])


def _check(p: FileProblems, data: dict[str, Any], environ: Mapping[str, str]) -> MailConfig | None:
    """Every part of the file checked, each problem noted in `p`; None if any."""
    smtp = data.get("smtp")
    if smtp is not None and not isinstance(smtp, dict):
        p.value_problem("smtp", smtp, messages.MAIL_HINT_TABLE)
        smtp = None
    smtp_table = smtp or {}
    variable = smtp_settings.password_variable(p, smtp_table)
    password_keys(p, data, "", variable)
    unknown_keys(p, data, "")
    unknown_keys(p, smtp_table, "smtp.")

    sender = addresses.address(p, "avsandare", data.get("avsandare"), messages.MAIL_HINT_SENDER)
    recipients = addresses.recipients(p, data.get("mottagare"))
    reply_to = None
    if "svara_till" in data:
        reply_to = addresses.address(p, "svara_till", data["svara_till"], messages.MAIL_HINT_SENDER)
    subject = message_settings.subject(p, data.get("amne", labels.MAIL_SUBJECT_DEFAULT))
    attachments = message_settings.attachments(p, data.get("bilaga", "båda"))
    if smtp is None:  # missing, or not a table (reported above)
        if "smtp" not in data:
            p.missing("[smtp]", messages.MAIL_HINT_SMTP)
        return None
    server = smtp_settings.server(p, smtp.get("server"))
    security = smtp_settings.security(p, smtp.get("sakerhet"))
    if "port" in smtp:
        port = smtp_settings.port(p, smtp["port"])
    else:
        port = DEFAULT_PORTS.get(security or "")
    username = smtp_settings.username(p, smtp)
    timeout = smtp_settings.timeout(p, smtp.get("tidsgrans_s", DEFAULT_TIMEOUT_S))
    ca_file = smtp_settings.ca_file(p, smtp["ca_fil"]) if "ca_fil" in smtp else None
    password = smtp_settings.password(p, environ, username, variable)
    if (
        p.problems
        or sender is None
        or recipients is None
        or subject is None
        or server is None
        or security is None
        or port is None
        or timeout is None
        or attachments is None
    ):
        return None
    return MailConfig(
        source=p.path,
        sender=sender,
        recipients=recipients,
        subject_template=subject,
        reply_to=reply_to,
        server=server,
        port=port,
        security=security,
        username=username,
        password_variable=variable,
        timeout_s=timeout,
        ca_file=ca_file,
        password=password,
        attachments=attachments,
    )
