"""The addresses of the recipient file: sender, recipients and reply-to, each one mailbox that
an ordinary SMTP server takes (an ASCII local part; a domain in its IDNA form)."""

from __future__ import annotations

from email.headerregistry import Address

from hsn_analysis.mail.config_file import FileProblems
from hsn_analysis.reading.addresses import parse_address
from hsn_analysis.words import messages


def address(p: FileProblems, key: str, value: object, hint: str) -> Address | None:
    """The one mailbox `value` gives; None (and a problem) when missing or unusable."""
    if value is None:
        p.missing(key, hint)
        return None
    text = p.text(key, value, hint)
    if text is None:
        return None
    mailbox, problem = parse_address(text)
    if problem:
        p.value_problem(key, value, problem)
    return mailbox


def recipients(p: FileProblems, value: object) -> tuple[Address, ...] | None:
    """One address or a list of them, each once; None (and the problems) if any is unusable."""
    if value is None:
        p.missing("mottagare", messages.MAIL_HINT_RECIPIENTS)
        return None
    items = [value] if isinstance(value, str) else value  # one address needs no list
    if not isinstance(items, list):
        p.value_problem("mottagare", value, messages.MAIL_HINT_RECIPIENT_LIST)
        return None
    if not items:
        p.value_problem("mottagare", value, messages.MAIL_HINT_RECIPIENTS_EMPTY)
        return None
    found: dict[str, tuple[int, Address]] = {}  # lower-case addr-spec → (post, address)
    before = len(p.problems)
    for n, item in enumerate(items, start=1):
        mailbox = address(p, f"mottagare (post {n})", item, messages.MAIL_HINT_ADDRESS)
        key = mailbox.addr_spec.lower() if mailbox else ""
        if mailbox and key in found:
            duplicate = {"address": mailbox.addr_spec, "first": found[key][0], "second": n}
            p.problems.append(messages.MAIL_CFG_DUPLICATE.format(file=p.file, **duplicate))
        elif mailbox:
            found[key] = (n, mailbox)
    ok = len(p.problems) == before
    return tuple(mailbox for _, mailbox in found.values()) if ok else None
