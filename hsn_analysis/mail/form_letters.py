"""The letters of the tertial's forms: each owner's (or unit chief's) own form, and a reminder
naming what is still missing. Who gets what comes from the data (`ansvariga`, `enheter.e_post`).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms.content import FormContent, IndicatorRow, SubgoalRow, UnitIndicatorRow
from hsn_analysis.forms.outstanding import Outstanding
from hsn_analysis.forms.template import swedish_date
from hsn_analysis.mail.config import MailConfig
from hsn_analysis.mail.ledger import last_value
from hsn_analysis.mail.letter import Attachment, Letter
from hsn_analysis.periods import Period
from hsn_analysis.reading.contacts import role_key
from hsn_analysis.words import forms as form_words
from hsn_analysis.words import mail_cycle as words

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def form_key(content: FormContent) -> str:
    """Whose form it is, as the record names it: the unit's id, or the role."""
    return content.unit_id or content.owner or form_words.WHOLE_PLAN


def people_of(dataset: Dataset, content: FormContent) -> list[tuple[str, str]]:
    """(name, address) of everyone who gets `content`'s form: the unit's chief, or each person
    of the role; none when the data has no address for it."""
    if content.unit_id:
        return people_of_unit(dataset, content.unit_id)
    owners = dataset.owners
    if content.owner is None or owners.empty:
        return []
    key = role_key(content.owner)
    mine = owners[owners["ansvarig"].map(role_key) == key]
    return [(n, a) for n, a in zip(mine["namn"], mine["e_post"], strict=True) if a]


def people_of_unit(dataset: Dataset, unit_id: str) -> list[tuple[str, str]]:
    """(name, address) of the unit's chief (`e_post` of `enheter`; no name in the data)."""
    units = dataset.units
    if "e_post" not in units:
        return []
    row = units[units["enhet_id"] == unit_id]
    return [("", a) for a in row["e_post"] if a]


def sha256_of(path: Path) -> str:
    """The file's SHA-256, as the record keeps it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _deadline(day: date | None) -> str:
    return words.DEADLINE.format(date=swedish_date(day)) if day else words.DEADLINE_NONE


def _owner(content: FormContent) -> str:
    return content.owner or form_words.WHOLE_PLAN


def _common(dataset: Dataset, period: Period, config: MailConfig) -> dict[str, Any]:
    return {
        "board": dataset.settings.board_name,
        "year": dataset.plan_for(period.year).settings.year,  # the plan the forms ask about
        "period": period.label,
        "sender": config.reply_to or config.sender,
    }


def _body(name: str, text: str, config: MailConfig) -> str:
    greeting = words.GREETING.format(name=name) if name else words.GREETING_ANONYMOUS
    signature = words.SIGNATURE.format(sender=(config.reply_to or config.sender).addr_spec)
    return f"{greeting}\n\n{text}\n\n{signature}\n"


def form_letters(
    dataset: Dataset,
    config: MailConfig,
    contents: list[FormContent],
    paths: list[Path],
    deadline: date | None,
) -> tuple[list[Letter], list[FormContent]]:
    """One letter per person of each form (the file attached, its SHA-256 as written), and the
    forms nobody has an address for."""
    letters, nobody = [], []
    for content, path in zip(contents, paths, strict=True):
        people = people_of(dataset, content)
        if not people:
            nobody.append(content)
            continue
        owner = _owner(content)
        rows = words.FORM_ROWS.format(
            subgoals=len(content.subgoals), indicators=len(content.indicators)
        )
        text = words.FORM_BODY.format(
            **_common(dataset, content.period, config),
            owner=owner,
            rows=rows,
            sheets=f"{form_words.SHEET_SUBGOALS} och {form_words.SHEET_INDICATORS}",
            deadline=_deadline(deadline),
        )
        attachment = Attachment(path, sha256_of(path), *XLSX)
        subject = words.SUBJECT_FORM.format(period=content.period.label, owner=owner)
        facts = {"senast": deadline.isoformat()} if deadline else {}
        letters += [
            Letter(form_key(content), n, a, subject, _body(n, text, config), (attachment,), facts)
            for n, a in people
        ]
    return letters, nobody


def _missing_lines(item: Outstanding) -> str:
    if not item.returned:
        rows = words.FORM_ROWS.format(subgoals=len(item.subgoals), indicators=len(item.indicators))
        return words.MISSING_FORM.format(rows=rows)
    lines = []
    row: SubgoalRow | IndicatorRow | UnitIndicatorRow
    for row in item.subgoals:
        lines.append(words.MISSING_ROW.format(what="Delmål", id=row.subgoal_id, name=row.name))
    for row in item.indicators:
        lines.append(words.MISSING_ROW.format(what="Indikator", id=row.indicator_id, name=row.name))
    return "\n".join(lines)


def reminder_letters(
    dataset: Dataset,
    config: MailConfig,
    period: Period,
    owing: list[Outstanding],
    forms_sent: list[dict[str, Any]],
    forms_folder: Path,
    deadline: date | None,
    today: date,
) -> tuple[list[Letter], list[FormContent]]:
    """One reminder per person of each form with rows outstanding, naming them and the deadline
    (`deadline`, else the one the form was mailed with). The form rides along again when the
    file in `forms_folder` is still the one that was mailed (`forms_sent`: the forms' record)."""
    letters, nobody = [], []
    for item in owing:
        content = item.content
        key = form_key(content)
        people = people_of(dataset, content)
        if not people:
            nobody.append(content)
            continue
        given = deadline or _recorded_date(forms_sent, key)
        attachment = _form_again(forms_sent, key, forms_folder)
        closing = words.REMINDER_ATTACHED if attachment else words.REMINDER_NOT_ATTACHED
        text = words.REMINDER_BODY.format(
            **_common(dataset, period, config),
            owner=_owner(content),
            missing=_missing_lines(item),
            deadline=_deadline(given),
        )
        subject = words.SUBJECT_REMINDER.format(period=period.label, owner=_owner(content))
        attached = (attachment,) if attachment else ()
        facts = {"saknas": str(len(item.subgoals) + len(item.indicators)), "dag": str(today)}
        letters += [
            Letter(key, n, a, subject, _body(n, f"{text} {closing}", config), attached, facts)
            for n, a in people
        ]
    return letters, nobody


def _recorded_date(forms_sent: list[dict[str, Any]], key: str) -> date | None:
    text = last_value(forms_sent, key, "senast")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _form_again(forms_sent: list[dict[str, Any]], key: str, folder: Path) -> Attachment | None:
    """The form as it was mailed, when its file is still that file."""
    for entry in reversed(forms_sent):
        if entry.get("nyckel") != key or not entry.get("bilagor"):
            continue
        first = entry["bilagor"][0]
        path = folder / str(first.get("fil", ""))
        if path.parent == folder and path.is_file() and sha256_of(path) == first.get("sha256"):
            return Attachment(path, str(first["sha256"]), *XLSX)
        return None
    return None
