"""The recipient file's keys and how its problems are told: which keys it may have, a password
key refused wherever it stands, a misspelt key named with the one meant, and each bad or missing
value quoted (shortened, control characters hidden) with the file and the key."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from hsn_analysis.words import messages

TOP_KEYS = ("avsandare", "mottagare", "amne", "svara_till", "bilaga", "smtp", "utskick")
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
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SHOWN_VALUE = 80  # characters of a bad value quoted in a message


def show(value: object) -> str:
    """A value as the user wrote it in TOML: text in quotes, true/false, lists in brackets."""
    if isinstance(value, str):
        text = f"'{_CONTROL.sub(' ', value)}'"
    else:  # JSON writes numbers, true/false and lists as TOML does
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN_VALUE else text[: _SHOWN_VALUE - 1] + "…"


class FileProblems:
    """Collects the problems of one recipient file while it is checked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = str(path)
        self.problems: list[str] = []

    def value_problem(self, key: str, value: object, hint: str) -> None:
        """Note a bad value (the check then returns None)."""
        self.problems.append(
            messages.MAIL_CFG_VALUE.format(file=self.file, key=key, value=show(value), hint=hint)
        )

    def missing(self, key: str, hint: str) -> None:
        self.problems.append(messages.MAIL_CFG_MISSING.format(file=self.file, key=key, hint=hint))

    def text(self, key: str, value: object, hint: str = messages.MAIL_HINT_TEXT) -> str | None:
        """One line of text, stripped; None (and a problem) for anything else."""
        if not isinstance(value, str) or not value.strip():
            self.value_problem(key, value, hint)
            return None
        if _CONTROL.search(value):
            self.value_problem(key, value, messages.MAIL_HINT_ONE_LINE)
            return None
        return value.strip()


def password_keys(p: FileProblems, table: dict[str, Any], prefix: str, variable: str) -> None:
    """A key that names a password is refused, in any table: the password is never in the file."""
    for key, value in table.items():
        if key.strip().lower() in PASSWORD_KEYS:
            where = {"file": p.file, "key": prefix + key, "variable": variable}
            p.problems.append(messages.MAIL_CFG_PASSWORD_KEY.format(**where))
        elif isinstance(value, dict):
            password_keys(p, value, f"{prefix}{key}.", variable)


def unknown_keys(p: FileProblems, table: dict[str, Any], prefix: str) -> None:
    """A key the file may not have, with the key meant or the table it belongs in."""
    known, elsewhere = (SMTP_KEYS, TOP_KEYS) if prefix else (TOP_KEYS, SMTP_KEYS)
    where = messages.MAIL_CFG_UNKNOWN_SMTP if prefix else messages.MAIL_CFG_UNKNOWN_TOP
    for key in table:
        if key in known or key.strip().lower() in PASSWORD_KEYS:
            continue
        if key in elsewhere:
            hint = messages.MAIL_CFG_BELONGS_ON_TOP if prefix else messages.MAIL_CFG_BELONGS_IN_SMTP
        else:
            close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.7)
            hint = messages.MAIL_CFG_DID_YOU_MEAN.format(name=close[0]) if close else ""
        hint += messages.MAIL_CFG_UNKNOWN_KNOWN.format(where=where, known=", ".join(known))
        p.problems.append(
            messages.MAIL_CFG_UNKNOWN.format(file=p.file, key=prefix + key, hint=hint)
        )
