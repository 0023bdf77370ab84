"""The record of the tertial's personal mail: one entry per recipient and attempt, kept in the
period's folder (`utskick-formular-2026-T1.json` beside the forms, `utskick-enheter-2025-T2.json`
beside the units' reports).

Each entry says who (the role or unit, and the address), what (each attachment's name and
SHA-256), when, and what the server answered. It is what a rerun reads to send only what has
not been delivered, and what a person reads to see who did not get theirs.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from hsn_analysis.mail.letter import Letter
from hsn_analysis.mail.send import DELIVERED, append_to_mail_log
from hsn_analysis.periods import Period


class Kind(StrEnum):
    """What a sending carries; the record's file is named after it."""

    FORMS = "formular"
    REMINDERS = "paminnelser"
    UNIT_REPORTS = "enheter"


def ledger_path(folder: Path, kind: Kind, period: Period) -> Path:
    """`folder/utskick-formular-2026-T1.json`."""
    return folder / f"utskick-{kind.value}-{period.code}.json"


def read_entries(path: Path) -> list[dict[str, Any]]:
    """Every entry so far (none when there is no record yet)."""
    if not path.exists():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def record(path: Path, entry: dict[str, Any]) -> None:
    """Add one entry, the file replaced atomically (a crash keeps every earlier entry)."""
    append_to_mail_log(path, entry)


def attachments_of(letter: Letter) -> list[dict[str, str]]:
    """The attachments as the record lists them."""
    return [{"fil": a.name, "sha256": a.sha256} for a in letter.attachments]


def _same_recipient(entry: dict[str, Any], letter: Letter) -> bool:
    return (
        entry.get("resultat") == DELIVERED
        and entry.get("nyckel") == letter.key
        and str(entry.get("adress", "")).lower() == letter.address.lower()
    )


def already_delivered(entries: list[dict[str, Any]], letter: Letter) -> bool:
    """Whether this person has been delivered exactly these files (by name and SHA-256)."""
    files = attachments_of(letter)
    return any(_same_recipient(e, letter) and e.get("bilagor") == files for e in entries)


def delivered_on(entries: list[dict[str, Any]], letter: Letter, day: date) -> bool:
    """Whether this person was delivered a message of this kind on `day`: the entry's `dag`
    (the day the command counted as today), else the local date it was sent."""
    for entry in entries:
        if not _same_recipient(entry, letter):
            continue
        try:
            sent = (
                date.fromisoformat(str(entry["dag"]))
                if entry.get("dag")
                else datetime.fromisoformat(str(entry.get("skickat"))).astimezone().date()
            )
        except ValueError:
            continue
        if sent == day:
            return True
    return False


def last_value(entries: list[dict[str, Any]], key: str, name: str) -> str | None:
    """The latest delivered entry's `name` for `key` (e.g. the deadline a form was sent with)."""
    for entry in reversed(entries):
        if entry.get("resultat") == DELIVERED and entry.get("nyckel") == key and entry.get(name):
            return str(entry[name])
    return None
