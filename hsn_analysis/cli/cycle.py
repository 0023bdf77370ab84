"""The tertial's personal mail: `mall … --skicka` (each owner's form) and `paminn` (a reminder to
whoever still owes answers). Registered by `cli.forms`; loaded only when called.

Exit codes: 0 when everyone who should have a message has one (or had it already), 6 when
somebody did not get theirs (refused, no address, a changed file, the cap per run, a broken
session): the record in the forms' folder lists who, and a rerun sends only what is missing.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsn_analysis.cli.common import (
    EXIT_BUSY,
    EXIT_INVALID_DATA,
    EXIT_MAIL_FAILED,
    EXIT_OK,
    UsageError,
    check_data,
)
from hsn_analysis.cli.mail_settings import mail_settings
from hsn_analysis.problems import errors
from hsn_analysis.runs.locking import LockBusy

if TYPE_CHECKING:
    from hsn_analysis.dataset import Dataset
    from hsn_analysis.forms.content import FormContent, Split
    from hsn_analysis.mail.dispatch import Outcome
    from hsn_analysis.periods import Period

logger = logging.getLogger(__name__)


def add_mail_arguments(command: argparse.ArgumentParser) -> None:
    """`--config`, `--dry-run` and `--igen`, as `mall --skicka` and `paminn` take them."""
    command.add_argument(
        "--config", type=Path, help="mottagarfilen (TOML): avsändare, SMTP-server, [utskick]"
    )
    command.add_argument(
        "--dry-run",
        action="store_true",
        help="skicka inget; skriv en .eml-fil per mottagare i formulärens mapp",
    )
    command.add_argument(
        "--igen",
        action="store_true",
        help="skicka även till dem som redan har fått samma sak (i dag, för påminnelser)",
    )


def send_forms(
    args: argparse.Namespace,
    settings: tuple[Any, Any],
    dataset: Dataset,
    period: Period,
    split: Split,
    folder: Path,
    paths: list[Path],
) -> int:
    """Mail each form just written in `folder` to its owner or unit chief."""
    from hsn_analysis.forms.content import form_contents
    from hsn_analysis.mail.form_letters import form_letters
    from hsn_analysis.mail.ledger import Kind, already_delivered
    from hsn_analysis.words import mail_cycle as words

    config = settings[0]
    contents = form_contents(dataset, period, split)
    letters, nobody = form_letters(dataset, config, contents, paths, args.senast)
    skip = never if args.igen else already_delivered
    outcome = dispatch_locked(args, settings, letters, folder, Kind.FORMS, period, skip)
    _no_address(nobody, words.KIND_FORMS)
    return finish(args, outcome, nobody, words.LOG_SKIPPED)


def paminn_command(args: argparse.Namespace) -> int:
    """`paminn --period P --svar DIR`: remind whoever's form is missing or has empty rows."""
    from hsn_analysis.forms.content import Split
    from hsn_analysis.forms.outstanding import outstanding
    from hsn_analysis.mail.form_letters import reminder_letters
    from hsn_analysis.mail.ledger import Kind, delivered_on, ledger_path, read_entries
    from hsn_analysis.periods import Period, PeriodError
    from hsn_analysis.words import mail_cycle as words

    settings = mail_settings(args)
    try:  # auto: the tertial that has just ended, whose answers are being collected
        auto = args.period == "auto"
        period = Period.latest_ended(args.today) if auto else Period.parse(args.period)
    except PeriodError as exc:
        raise UsageError(str(exc)) from exc
    if not args.svar.is_dir():
        raise UsageError(f"hittar inte mappen med svar: {args.svar}")
    result = check_data(args.data)
    dataset = result.dataset
    if dataset is None:  # forms are read against valid data only
        found = errors(result.problems)
        for problem in found:
            logger.error("%s", problem)
        logger.error("%s", words.INVALID_DATA.format(n=len(found), path=args.data))
        return EXIT_INVALID_DATA
    folder = args.formular or args.out / "formular" / period.code
    answers = sorted(
        p for p in args.svar.iterdir() if p.suffix.lower() == ".xlsx" and p.name[0] not in ".~"
    )
    forms = outstanding(dataset, period, Split(args.per), answers)
    owing = [o for o in forms if not o.complete]
    if not owing:
        logger.info("%s", words.LOG_NO_REMINDERS)
        return EXIT_OK
    logger.info("%s", words.LOG_REMINDERS.format(n=len(owing), total=len(forms)))
    sent = read_entries(ledger_path(folder, Kind.FORMS, period))
    today = args.today
    letters, nobody = reminder_letters(
        dataset, settings[0], period, owing, sent, folder, args.senast, today
    )

    def reminded_today(entries: list[dict[str, Any]], letter: Any) -> bool:
        return delivered_on(entries, letter, today)

    skip = never if args.igen else reminded_today
    outcome = dispatch_locked(args, settings, letters, folder, Kind.REMINDERS, period, skip)
    _no_address(nobody, words.KIND_REMINDERS)
    return finish(args, outcome, nobody, words.LOG_TODAY)


