"""`hsn-report`: the parser, logging, and the commands `validate`, `summary` and `index`.

`run` and `send` live in `cli.reports`, loaded only when called.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hsn_analysis.cli.common import (
    DEFAULT_OUT,
    EXIT_BUG,
    EXIT_FILE_SYSTEM,
    EXIT_INVALID_DATA,
    EXIT_NOT_READY,
    EXIT_OK,
    EXIT_USAGE,
    LOG_DATE_FORMAT,
    LOG_FORMAT,
    UsageError,
    check_data,
    logger,
)
from hsn_analysis.paths import EXAMPLE_DATA, LOCAL_EXAMPLE_DATA
from hsn_analysis.periods import Period, PeriodNotReady
from hsn_analysis.problems import errors, warnings
from hsn_analysis.version import __version__
from hsn_analysis.words import cli_text as text
from hsn_analysis.words.counting import ERRORS, ROWS, WARNINGS, counted
from hsn_analysis.words.safeguards import (
    FS_COMMAND,
    MSG_BUG,
    READ_TABLE,
    READ_TABLES,
    file_system_sentence,
    is_file_system_failure,
)
from hsn_analysis.words.terminal import printable

# pandas and the modules built on it load inside the commands that need them: `run` starts its
# kernel first, so that the kernel boots while this process imports them and checks the data.
if TYPE_CHECKING:
    from hsn_analysis.dataset import Dataset


def _tally(n_errors: int, n_warnings: int, path: Path) -> str:
    return text.TALLY.format(
        errors=counted(n_errors, ERRORS), warnings=counted(n_warnings, WARNINGS), path=path
    )


def default_data() -> Path:
    """The data a command uses without --data: the current folder's `data/exempel` when it has
    one (a copy of the project), else the example data installed with the package."""
    if LOCAL_EXAMPLE_DATA.is_dir():
        return LOCAL_EXAMPLE_DATA
    logger.info("%s", text.NO_LOCAL_DATA.format(cwd=Path.cwd(), path=EXAMPLE_DATA))
    return EXAMPLE_DATA


def _validate(args: argparse.Namespace) -> int:
    result = check_data(args.data)
    for problem in result.problems:
        print(printable(str(problem)))
    if result.read:
        tables = ", ".join(
            READ_TABLE.format(source=source, rows=counted(n, ROWS)) for source, n in result.read
        )
        print(printable(READ_TABLES.format(tables=tables)))
    print(_tally(len(errors(result.problems)), len(warnings(result.problems)), args.data))
    return EXIT_OK if result.ok else EXIT_INVALID_DATA


def _load(path: Path) -> Dataset | None:
    """The dataset, or None after printing its errors to stderr."""
    result = check_data(path)
    if result.dataset is None:  # None whenever there is an error
        for problem in errors(result.problems):
            logger.error("%s", problem)
        n = counted(len(errors(result.problems)), ERRORS)
        logger.error("%s", text.INVALID_DATA.format(errors=n, path=path))
        return None
    if result.dataset.warnings:
        n = counted(len(result.dataset.warnings), WARNINGS)
        logger.warning("%s", text.DATA_WARNINGS.format(warnings=n))
    return result.dataset


def _resolve_period(text: str, dataset: Dataset, today: date) -> Period:
    from hsn_analysis.reading.period_choice import resolve_period

    try:
        return resolve_period(text, dataset, today)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def _summary(args: argparse.Namespace) -> int:
    dataset = _load(args.data)
    if dataset is None:
        return EXIT_INVALID_DATA
    try:
        period = _resolve_period(args.period, dataset, args.today)
    except PeriodNotReady as exc:
        logger.error("%s", exc)
        return EXIT_NOT_READY
    from hsn_analysis.rules.result import compute_result
    from hsn_analysis.words.summary import summary_text
    from hsn_analysis.words.summary_page import summary_page

    result = compute_result(dataset, period)
    print(summary_text(result) if args.json else summary_page(result))
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    from hsn_analysis.cli.reports import run  # deferred: see the comment at the imports

    return run(args)


def _send(args: argparse.Namespace) -> int:
    from hsn_analysis.cli.reports import send

    return send(args)


def _index(args: argparse.Namespace) -> int:
    from hsn_analysis.runs.index import write_index

    print(write_index(args.out.resolve()), flush=True)
    return EXIT_OK


def _date(given: str) -> date:
    try:
        return date.fromisoformat(given)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(text.NOT_A_DATE.format(text=given)) from exc


def _positive(given: str) -> int:
    try:
        value = int(given)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(text.NOT_POSITIVE.format(text=given))
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line: `validate`, `summary`, `run`, `send`, `index`, `mall` and `samla`."""
    parser = argparse.ArgumentParser(
        prog="hsn-report",
        description=text.DESCRIPTION,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar=text.COMMAND_METAVAR)
    data_help, out_help = text.DATA_HELP, text.OUT_HELP
    period_help, today_help = text.PERIOD_HELP, text.TODAY_HELP

    validate = commands.add_parser("validate", help=text.VALIDATE_HELP)
    validate.add_argument("--data", type=Path, default=None, help=data_help)
    validate.set_defaults(handler=_validate)

    summary = commands.add_parser("summary", help=text.SUMMARY_HELP)
    summary.add_argument("--period", required=True, help=period_help)
    summary.add_argument("--data", type=Path, default=None, help=data_help)
    summary.add_argument("--json", action="store_true", help=text.JSON_HELP)
    summary.add_argument("--today", type=_date, default=date.today(), help=today_help)
    summary.set_defaults(handler=_summary)

    run = commands.add_parser("run", help=text.RUN_HELP)
    run.add_argument("--period", required=True, help=period_help)
    run.add_argument("--data", type=Path, default=None, help=data_help)
    run.add_argument("--out", type=Path, default=DEFAULT_OUT, help=out_help)
    run.add_argument("--today", type=_date, default=date.today(), help=today_help)
    run.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        help=text.JOBS_HELP,
    )
    run.add_argument("--send", action="store_true", help=text.SEND_FLAG_HELP)
    run.add_argument(
        "--enhet",
        metavar="ID",
        help=text.UNIT_HELP,
    )
    run.add_argument(
        "--dask",
        metavar="ADRESS",
        help=text.DASK_HELP,
    )
    run.add_argument("--pdf", action="store_true", help=text.UNIT_PDF_HELP)
    _mail_arguments(run)
    run.set_defaults(handler=_run)

    send = commands.add_parser("send", help=text.SEND_HELP)
    send.add_argument("--period", required=True, help=text.SEND_PERIOD_HELP)
    send.add_argument("--out", type=Path, default=DEFAULT_OUT, help=out_help)
    send.add_argument(
        "--enhet",
        metavar="ID",
        help="skicka basenhetens rapport (ett enhet_id, eller alla) till chefen",
    )
    send.add_argument(
        "--data", type=Path, default=None, help=data_help + "; adresserna för --enhet"
    )
    _mail_arguments(send)
    send.set_defaults(handler=_send, send=True)

    index = commands.add_parser("index", help=text.INDEX_HELP)
    index.add_argument("--out", type=Path, default=DEFAULT_OUT, help=out_help)
    index.set_defaults(handler=_index)

    from hsn_analysis.cli.forms import add_form_commands  # mall and samla

    add_form_commands(commands, data_help, _date)

    from hsn_analysis.cli.kolada import add_kolada_command  # comparisons, fetched once

    add_kolada_command(commands)

    from hsn_analysis.cli.new_plan import add_new_plan_command  # next year's plan

    add_new_plan_command(commands)
    return parser


