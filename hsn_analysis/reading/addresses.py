"""E-mail addresses as users write them: one mailbox, checked, in the form SMTP can send to.

Used by the mail configuration and by the data's own addresses (`ansvariga`, `enheter`), so
that an address the validator accepts is one the mail can use.
"""

from __future__ import annotations

from email import policy
from email.errors import NonASCIILocalPartDefect
from email.headerregistry import Address

from hsn_analysis.words import messages


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