def never(entries: list[dict[str, Any]], letter: Any) -> bool:
    """`--igen`: nobody is left out."""
    return False


def dispatch_locked(
    args: argparse.Namespace,
    settings: tuple[Any, Any],
    letters: list[Any],
    folder: Path,
    kind: Any,
    period: Period,
    skip: Any,
) -> Outcome | None:
    """`dispatch` with the record's folder locked; None (logged) when another sending holds it."""
    from hsn_analysis.mail.dispatch import dispatch
    from hsn_analysis.mail.ledger import ledger_path
    from hsn_analysis.runs.locking import period_lock
    from hsn_analysis.words import mail_cycle as words

    config, pacing = settings
    folder.mkdir(parents=True, exist_ok=True)
    preview = folder / words.PREVIEW_FOLDER.format(kind=kind.value, period=period.code)
    try:
        with period_lock(folder, f"utskick {kind.value} {period.code}"):
            return dispatch(
                config,
                pacing,
                letters,
                ledger_path(folder, kind, period),
                skip=skip,
                dry_run=args.dry_run,
                preview_folder=preview,
            )
    except LockBusy as exc:
        logger.error("steget utskick misslyckades: %s", exc)
        return None


def _no_address(nobody: list[FormContent], what: str) -> None:
    from hsn_analysis.mail.form_letters import form_key
    from hsn_analysis.words import mail_cycle as words

    for content in nobody:
        where = words.WHERE_UNIT if content.unit_id else words.WHERE_OWNERS
        logger.error(
            "%s", words.LOG_NO_ADDRESS.format(key=form_key(content), where=where, what=what)
        )


def finish(
    args: argparse.Namespace, outcome: Outcome | None, nobody: list[Any], skipped: str
) -> int:
    """Log how the sending went; the exit code (0, 5 busy, 6 somebody without theirs, also in
    a dry run: what it shows is what a real run would do)."""
    from hsn_analysis.words import mail_cycle as words

    if outcome is None:
        return EXIT_BUSY
    if outcome.skipped:
        logger.info("%s", skipped.format(n=outcome.skipped))
    if args.dry_run:
        folder = outcome.previews[0].parent if outcome.previews else "-"
        logger.info("%s", words.LOG_DRY_RUN.format(n=len(outcome.previews), folder=folder))
        for path in outcome.previews:
            print(path, flush=True)
        return EXIT_OK if not outcome.not_sent and not nobody else EXIT_MAIL_FAILED
    if not outcome.delivered and not outcome.refused and not outcome.not_sent and not nobody:
        logger.info("%s", words.LOG_NOTHING)
    else:
        logger.info(
            "%s",
            words.LOG_DONE.format(
                delivered=len(outcome.delivered),
                refused=len(outcome.refused),
                unsent=len(outcome.not_sent) + len(nobody),
                record=outcome.record,
            ),
        )
    return EXIT_OK if outcome.complete and not nobody else EXIT_MAIL_FAILED
