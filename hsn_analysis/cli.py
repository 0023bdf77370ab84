"""`hsn-report`: validate a dataset, summarise a period and produce its report."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsn_analysis import __version__, labels
from hsn_analysis.locking import LockBusy
from hsn_analysis.paths import EXAMPLE_DATA, OUTPUTS
from hsn_analysis.periods import RANGE_MARK, Period, PeriodNotReady
from hsn_analysis.problems import InvalidDatasetError, errors, warnings

# pandas and the modules built on it load inside the commands that need them: `run` starts its
# kernel first, so that the kernel boots while this process imports them and checks the data.
if TYPE_CHECKING:
    from hsn_analysis.dataset import Dataset
    from hsn_analysis.validation import ValidationResult

EXIT_OK = 0
EXIT_INVALID_DATA = 1
EXIT_USAGE = 2
EXIT_RUN_FAILED = 3
EXIT_NOT_READY = 4
EXIT_BUSY = 5
EXIT_MAIL_FAILED = 6

LOG_FORMAT = "%(asctime)s hsn-report %(levelname)s: %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"  # with the offset: a log read on a UTC host is clear

logger = logging.getLogger(__name__)

DEFAULT_DATA = EXAMPLE_DATA
DEFAULT_OUT = OUTPUTS


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit code 2)."""


def _check(path: Path) -> ValidationResult:
    from hsn_analysis.validation import check_dataset

    try:
        return check_dataset(path)
    except FileNotFoundError as exc:
        raise UsageError(f"hittar inte data: {path}") from exc


def _tally(n_errors: int, n_warnings: int, path: Path) -> str:
    fel = "1 fel" if n_errors == 1 else f"{n_errors} fel"
    varn = "1 varning" if n_warnings == 1 else f"{n_warnings} varningar"
    return f"{fel} och {varn} i {path}."


def _validate(args: argparse.Namespace) -> int:
    result = _check(args.data)
    for problem in result.problems:
        print(problem)
    print(_tally(len(errors(result.problems)), len(warnings(result.problems)), args.data))
    return EXIT_OK if result.ok else EXIT_INVALID_DATA


def _load(path: Path) -> Dataset | None:
    """The dataset, or None after printing its errors to stderr."""
    result = _check(path)
    if not result.ok:
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
    from hsn_analysis.summary import resolve_period

    try:
        return resolve_period(text, dataset, today)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def render_text(dataset: Dataset, summary: dict[str, Any], period: Period) -> str:
    """The summary as a terminal page: title, count sentence and a table per mål."""
    settings = dataset.settings
    lines = [f"{settings.board_name} – nämndplan {settings.year}, {period.label}"]
    if settings.example_data:
        lines.append(labels.EXAMPLE_DATA_BANNER)
    lines += ["", summary["sammanfattning"], ""]
    header = ("Mål", "Delmål", "Uppnås", "Delvis", "Uppnås ej", "Ej bedömd", "Målstatus")
    rows = [
        (
            _shorten(f"{m['mal_id']} {m['namn']}", 48),
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
    from hsn_analysis.summary import build_summary

    summary = build_summary(dataset, period)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, allow_nan=False, indent=2))
    else:
        print(render_text(dataset, summary, period))
    return EXIT_OK


def _mail_config(args: argparse.Namespace) -> Any:
    """The mail configuration, read and checked before anything runs (exit 2 if unusable)."""
    from hsn_analysis.mail_config import MailConfigError, load_mail_config

    if args.config is None:
        raise UsageError("utskick kräver --config med mottagarfilen (t.ex. mottagare.toml).")
    try:
        return load_mail_config(args.config, os.environ)
    except MailConfigError as exc:
        for problem in exc.problems:
            logger.error("%s", problem)
        raise UsageError(f"{len(exc.problems)} fel i {args.config}: inget skickas.") from exc


