"""`hsn-report`: validate a dataset, summarise a period and produce its report."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from hsn_analysis import __version__, labels
from hsn_analysis.dataset import Dataset
from hsn_analysis.paths import EXAMPLE_DATA, OUTPUTS
from hsn_analysis.periods import Period
from hsn_analysis.problems import InvalidDatasetError, errors, warnings
from hsn_analysis.summary import build_summary, resolve_period
from hsn_analysis.validation import ValidationResult, check_dataset

EXIT_OK = 0
EXIT_INVALID_DATA = 1
EXIT_USAGE = 2
EXIT_RUN_FAILED = 3

DEFAULT_DATA = EXAMPLE_DATA
DEFAULT_OUT = OUTPUTS


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit code 2)."""


def _check(path: Path) -> ValidationResult:
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
            print(problem, file=sys.stderr)
        n = len(errors(result.problems))
        print(f"{n} fel i {path}: ingen sammanställning görs av ogiltiga data.", file=sys.stderr)
        return None
    if result.dataset.warnings:
        n = len(result.dataset.warnings)
        print(f"{n} varningar i data (visa dem med: hsn-report validate).", file=sys.stderr)
    return result.dataset


def _resolve_period(text: str, dataset: Dataset, today: date) -> Period:
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
    period = _resolve_period(args.period, dataset, date.today())
    summary = build_summary(dataset, period)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, allow_nan=False, indent=2))
    else:
        print(render_text(dataset, summary, period))
    return EXIT_OK


def _log(message: str) -> None:
    print(f"hsn-report: {message}", file=sys.stderr, flush=True)


def _run(args: argparse.Namespace) -> int:
    # Deferred: the runner pulls in papermill and nbconvert, which `validate` never needs.
    from hsn_analysis.runner import RunFailed, run_report

    try:
        result = run_report(args.period, args.data, args.out, log=_log)
    except FileNotFoundError as exc:
        raise UsageError(f"hittar inte data: {args.data}") from exc
    except InvalidDatasetError as exc:
        for problem in errors(exc.problems):
            print(problem, file=sys.stderr)
        n = len(errors(exc.problems))
        _log(f"steget validering misslyckades: {n} fel i {args.data}; ingen rapport görs.")
        return EXIT_INVALID_DATA
    except RunFailed as exc:
        _log(str(exc))
        if exc.kept is not None:
            _log(f"den misslyckade notebooken finns kvar för felsökning: {exc.kept}")
        _log("ingen ny rapport skrevs; en tidigare rapport för perioden finns kvar orörd.")
        return EXIT_RUN_FAILED
    except ValueError as exc:  # the period: unreadable, not begun or without data
        raise UsageError(str(exc)) from exc
    print(result.html)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The command line: `validate`, `summary` and `run`."""
    parser = argparse.ArgumentParser(
        prog="hsn-report",
        description="Uppföljning av hälso- och sjukvårdsnämndens nämndplan per tertial.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="kommando")
    data_help = "mapp med CSV-filer eller en .xlsx-arbetsbok (standard: exempeldata)"

    validate = commands.add_parser("validate", help="lista alla problem i indata")
    validate.add_argument("--data", type=Path, default=DEFAULT_DATA, help=data_help)
    validate.set_defaults(handler=_validate)

    summary = commands.add_parser("summary", help="sammanfatta en period")
    summary.add_argument(
        "--period", required=True, help="t.ex. 2025-T2, 'Tertial 2 2025', eller 'latest'"
    )
    summary.add_argument("--data", type=Path, default=DEFAULT_DATA, help=data_help)
    summary.add_argument("--json", action="store_true", help="skriv ut ett JSON-objekt")
    summary.set_defaults(handler=_summary)

    run = commands.add_parser("run", help="skapa rapporten för en period (HTML)")
    run.add_argument(
        "--period", required=True, help="t.ex. 2025-T2, 'Tertial 2 2025', eller 'latest'"
    )
    run.add_argument("--data", type=Path, default=DEFAULT_DATA, help=data_help)
    run.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="mapp för rapporterna (standard: outputs/)"
    )
    run.set_defaults(handler=_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `hsn-report`; returns the exit code (0 ok, 1 invalid data, 2 usage error, 3 the
    report run failed)."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"hsn-report: {exc}", file=sys.stderr)
        return EXIT_USAGE
