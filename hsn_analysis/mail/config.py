"""The recipient file of the mail (`mottagare.toml`): who gets the report and through which server.

Every problem of the file is found at once and reported in Swedish with the file, the key and the
value, so a user fixes the file in one go. The SMTP password is never in the file: it is read from
an environment variable and kept out of `repr()`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import ssl
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email import policy
from email.errors import NonASCIILocalPartDefect
from email.headerregistry import Address
from pathlib import Path
from typing import Any

from hsn_analysis.words import labels, messages

SECURITY_MODES = ("starttls", "ssl", "ingen")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "ingen": 25}
DEFAULT_PASSWORD_VARIABLE = "HSN_SMTP_LOSENORD"
DEFAULT_TIMEOUT_S = 30.0
TOP_KEYS = ("avsandare", "mottagare", "amne", "svara_till", "bilaga", "smtp")
# `bilaga`: which files of the report are attached (the HTML, the PDF/A or both).
ATTACHMENT_CHOICES = {"html": ("html",), "pdf": ("pdf",), "båda": ("html", "pdf")}
SMTP_KEYS = (
    "server",
    "port",
    "sakerhet",
    "anvandare",
    "losenord_variabel",
    "tidsgrans_s",
    "ca_fil",
)
# Any of these as a key means someone tried to put the password in the file.
PASSWORD_KEYS = frozenset(
    {"losenord", "lösenord", "losen", "lösen", "password", "passwd", "pass", "pwd", "secret"}
)
# Upper case only, as environment variables are named: a mixed-case word is more likely a
# password typed in the wrong place than a variable's name.
_VARIABLE = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SHOWN_VALUE = 80  # characters of a bad value quoted in a message


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
    security: str  # one of SECURITY_MODES
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
    checker = _Checker(path, environ)
    config = checker.check(data)
    if checker.problems or config is None:
        raise MailConfigError(checker.problems)
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


def _show(value: object) -> str:
    """A value as the user wrote it in TOML: text in quotes, true/false, lists in brackets."""
    if isinstance(value, str):
        text = f"'{_CONTROL.sub(' ', value)}'"
    else:  # JSON writes numbers, true/false and lists as TOML does
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN_VALUE else text[: _SHOWN_VALUE - 1] + "…"


class _Checker:
    """Collects the problems of one file while reading it."""

    def __init__(self, path: Path, environ: Mapping[str, str]) -> None:
        self.path = path
        self.file = str(path)
        self.environ = environ
        self.problems: list[str] = []

    def value_problem(self, key: str, value: object, hint: str) -> None:
        """Note a bad value (the check then returns None)."""
        self.problems.append(
            messages.MAIL_CFG_VALUE.format(file=self.file, key=key, value=_show(value), hint=hint)
        )

    def missing(self, key: str, hint: str) -> None:
        self.problems.append(messages.MAIL_CFG_MISSING.format(file=self.file, key=key, hint=hint))

    def check(self, data: dict[str, Any]) -> MailConfig | None:
        smtp = data.get("smtp")
        if smtp is not None and not isinstance(smtp, dict):
            self.value_problem("smtp", smtp, messages.MAIL_HINT_TABLE)
            smtp = None
        smtp_table = smtp or {}
        variable = self.password_variable(smtp_table)
        self.password_keys(data, "", variable)
        self.unknown_keys(data, "")
        self.unknown_keys(smtp_table, "smtp.")

        sender = self.address("avsandare", data.get("avsandare"), messages.MAIL_HINT_SENDER)
        recipients = self.recipients(data.get("mottagare"))
        reply_to = None
        if "svara_till" in data:
            reply_to = self.address("svara_till", data["svara_till"], messages.MAIL_HINT_SENDER)
        subject = self.subject(data.get("amne", labels.MAIL_SUBJECT_DEFAULT))
        attachments = self.attachments(data.get("bilaga", "båda"))
        if smtp is None:  # missing, or not a table (reported above)
            if "smtp" not in data:
                self.missing("[smtp]", messages.MAIL_HINT_SMTP)
            return None
        server = self.server(smtp.get("server"))
        security = self.security(smtp.get("sakerhet"))
        port = self.port(smtp["port"]) if "port" in smtp else DEFAULT_PORTS.get(security or "")
        username = self.username(smtp)
        timeout = self.timeout(smtp.get("tidsgrans_s", DEFAULT_TIMEOUT_S))
        ca_file = self.ca_file(smtp["ca_fil"]) if "ca_fil" in smtp else None
        password = self.password(username, variable)
        if (
            self.problems
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
            source=self.path,
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

    # --- keys ---

    def password_keys(self, table: dict[str, Any], prefix: str, variable: str) -> None:
        for key, value in table.items():
            if key.strip().lower() in PASSWORD_KEYS:
                where = {"file": self.file, "key": prefix + key, "variable": variable}
                self.problems.append(messages.MAIL_CFG_PASSWORD_KEY.format(**where))
            elif isinstance(value, dict):
                self.password_keys(value, f"{prefix}{key}.", variable)

    def unknown_keys(self, table: dict[str, Any], prefix: str) -> None:
        known, elsewhere = (SMTP_KEYS, TOP_KEYS) if prefix else (TOP_KEYS, SMTP_KEYS)
        where = messages.MAIL_CFG_UNKNOWN_SMTP if prefix else messages.MAIL_CFG_UNKNOWN_TOP
        for key in table:
            if key in known or key.strip().lower() in PASSWORD_KEYS:
                continue
            if key in elsewhere:
                hint = (
                    messages.MAIL_CFG_BELONGS_ON_TOP
                    if prefix
                    else messages.MAIL_CFG_BELONGS_IN_SMTP
                )
            else:
                close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.7)
                hint = messages.MAIL_CFG_DID_YOU_MEAN.format(name=close[0]) if close else ""
            hint += messages.MAIL_CFG_UNKNOWN_KNOWN.format(where=where, known=", ".join(known))
            self.problems.append(
                messages.MAIL_CFG_UNKNOWN.format(file=self.file, key=prefix + key, hint=hint)
            )

    # --- values ---

    def text(self, key: str, value: object, hint: str = messages.MAIL_HINT_TEXT) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.value_problem(key, value, hint)
            return None
        if _CONTROL.search(value):
            self.value_problem(key, value, messages.MAIL_HINT_ONE_LINE)
            return None
        return value.strip()

    def address(self, key: str, value: object, hint: str) -> Address | None:
        if value is None:
            self.missing(key, hint)
            return None
        text = self.text(key, value, hint)
        if text is None:
            return None
        address, problem = parse_address(text)
        if problem:
            self.value_problem(key, value, problem)
        return address

    def recipients(self, value: object) -> tuple[Address, ...] | None:
        if value is None:
            self.missing("mottagare", messages.MAIL_HINT_RECIPIENTS)
            return None
        items = [value] if isinstance(value, str) else value  # one address needs no list
        if not isinstance(items, list):
            self.value_problem("mottagare", value, messages.MAIL_HINT_RECIPIENT_LIST)
            return None
        if not items:
            self.value_problem("mottagare", value, messages.MAIL_HINT_RECIPIENTS_EMPTY)
            return None
        found: dict[str, tuple[int, Address]] = {}  # lower-case addr-spec → (post, address)
        before = len(self.problems)
        for n, item in enumerate(items, start=1):
            address = self.address(f"mottagare (post {n})", item, messages.MAIL_HINT_ADDRESS)
            key = address.addr_spec.lower() if address else ""
            if address and key in found:
                duplicate = {"address": address.addr_spec, "first": found[key][0], "second": n}
                self.problems.append(
                    messages.MAIL_CFG_DUPLICATE.format(file=self.file, **duplicate)
                )
            elif address:
                found[key] = (n, address)
        ok = len(self.problems) == before
        return tuple(address for _, address in found.values()) if ok else None

    def subject(self, value: object) -> str | None:
        before = len(self.problems)
        hint = (
            messages.MAIL_HINT_SUBJECT_EMPTY if isinstance(value, str) else messages.MAIL_HINT_TEXT
        )
        text = self.text("amne", value, hint)
        if text is None:
            return None
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError:  # a lone { or }
            reason = messages.MAIL_SUBJECT_BRACE_REASON
            self.value_problem(
                "amne", value, messages.MAIL_HINT_SUBJECT_BRACES.format(reason=reason)
            )
            return None
        names = [name for _, name, _, _ in parsed if name is not None]
        unknown = dict.fromkeys(n for n in names if n not in labels.MAIL_SUBJECT_FIELDS)
        for name in unknown:
            self.value_problem("amne", value, messages.MAIL_HINT_SUBJECT_FIELD.format(name=name))
        # A conversion or format spec ("{ar:d}") could fail on the real values.
        if not unknown and any(spec or conv for _, name, spec, conv in parsed if name is not None):
            self.value_problem("amne", value, messages.MAIL_HINT_SUBJECT_FORMAT)
        return None if len(self.problems) > before else text

    def server(self, value: object) -> str | None:
        if value is None:
            self.missing("smtp.server", messages.MAIL_HINT_SERVER)
            return None
        text = self.text("smtp.server", value, messages.MAIL_HINT_SERVER)
        if text is None:
            return None
        if "://" in text:
            hint = messages.MAIL_HINT_SERVER_SCHEME.format(scheme=text.split("://")[0] + "://")
        elif text.count(":") == 1:  # host:port; an IPv6 address has several colons
            hint = messages.MAIL_HINT_SERVER_PORT.format(port=text.rsplit(":", 1)[1])
        elif any(c.isspace() or c in "/@" for c in text):
            hint = messages.MAIL_HINT_SERVER
        else:
            return text.strip("[]")
        self.value_problem("smtp.server", value, hint)
        return None

    def attachments(self, value: object) -> tuple[str, ...] | None:
        word = value.strip().lower().replace("bada", "båda") if isinstance(value, str) else None
        if word is None or word not in ATTACHMENT_CHOICES:
            self.value_problem("bilaga", value, messages.MAIL_HINT_ATTACHMENT)
            return None
        return ATTACHMENT_CHOICES[word]

    def security(self, value: object) -> str | None:
        if value is None:
            self.missing("smtp.sakerhet", messages.MAIL_HINT_SECURITY)
            return None
        mode = value.strip().lower() if isinstance(value, str) else None
        if mode not in SECURITY_MODES:
            self.value_problem("smtp.sakerhet", value, messages.MAIL_HINT_SECURITY)
            return None
        return mode

    def port(self, value: object) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 65535:
            self.value_problem("smtp.port", value, messages.MAIL_HINT_PORT)
            return None
        return value

    def timeout(self, value: object) -> float | None:
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not 0 < value < float("inf")  # nan, inf: TOML
        ):
            self.value_problem("smtp.tidsgrans_s", value, messages.MAIL_HINT_TIMEOUT)
            return None
        return float(value)

    def password_variable(self, smtp: dict[str, Any]) -> str:
        value = smtp.get("losenord_variabel", DEFAULT_PASSWORD_VARIABLE)
        if isinstance(value, str) and _VARIABLE.match(value):
            return value
        # Never echoed: what stands where a variable's name belongs may be the password itself.
        self.problems.append(
            messages.MAIL_CFG_VARIABLE_HIDDEN.format(
                file=self.file, key="smtp.losenord_variabel", hint=messages.MAIL_HINT_VARIABLE
            )
        )
        return DEFAULT_PASSWORD_VARIABLE

    def username(self, smtp: dict[str, Any]) -> str | None:
        if "anvandare" not in smtp:
            return None
        user = self.text("smtp.anvandare", smtp["anvandare"], messages.MAIL_HINT_USER)
        if user is not None and not user.isascii():  # smtplib sends AUTH as ASCII
            self.value_problem("smtp.anvandare", user, messages.MAIL_HINT_USER_ASCII)
            return None
        return user

    def password(self, username: str | None, variable: str) -> str | None:
        if username is None:
            return None
        password = self.environ.get(variable, "")
        if password and password.isascii():
            return password
        # smtplib sends AUTH as ASCII: any other character would fail only at sending time.
        template = (
            messages.MAIL_CFG_PASSWORD_NOT_ASCII if password else messages.MAIL_CFG_NO_PASSWORD
        )
        where = {"file": self.file, "user": _show(username), "variable": variable}
        self.problems.append(template.format(**where))
        return None

    def ca_file(self, value: object) -> Path | None:
        text = self.text("smtp.ca_fil", value)
        if text is None:
            return None
        # A relative path is read from the recipient file's folder, wherever the run starts.
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.path.parent / path
        if not path.is_file():
            self.value_problem("smtp.ca_fil", value, messages.MAIL_HINT_CA_MISSING)
            return None
        try:
            ssl.create_default_context(cafile=str(path))
        except (ssl.SSLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc.__class__.__name__
            self.value_problem(
                "smtp.ca_fil", value, messages.MAIL_HINT_CA_BAD.format(reason=reason)
            )
            return None
        return path


def parse_address(text: str) -> tuple[Address | None, str | None]:
    """One mailbox (`Anna <anna@region.se>` or `anna@region.se`) and a problem hint, if any.

    A non-ASCII domain is written in its IDNA form; a non-ASCII local part is refused because it
    would need SMTPUTF8, which the board's server is not assumed to offer.
    """
    try:
        header = policy.default.header_factory("to", text)
        addresses = list(header.addresses)
        defects = list(header.defects)
    except Exception:  # the header parser fails on some malformed input ("anna@")
        return None, messages.MAIL_HINT_ADDRESS
    if len(addresses) > 1:
        return None, messages.MAIL_HINT_ADDRESS_MANY
    if len(addresses) != 1:
        return None, messages.MAIL_HINT_ADDRESS
    address = addresses[0]
    if not address.username and "@" in text and not text.split("@")[0].strip(' "<'):
        return None, messages.MAIL_HINT_ADDRESS_LOCAL
    if any(not isinstance(d, NonASCIILocalPartDefect) for d in defects):
        return None, messages.MAIL_HINT_ADDRESS
    if not address.username:
        return None, messages.MAIL_HINT_ADDRESS_LOCAL
    if not address.username.isascii():
        chars = "".join(dict.fromkeys(c for c in address.username if not c.isascii()))
        return None, messages.MAIL_HINT_ADDRESS_ASCII.format(chars=chars)
    domain = address.domain
    if "." not in domain.strip(".") or domain.startswith("["):
        return None, messages.MAIL_HINT_ADDRESS_DOMAIN
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None, messages.MAIL_HINT_ADDRESS_IDNA
    return Address(address.display_name, address.username, domain.lower()), None