def _run(args: argparse.Namespace) -> int:
    from hsn_analysis.kernel import running_kernel

    if RANGE_MARK in args.period:
        if args.send:
            raise UsageError(
                "--send gäller en period åt gången; skicka varje rapport med "
                "hsn-report send --period P när intervallet är klart."
            )
        return _run_batch(args)
    config = _mail_config(args) if args.send else None
    try:
        # The kernel boots (about a second) while this process imports the runner and checks
        # the data; it is stopped unused if the data or the period stops the run.
        with running_kernel() as kernel:
            from hsn_analysis import runner

            try:
                result = runner.run_report(
                    args.period, args.data, args.out, today=args.today, kernel=kernel
                )
            except runner.RunFailed as exc:
                _log_run_failed(exc)
                return _not_mailed(args, EXIT_RUN_FAILED)
    except FileNotFoundError as exc:
        raise UsageError(f"hittar inte data: {args.data}") from exc
    except InvalidDatasetError as exc:
        _log_invalid(exc.problems, args.data)
        return _not_mailed(args, EXIT_INVALID_DATA)
    except PeriodNotReady as exc:
        logger.error("steget period misslyckades: %s", exc)
        return _not_mailed(args, EXIT_NOT_READY)
    except LockBusy as exc:
        logger.error("steget lås misslyckades: %s", exc)
        return _not_mailed(args, EXIT_BUSY)
    except ValueError as exc:  # the period: unreadable, not begun or without data
        raise UsageError(str(exc)) from exc
    print(result.html, flush=True)
    if config is None:
        return EXIT_OK
    return _deliver(config, args.out, result.period, dry_run=args.dry_run)


def _log_invalid(problems: list, data: Path) -> None:
    for problem in errors(problems):
        logger.error("%s", problem)
    n = len(errors(problems))
    logger.error("steget validering misslyckades: %d fel i %s; ingen rapport görs.", n, data)


def _log_run_failed(exc: Exception) -> None:
    logger.error("%s", exc)
    if getattr(exc, "kept", None) is not None:
        logger.error("den misslyckade notebooken finns kvar för felsökning: %s", exc.kept)
    logger.error("ingen ny rapport skrevs; en tidigare rapport för perioden finns kvar orörd.")


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _run_batch(args: argparse.Namespace) -> int:
    """`run --period A..B --jobs N`: every tertial of the range, N reports at a time."""
    from hsn_analysis.batch import pool_size
    from hsn_analysis.kernel import Kernel

    # As for one report: the first kernels boot while the data is read and checked.
    with ExitStack() as stack:
        kernels = [stack.enter_context(Kernel()) for _ in range(pool_size(args.jobs, args.jobs))]
        return _run_batch_with(args, kernels)


def _run_batch_with(args: argparse.Namespace, kernels: list) -> int:
    from hsn_analysis.batch import Finished, pool_size, run_batch
    from hsn_analysis.runner import RunFailed
    from hsn_analysis.summary import resolve_periods

    clock = time.perf_counter()
    data = args.data.resolve()
    result = _check(data)
    if not result.ok:
        _log_invalid(result.problems, args.data)
        return EXIT_INVALID_DATA
    try:
        periods = resolve_periods(args.period, result.dataset, args.today)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    workers = pool_size(args.jobs, len(periods))
    logger.info(
        "%d rapporter, %s till %s, %d åt gången",
        len(periods),
        periods[0].code,
        periods[-1].code,
        workers,
    )

    def progress(report: Finished, n: int, total: int) -> None:
        took = _seconds(report.seconds)
        if report.result is not None:
            logger.info("[%d/%d] %s klar på %s s", n, total, report.period.code, took)
            print(report.result.html, flush=True)
        else:
            error = report.error
            logger.error(
                "[%d/%d] %s misslyckades efter %s s: %s", n, total, report.period.code, took, error
            )

    batch = run_batch(
        result.dataset,
        periods,
        data,
        args.out.resolve(),
        jobs=args.jobs,
        validation_s=time.perf_counter() - clock,
        on_finished=progress,
        kernels=kernels,
    )
    took = _seconds(time.perf_counter() - clock)
    if not batch.failed:
        logger.info("Alla %d rapporter klara på %s s.", len(periods), took)
        return EXIT_OK
    codes = ", ".join(f.period.code for f in batch.failed)
    logger.error(
        "%d av %d rapporter misslyckades: %s. De övriga är klara; se felen ovan.",
        len(batch.failed),
        len(periods),
        codes,
    )
    for failed in batch.failed:
        if isinstance(failed.error, RunFailed) and failed.error.kept is not None:
            logger.error(
                "%s: den misslyckade notebooken finns kvar: %s",
                failed.period.code,
                failed.error.kept,
            )
    if all(isinstance(f.error, LockBusy) for f in batch.failed):
        return EXIT_BUSY
    return EXIT_RUN_FAILED


