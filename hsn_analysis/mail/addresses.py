"""The addresses of the recipient file: sender, recipients and reply-to, each one mailbox that
an ordinary SMTP server takes (an ASCII local part; a domain in its IDNA form)."""

from __future__ import annotations

from email import policy
from email.errors import NonASCIILocalPartDefect
from email.headerregistry import Address

from hsn_analysis.mail.config_file import FileProblems
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
