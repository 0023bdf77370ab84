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
from typing import TYPE_CHECKING, Any

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
from hsn_analysis.words import labels
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
    fel = "1 fel" if n_errors == 1 else f"{n_errors} fel"
    varn = "1 varning" if n_warnings == 1 else f"{n_warnings} varningar"
    return f"{fel} och {varn} i {path}."


def default_data() -> Path:
    """The data a command uses without --data: the current folder's `data/exempel` when it has
    one (a copy of the project), else the example data installed with the package."""
    if LOCAL_EXAMPLE_DATA.is_dir():
        return LOCAL_EXAMPLE_DATA
    logger.info(
        "Ingen mapp data/exempel i %s; använder paketets exempeldata %s", Path.cwd(), EXAMPLE_DATA
    )
    return EXAMPLE_DATA


def _validate(args: argparse.Namespace) -> int:
    result = check_data(args.data)
    for problem in result.problems:
        print(printable(str(problem)))
    if result.read:
        tables = ", ".join(
            READ_TABLE.format(source=source, n=n, rows="rad" if n == 1 else "rader")
            for source, n in result.read
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
        n = len(errors(result.problems))
        logger.error("%d fel i %s: ingen sammanställning görs av ogiltiga data.", n, path)
        return None
    if result.dataset.warnings:
        n = len(result.dataset.warnings)
        logger.warning("%d varningar i data (visa dem med: hsn-report validate).", n)
    return result.dataset


def _resolve_period(text: str, dataset: Dataset, today: date) -> Period:
    from hsn_analysis.reading.period_choice import resolve_period

    try:
        return resolve_period(text, dataset, today)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def render_text(dataset: Dataset, summary: dict[str, Any], period: Period) -> str:
    """The summary as a terminal page: title, count sentence and a table per mål."""
    settings = dataset.settings
    lines = [printable(f"{settings.board_name} – nämndplan {settings.year}, {period.label}")]
    if settings.example_data:
        lines.append(labels.EXAMPLE_DATA_BANNER)
    lines += ["", summary["sammanfattning"], ""]
    header = ("Mål", "Delmål", "Uppnås", "Delvis", "Uppnås ej", "Ej bedömd", "Målstatus")
    rows = [
        (
            _shorten(printable(f"{m['mal_id']} {m['namn']}"), 48),
            *(str(m[k]) for k in ("antal", "uppnas", "delvis", "uppnas_ej", "ej_bedomd")),
            labels.SHORT_STATUS[m["status"]],
        )
        for m in summary["mal"]
    ]
    total = summary["delmal"]
    rows.append(
        ("Hela nämnden", *(str(total[k]) for k in total), ""),
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:-1], widths[1:-1], strict=True)]
        cells.append(row[-1])
        lines.append("  ".join(cells).rstrip())
    rule = f"Målstatus enligt regeln '{settings.rollup_rule.value}'."
    return "\n".join([*lines, "", rule])


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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
    from hsn_analysis.words.summary import summary_json, summary_text

    result = compute_result(dataset, period)
    if args.json:
        print(summary_text(result))
    else:
        print(render_text(dataset, summary_json(result), period))
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


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' är inget datum (ÅÅÅÅ-MM-DD)") from exc


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' är inget heltal större än 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line: `validate`, `summary`, `run`, `send`, `index`, `mall` and `samla`."""
    parser = argparse.ArgumentParser(
        prog="hsn-report",
        description="Uppföljning av hälso- och sjukvårdsnämndens nämndplan per tertial.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="kommando")
    data_help = (
        "mapp med CSV-filer eller en .xlsx-arbetsbok (standard: data/exempel i aktuell mapp, "
        "annars paketets exempeldata)"
    )
    out_help = "mapp för rapporterna (standard: outputs/ i aktuell mapp)"
    period_help = (
        "t.ex. 2025-T2 eller 'Tertial 2 2025'; 'latest' = senaste perioden med data; "
        "'auto' = senaste tertialen som har tagit slut"
    )
    today_help = "räkna 'auto' som om dagens datum vore detta (ÅÅÅÅ-MM-DD)"

    validate = commands.add_parser("validate", help="lista alla problem i indata")
    validate.add_argument("--data", type=Path, default=None, help=data_help)
    validate.set_defaults(handler=_validate)

    summary = commands.add_parser("summary", help="sammanfatta en period")
    summary.add_argument("--period", required=True, help=period_help)
    summary.add_argument("--data", type=Path, default=None, help=data_help)
    summary.add_argument("--json", action="store_true", help="skriv ut ett JSON-objekt")
    summary.add_argument("--today", type=_date, default=date.today(), help=today_help)
    summary.set_defaults(handler=_summary)

    run = commands.add_parser("run", help="skapa rapporten för en period (HTML)")
    run.add_argument("--period", required=True, help=period_help)
    run.add_argument("--data", type=Path, default=None, help=data_help)
    run.add_argument("--out", type=Path, default=DEFAULT_OUT, help=out_help)
    run.add_argument("--today", type=_date, default=date.today(), help=today_help)
    run.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        help="för ett intervall (2024-T1..2025-T3): så många rapporter åt gången "
        "(högst en per processorkärna; standard: 1)",
    )
    run.add_argument("--send", action="store_true", help="mejla rapporten när den är klar")
    run.add_argument(
        "--enhet",
        metavar="ID",
        help="gör basenhetens egen rapport (ett enhet_id) eller alla basenheters (alla)",
    )
    run.add_argument(
        "--dask",
        metavar="ADRESS",
        help="gör basenheternas rapporter på ett Dask-kluster, t.ex. tcp://schemalaggare:8786",
    )
    _mail_arguments(run)
    run.set_defaults(handler=_run)

    send = commands.add_parser("send", help="mejla en färdig rapport till mottagarna")
    send.add_argument("--period", required=True, help="rapportens period, t.ex. 2025-T2")
    send.add_argument("--out", type=Path, default=DEFAULT_OUT, help=out_help)
    _mail_arguments(send)
    send.set_defaults(handler=_send, send=True)

    index = commands.add_parser("index", help="skriv om rapportlistan outputs/index.html")
    index.add_argument("--out", type=Path, default=DEFAULT_OUT, help=out_help)
    index.set_defaults(handler=_index)

    from hsn_analysis.cli.forms import add_form_commands  # mall and samla

    add_form_commands(commands, data_help, _date)

    from hsn_analysis.cli.kolada import add_kolada_command  # comparisons, fetched once

    add_kolada_command(commands)
    return parser


def _mail_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config", type=Path, help="mottagarfilen (TOML): avsändare, mottagare, SMTP-server"
    )
    command.add_argument(
        "--dry-run",
        action="store_true",
        help="skicka inget; skriv meddelandet som en .eml-fil bredvid rapporten",
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
