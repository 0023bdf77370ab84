"""`hsn-report ny-plan --data D --ar 2026 --out D2`: next year's plan to edit, history kept.

Registered by `cli.main.build_parser`; openpyxl and the copy load only when called.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from hsn_analysis.cli.common import EXIT_INVALID_DATA, EXIT_OK, UsageError, check_data
from hsn_analysis.problems import errors
from hsn_analysis.words import plan_text as words

logger = logging.getLogger(__name__)


def add_new_plan_command(commands: Any) -> None:
    """Add `ny-plan` to the subcommands of `hsn-report`."""
    command = commands.add_parser("ny-plan", help=words.NEW_PLAN_HELP)
    command.add_argument("--data", type=Path, required=True, help=words.NEW_PLAN_DATA_HELP)
    command.add_argument("--ar", type=int, required=True, help=words.NEW_PLAN_YEAR_HELP)
    command.add_argument("--out", type=Path, required=True, help=words.NEW_PLAN_OUT_HELP)
    command.set_defaults(handler=new_plan_command)


def _check_out(data: Path, out: Path) -> None:
    """D2 is new (an empty folder may stand ready) and of D's own kind."""
    if out.is_file() or (out.is_dir() and any(out.iterdir())):
        raise UsageError(words.NEW_PLAN_OUT_EXISTS.format(out=out))
    workbook = data.is_file()
    if workbook != (out.suffix.lower() in (".xlsx", ".xlsm")):
        template = words.NEW_PLAN_OUT_WORKBOOK if workbook else words.NEW_PLAN_OUT_FOLDER
        raise UsageError(template.format(out=out))
    if not out.parent.is_dir():
        raise UsageError(words.NEW_PLAN_NO_PARENT.format(folder=out.parent))


def new_plan_command(args: argparse.Namespace) -> int:
    """Exit 0 when D2 is written, 1 when D (or D2) has errors, 2 for a wrong command line."""
    data, out, year = args.data, args.out, args.ar
    if not data.exists():
        raise UsageError(f"hittar inte data: {data}")
    _check_out(data, out)
    result = check_data(data)
    if result.dataset is None:
        for problem in errors(result.problems):
            logger.error("%s", problem)
        logger.error("%s", words.NEW_PLAN_INVALID)
        return EXIT_INVALID_DATA
    latest = max(result.dataset.plan_years)
    if year <= latest:
        message = words.NEW_PLAN_YEAR_NOT_AFTER.format(year=year, latest=latest, next=latest + 1)
        raise UsageError(message)
    from hsn_analysis.forms.new_plan import write_new_plan

    if out.is_dir():  # an empty folder made ready for it: D2 takes its place
        out.rmdir()
    made = write_new_plan(data, result.dataset, year, out)
    if not made.written:
        for problem in errors(made.problems):
            logger.error("%s", problem)
        logger.error("%s", words.NEW_PLAN_INVALID)
        return EXIT_INVALID_DATA
    logger.info(
        "%s",
        words.NEW_PLAN_DONE.format(
            out=out,
            year=year,
            latest=latest,
            goals=made.copied["mal"],
            subgoals=made.copied["delmal"],
            indicators=made.copied["indikatorer"],
        ),
    )
    print(out, flush=True)
    return EXIT_OK
