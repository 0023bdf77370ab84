"""One SMTP session as the recipient file describes it: connect, encrypt, log in.

Shared by the board's report (one message to every recipient) and the tertial's personal mail
(one message per recipient in the same session).
"""

from __future__ import annotations

import logging
import smtplib
import ssl

from hsn_analysis.mail.config import MailConfig
from hsn_analysis.words import messages

logger = logging.getLogger(__name__)


class NoStartTLS(smtplib.SMTPException):
    """The server does not offer STARTTLS."""


class NoAuth(smtplib.SMTPException):
    """The server offers no AUTH, but the configuration has a user."""


def open_session(config: MailConfig) -> smtplib.SMTP:
    """A session ready to send: TLS as configured, logged in when there is a user.

    Raises what smtplib and ssl raise (closed first), NoStartTLS or NoAuth.
    """
    smtp: smtplib.SMTP
    if config.security == "ssl":
        smtp = smtplib.SMTP_SSL(
            config.server, config.port, timeout=config.timeout_s, context=_tls(config)
        )
    else:
        smtp = smtplib.SMTP(config.server, config.port, timeout=config.timeout_s)
    try:
        smtp.ehlo()
        if config.security == "starttls":
            # Checked here rather than left to starttls(): the same SMTPNotSupportedError
            # also means "no AUTH", and the two need different advice.
            if not smtp.has_extn("starttls"):
                raise NoStartTLS()
            smtp.starttls(context=_tls(config))
            smtp.ehlo()
        if config.username is not None:
            if not smtp.has_extn("auth"):
                raise NoAuth()
            if config.security == "ingen":
                logger.warning(
                    messages.MAIL_LOG_PLAIN_LOGIN, config.username, config.server_address
                )
            smtp.login(config.username, config.password or "")
    except BaseException:
        smtp.close()  # no QUIT: a server that stopped answering would make us wait once more
        raise
    return smtp


def _tls(config: MailConfig) -> ssl.SSLContext:
    """The TLS context of an encrypted session. Made only when the session is encrypted:
    loading the system's certificates costs a plain session tens of milliseconds for nothing."""
    return ssl.create_default_context(
        cafile=str(config.ca_file) if config.ca_file is not None else None
    )


def close_session(smtp: smtplib.SMTP) -> None:
    """QUIT, or just close when the server no longer answers: what was sent is sent."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
