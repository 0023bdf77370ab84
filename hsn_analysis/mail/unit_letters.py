"""The letter that carries a unit's published report to its chief: the report attached as its
run wrote it, and the unit's own count sentence (from the figures its run record keeps)."""

from __future__ import annotations

from typing import Any

from hsn_analysis.mail.config import MailConfig
from hsn_analysis.mail.letter import Attachment, Letter
from hsn_analysis.runs.published import PublishedReport
from hsn_analysis.vocabulary import SubgoalStatus
from hsn_analysis.words import labels
from hsn_analysis.words import mail_cycle as words
from hsn_analysis.words.json_keys import COUNT_KEY, UNIT_NOT_REPORTED_KEY

HTML = ("text", "html")
PDF = ("application", "pdf")


def unit_sentence(record: dict[str, Any], period_tertial: int) -> str:
    """`Av de 5 delmål som enheten bedömer är enhetens bedömning per augusti att 1 inte kommer
    att uppnås och 3 kommer att uppnås. 1 delmål har enheten inte rapporterat.` — from the
    counts the unit's run recorded (`delmal`), worst first, a status without delmål left out."""
    counts = record.get("delmal") or {}
    worst_first = (SubgoalStatus.RED, SubgoalStatus.YELLOW, SubgoalStatus.GREEN)
    present = {s: int(counts[COUNT_KEY[s]]) for s in worst_first if counts.get(COUNT_KEY[s])}
    missing = int(counts.get(UNIT_NOT_REPORTED_KEY, 0))
    total = sum(present.values()) + missing
    when = labels.PERIOD_IN_SENTENCE[period_tertial]
    if total == 0:
        return words.UNIT_NO_SUBGOALS
    if not present:
        return words.UNIT_SENTENCE_NONE.format(total=total, period=when)
    parts = [labels.COUNT_PHRASE[s].format(n=n) for s, n in present.items()]
    phrases = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {labels.AND} {parts[-1]}"
    sentence = words.UNIT_SENTENCE.format(total=total, period=when, phrases=phrases)
    if missing:
        sentence += " " + words.UNIT_NOT_REPORTED[min(missing, 2)].format(n=missing)
    return sentence


def unit_letters(
    config: MailConfig,
    report: PublishedReport,
    board: str,
    year: int,
    people: list[tuple[str, str]],
) -> list[Letter]:
    """One letter per address of the unit's chief, the report (and its PDF/A, when its run made
    one) attached with the SHA-256 its run record holds."""
    record = report.record
    unit = str(record.get("enhet_namn") or report.unit or "")
    attachments = [Attachment(report.html, str(record.get("html_sha256", "")), *HTML)]
    if record.get("pdf_sha256"):  # its run made one: gone or changed, the letter is not sent
        attachments.append(Attachment(report.pdf, str(record["pdf_sha256"]), *PDF))
    sentence = unit_sentence(record, report.period.tertial)
    gaps = record.get("ej_rapporterat") or []
    if gaps:
        sentence += " " + words.UNIT_GAPS.format(gaps=", ".join(map(str, gaps)))
    text = words.UNIT_BODY.format(
        board=board,
        year=year,
        period=report.period.label,
        unit=unit,
        sentence=sentence,
        files=", ".join(a.name for a in attachments),
    )
    subject = words.SUBJECT_UNIT_REPORT.format(period=report.period.label, unit=unit)
    signature = words.SIGNATURE.format(sender=(config.reply_to or config.sender).addr_spec)
    return [
        Letter(
            key=str(report.unit),
            name=name,
            address=address,
            subject=subject,
            body=f"{words.GREETING_ANONYMOUS}\n\n{text}\n\n{signature}\n",
            attachments=tuple(attachments),
        )
        for name, address in people
    ]