def _mail_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", type=Path, help=text.CONFIG_HELP)
    command.add_argument(
        "--dry-run",
        action="store_true",
        help=text.DRY_RUN_HELP,
    )
    command.add_argument(
        "--igen", action="store_true", help="--enhet: skicka även det som redan har levererats"
    )


def main(argv: list[str] | None = None) -> int:
    """Run `hsn-report`; returns the exit code (see the README: 0 ok, 1 invalid data, 2 usage
    or configuration error, 3 the run failed, 4 period not ready, 5 busy, 6 mail failed,
    7 the Kolada fetch failed, 8 a file-system failure, 9 a bug)."""
    args = build_parser().parse_args(argv)
    # Logging is set up here, never on import: one timestamped line per message on the stderr
    # of this call (tests and notebooks replace sys.stderr between calls).
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter(LOG_FORMAT, LOG_DATE_FORMAT))
    package = logging.getLogger("hsn_analysis")
    package.addHandler(handler)
    previous_level = package.level
    package.setLevel(logging.INFO)
    try:
        if "data" in args and args.data is None:
            args.data = default_data()
        command: Callable[[argparse.Namespace], int] = args.handler
        return command(args)
    except UsageError as exc:
        logger.error("%s", exc)
        return EXIT_USAGE
    except BrokenPipeError:  # `hsn-report summary --json | head`: the reader has had enough
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # a folder that cannot be written, a full disk, a file for a folder
        if not is_file_system_failure(exc):
            return _bug(exc)
        logger.error("%s", FS_COMMAND.format(what=file_system_sentence(exc)))
        return EXIT_FILE_SYSTEM
    except Exception as exc:  # a bug: say so, with the traceback for whoever fixes it
        return _bug(exc)
    finally:
        package.removeHandler(handler)
        package.setLevel(previous_level)


class PrintableFormatter(logging.Formatter):
    """Log lines with every control character of the message shown as an escape: a value from
    the data can neither break a line nor forge one (the traceback of a bug stays as it is)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = printable(record.message)
        return super().formatMessage(record)


def _bug(error: Exception) -> int:
    """Log a fault of the program itself as one, with its traceback; the exit code."""
    message = MSG_BUG.format(error=f"{type(error).__name__}: {error}")
    logger.critical("%s", message, exc_info=error)
    return EXIT_BUG


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of a closed pipe does
    not print a traceback on the way out."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no real file (a test's buffer)
        pass
