"""The `[smtp]` table of the recipient file: server, port, security, timeout, the CA file, and
the user with the password read from an environment variable (never from the file, never shown).
"""

from __future__ import annotations

import re
import ssl
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hsn_analysis.mail.config_file import FileProblems, show
from hsn_analysis.words import messages

SECURITY_MODES = ("starttls", "ssl", "ingen")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "ingen": 25}
DEFAULT_PASSWORD_VARIABLE = "HSN_SMTP_LOSENORD"
DEFAULT_TIMEOUT_S = 30.0
# Upper case only, as environment variables are named: a mixed-case word is more likely a
# password typed in the wrong place than a variable's name.
_VARIABLE = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def server(p: FileProblems, value: object) -> str | None:
    """The server's host name or IP address, without scheme, port or path."""
    if value is None:
        p.missing("smtp.server", messages.MAIL_HINT_SERVER)
        return None
    text = p.text("smtp.server", value, messages.MAIL_HINT_SERVER)
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
    p.value_problem("smtp.server", value, hint)
    return None


def security(p: FileProblems, value: object) -> str | None:
    """`starttls`, `ssl` or `ingen`."""
    if value is None:
        p.missing("smtp.sakerhet", messages.MAIL_HINT_SECURITY)
        return None
    mode = value.strip().lower() if isinstance(value, str) else None
    if mode not in SECURITY_MODES:
        p.value_problem("smtp.sakerhet", value, messages.MAIL_HINT_SECURITY)
        return None
    return mode


def port(p: FileProblems, value: object) -> int | None:
    """A port number (1-65535)."""
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 65535:
        p.value_problem("smtp.port", value, messages.MAIL_HINT_PORT)
        return None
    return value


def timeout(p: FileProblems, value: object) -> float | None:
    """Seconds to wait for the server: a positive finite number."""
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not 0 < value < float("inf")  # nan, inf: TOML
    ):
        p.value_problem("smtp.tidsgrans_s", value, messages.MAIL_HINT_TIMEOUT)
        return None
    return float(value)


def password_variable(p: FileProblems, smtp: dict[str, Any]) -> str:
    """The environment variable's name holding the password (default if unusable)."""
    value = smtp.get("losenord_variabel", DEFAULT_PASSWORD_VARIABLE)
    if isinstance(value, str) and _VARIABLE.match(value):
        return value
    # Never echoed: what stands where a variable's name belongs may be the password itself.
    p.problems.append(
        messages.MAIL_CFG_VARIABLE_HIDDEN.format(
            file=p.file, key="smtp.losenord_variabel", hint=messages.MAIL_HINT_VARIABLE
        )
    )
    return DEFAULT_PASSWORD_VARIABLE


def username(p: FileProblems, smtp: dict[str, Any]) -> str | None:
    """The user to log in as (ASCII), or None when the server takes mail without one."""
    if "anvandare" not in smtp:
        return None
    user = p.text("smtp.anvandare", smtp["anvandare"], messages.MAIL_HINT_USER)
    if user is not None and not user.isascii():  # smtplib sends AUTH as ASCII
        p.value_problem("smtp.anvandare", user, messages.MAIL_HINT_USER_ASCII)
        return None
    return user


def password(
    p: FileProblems, environ: Mapping[str, str], username: str | None, variable: str
) -> str | None:
    """The password from `environ` when a user is given; ASCII, as smtplib sends it."""
    if username is None:
        return None
    password = environ.get(variable, "")
    if password and password.isascii():
        return password
    # smtplib sends AUTH as ASCII: any other character would fail only at sending time.
    template = messages.MAIL_CFG_PASSWORD_NOT_ASCII if password else messages.MAIL_CFG_NO_PASSWORD
    where = {"file": p.file, "user": show(username), "variable": variable}
    p.problems.append(template.format(**where))
    return None


def ca_file(p: FileProblems, value: object) -> Path | None:
    """A readable CA file (relative paths from the recipient file's folder)."""
    text = p.text("smtp.ca_fil", value)
    if text is None:
        return None
    # A relative path is read from the recipient file's folder, wherever the run starts.
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = p.path.parent / path
    if not path.is_file():
        p.value_problem("smtp.ca_fil", value, messages.MAIL_HINT_CA_MISSING)
        return None
    try:
        ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc.__class__.__name__
        p.value_problem("smtp.ca_fil", value, messages.MAIL_HINT_CA_BAD.format(reason=reason))
        return None
    return path
