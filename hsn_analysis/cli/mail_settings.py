"""The recipient file as every sending command reads it: checked before anything runs or is
written, every problem logged, exit 2 (a UsageError) when it cannot be used."""

from __future__ import annotations

import argparse
import logging
import os
from typing import Any

from hsn_analysis.cli.common import UsageError
from hsn_analysis.words import cli_text as text
from hsn_analysis.words.counting import ERRORS, counted

logger = logging.getLogger(__name__)


def mail_config(args: argparse.Namespace) -> Any:
    """The mail configuration of `--config`."""
    from hsn_analysis.mail.config import MailConfigError, load_mail_config

    if args.config is None:
        raise UsageError(text.MAIL_NEEDS_CONFIG)
    try:
        return load_mail_config(args.config, os.environ)
    except MailConfigError as exc:
        raise _unusable(exc.problems, args) from exc


def mail_settings(args: argparse.Namespace) -> tuple[Any, Any]:
    """The mail configuration and its `[utskick]` (pause, cap), for the personal mail."""
    from hsn_analysis.mail.config import MailConfigError
    from hsn_analysis.mail.pacing import load_pacing

    config = mail_config(args)
    try:
        return config, load_pacing(args.config)
    except MailConfigError as exc:
        raise _unusable(exc.problems, args) from exc


def _unusable(problems: list[str], args: argparse.Namespace) -> UsageError:
    """Log every problem of the file; the error that stops the command."""
    for problem in problems:
        logger.error("%s", problem)
    n = counted(len(problems), ERRORS)
    return UsageError(text.MAIL_CONFIG_INVALID.format(errors=n, path=args.config))
