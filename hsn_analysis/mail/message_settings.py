"""What the mail says and carries: the subject template (only the known fields, no format
specs that could fail on real values) and which files of the report are attached."""

from __future__ import annotations

import string

from hsn_analysis.mail.config_file import FileProblems
from hsn_analysis.words import labels, messages

# `bilaga`: which files of the report are attached (the HTML, the PDF/A or both).
ATTACHMENT_CHOICES = {"html": ("html",), "pdf": ("pdf",), "båda": ("html", "pdf")}


def subject(p: FileProblems, value: object) -> str | None:
    """The subject template; None (and the problems) when a field could not be filled."""
    before = len(p.problems)
    hint = messages.MAIL_HINT_SUBJECT_EMPTY if isinstance(value, str) else messages.MAIL_HINT_TEXT
    text = p.text("amne", value, hint)
    if text is None:
        return None
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:  # a lone { or }
        reason = messages.MAIL_SUBJECT_BRACE_REASON
        p.value_problem("amne", value, messages.MAIL_HINT_SUBJECT_BRACES.format(reason=reason))
        return None
    names = [name for _, name, _, _ in parsed if name is not None]
    unknown = dict.fromkeys(n for n in names if n not in labels.MAIL_SUBJECT_FIELDS)
    for name in unknown:
        p.value_problem("amne", value, messages.MAIL_HINT_SUBJECT_FIELD.format(name=name))
    # A conversion or format spec ("{ar:d}") could fail on the real values.
    if not unknown and any(spec or conv for _, name, spec, conv in parsed if name is not None):
        p.value_problem("amne", value, messages.MAIL_HINT_SUBJECT_FORMAT)
    return None if len(p.problems) > before else text


def attachments(p: FileProblems, value: object) -> tuple[str, ...] | None:
    """The report's files to attach (`html`, `pdf` or `båda`)."""
    word = value.strip().lower().replace("bada", "båda") if isinstance(value, str) else None
    if word is None or word not in ATTACHMENT_CHOICES:
        p.value_problem("bilaga", value, messages.MAIL_HINT_ATTACHMENT)
        return None
    return ATTACHMENT_CHOICES[word]
