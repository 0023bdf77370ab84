"""`hsn-report kolada`: fetch the comparisons once into the dataset folder.

Registered by `cli.main.build_parser`; the Kolada client loads only when called.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from hsn_analysis.cli.common import (
    EXIT_FETCH_FAILED,
    EXIT_INVALID_DATA,
    EXIT_OK,
    UsageError,
    check_data,
)
from hsn_analysis.problems import errors
from hsn_analysis.words import kolada_text
from hsn_analysis.words.counting import ERRORS, counted
from hsn_analysis.words.signals_text import KOLADA_NOT_FOLDER

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.kolada.se/v3"


def add_kolada_command(commands: Any) -> None:
    """Add `kolada` to the subcommands of `hsn-report`."""
    kolada = commands.add_parser("kolada", help=kolada_text.COMMAND_HELP)
    kolada.add_argument("--data", type=Path, default=None, help=kolada_text.DATA_HELP)
    kolada.add_argument("--ar", help=kolada_text.YEARS_HELP)
    kolada.add_argument("--bas-url", default=DEFAULT_BASE_URL, help=kolada_text.BASE_URL_HELP)
    kolada.set_defaults(handler=kolada_command)


def kolada_command(args: argparse.Namespace) -> int:
    """Check the data, fetch every mapped key figure and replace jamforelser.csv when all came."""
    from hsn_analysis.kolada.client import KoladaClient
    from hsn_analysis.kolada.command import fetch_into, parse_years

    if args.data.exists() and not args.data.is_dir():
        raise UsageError(KOLADA_NOT_FOLDER.format(path=args.data))
    result = check_data(args.data)
    if result.dataset is None:  # None whenever there is an error
        for problem in errors(result.problems):
            logger.error("%s", problem)
        n = len(errors(result.problems))
        message = kolada_text.INVALID_DATA.format(errors=counted(n, ERRORS), path=args.data)
        logger.error("%s", message)
        return EXIT_INVALID_DATA
    try:
        years = parse_years(args.ar, result.dataset.settings.year)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    fetched = fetch_into(result.dataset, args.data, years, KoladaClient(args.bas_url))
    return EXIT_OK if fetched.ok else EXIT_FETCH_FAILED
