"""`[utskick]` of the recipient file: how fast the personal mail goes out.

A region's relay throttles a sender that hands it a hundred messages at once; a pause between
messages and a cap per run keep us under its limit. What the cap holds back is sent by the next
run (the record knows what has gone).

```toml
[utskick]
paus_s = 2              # seconds between two messages (default 2)
max_per_korning = 200   # messages per run at most (default 200)
```
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hsn_analysis.mail.config import MailConfigError
from hsn_analysis.words import mail_cycle as words
from hsn_analysis.words import messages

TABLE = "utskick"
DEFAULT_PAUSE_S = 2.0
DEFAULT_CAP = 200
KEYS = ("paus_s", "max_per_korning")


@dataclass(frozen=True)
class Pacing:
    """Seconds between two messages, and the messages one run sends at most."""

    pause_s: float = DEFAULT_PAUSE_S
    cap: int = DEFAULT_CAP


def load_pacing(path: Path) -> Pacing:
    """`[utskick]` of the recipient file (the defaults without it).

    Call after `load_mail_config` has accepted the file. Raises MailConfigError with every
    problem of the table.
    """
    data = tomllib.loads(Path(path).read_bytes().decode("utf-8-sig"))
    table = data.get(TABLE, {})
    file = str(path)
    if not isinstance(table, dict):
        raise MailConfigError([_value(file, TABLE, table, words.PACING_HINT_TABLE)])
    problems = [
        messages.MAIL_CFG_UNKNOWN.format(
            file=file,
            key=f"{TABLE}.{key}",
            hint=messages.MAIL_CFG_UNKNOWN_KNOWN.format(
                where=words.PACING_UNKNOWN_WHERE, known=", ".join(KEYS)
            ),
        )
        for key in table
        if key not in KEYS
    ]
    pause = table.get("paus_s", DEFAULT_PAUSE_S)
    if not _number(pause) or pause < 0:
        problems.append(_value(file, "utskick.paus_s", pause, words.PACING_HINT_PAUSE))
    cap = table.get("max_per_korning", DEFAULT_CAP)
    if not isinstance(cap, int) or isinstance(cap, bool) or cap < 1:
        problems.append(_value(file, "utskick.max_per_korning", cap, words.PACING_HINT_CAP))
    if problems:
        raise MailConfigError(problems)
    return Pacing(float(pause), int(cap))


def _number(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value == value
        and value != float("inf")
    )


def _value(file: str, key: str, value: Any, hint: str) -> str:
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return messages.MAIL_CFG_VALUE.format(file=file, key=key, value=shown, hint=hint)