def _not_mailed(args: argparse.Namespace, code: int) -> int:
    if args.send:
        logger.error("inget mejl skickas efter en misslyckad körning.")
    return code


def _send(args: argparse.Namespace) -> int:
    config = _mail_config(args)
    try:
        period = Period.parse(args.period)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    return _deliver(config, args.out, period, dry_run=args.dry_run)


def _deliver(config: Any, out: Path, period: Period, *, dry_run: bool) -> int:
    """Mail the published report of `period` (or write it as .eml); the exit code."""
    from hsn_analysis.index import refresh_index
    from hsn_analysis.layout import report_paths
    from hsn_analysis.locking import period_lock
    from hsn_analysis.mail_send import MailFailed, send_report
    from hsn_analysis.published import LatestRunFailed, NotPublished, published_report

    out = out.resolve()
    try:
        with period_lock(report_paths(out, period)["html"].parent, f"utskick {period.code}"):
            report = published_report(out, period)
            delivery = send_report(config, report, dry_run=dry_run)
    except LockBusy as exc:
        logger.error("steget utskick misslyckades: %s", exc)
        return EXIT_BUSY
    except LatestRunFailed as exc:
        logger.error("steget utskick misslyckades: %s", exc)
        return EXIT_RUN_FAILED
    except NotPublished as exc:
        raise UsageError(f"inget att skicka: {exc}") from exc
    except MailFailed as exc:
        logger.error("steget utskick misslyckades: %s", exc)
        refresh_index(out)
        return EXIT_MAIL_FAILED
    if dry_run:
        logger.info("Provkörning: inget skickades; meddelandet finns i %s", delivery.eml)
        print(delivery.eml, flush=True)
    refresh_index(out)
    return EXIT_OK


def _index(args: argparse.Namespace) -> int:
    from hsn_analysis.index import write_index

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
    """The command line: `validate`, `summary`, `run`, `send` and `index`."""
    parser = argparse.ArgumentParser(
        prog="hsn-report",
        description="Uppföljning av hälso- och sjukvårdsnämndens nämndplan per tertial.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="kommando")
    data_help = "mapp med CSV-filer eller en .xlsx-arbetsbok (standard: exempeldata)"
    out_help = "mapp för rapporterna (standard: outputs/)"
    period_help = (
        "t.ex. 2025-T2 eller 'Tertial 2 2025'; 'latest' = senaste perioden med data; "
        "'auto' = senaste tertialen som har tagit slut"
    )
    today_help = "räkna 'auto' som om dagens datum vore detta (ÅÅÅÅ-MM-DD)"

    validate = commands.add_parser("validate", help="lista alla problem i indata")
    validate.add_argument("--data", type=Path, default=DEFAULT_DATA, help=data_help)
    validate.set_defaults(handler=_validate)

    summary = commands.add_parser("summary", help="sammanfatta en period")
    summary.add_argument("--period", required=True, help=period_help)
    summary.add_argument("--data", type=Path, default=DEFAULT_DATA, help=data_help)
    summary.add_argument("--json", action="store_true", help="skriv ut ett JSON-objekt")
    summary.add_argument("--today", type=_date, default=date.today(), help=today_help)
    summary.set_defaults(handler=_summary)

    run = commands.add_parser("run", help="skapa rapporten för en period (HTML)")
    run.add_argument("--period", required=True, help=period_help)
    run.add_argument("--data", type=Path, default=DEFAULT_DATA, help=data_help)
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
    or configuration error, 3 the run failed, 4 period not ready, 5 busy, 6 mail failed)."""
    args = build_parser().parse_args(argv)
    # Logging is set up here, never on import: one timestamped line per message on the stderr
    # of this call (tests and notebooks replace sys.stderr between calls).
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT, LOG_DATE_FORMAT))
    package = logging.getLogger("hsn_analysis")
    package.addHandler(handler)
    previous_level = package.level
    package.setLevel(logging.INFO)
    try:
        return args.handler(args)
    except UsageError as exc:
        logger.error("%s", exc)
        return EXIT_USAGE
    finally:
        package.removeHandler(handler)
        package.setLevel(previous_level)
