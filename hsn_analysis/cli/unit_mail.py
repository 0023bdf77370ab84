"""`hsn-report send --period P --enhet ID|alla`: each unit's published report to its chief, and
the same after `run --enhet … --send` for the units whose report succeeded.

The chiefs' addresses come from the data (`e_post` of `enheter`). Each unit's report is locked
while it is sent and must be the file its run recorded; the record of the sending is the
period's `utskick-enheter-P.json`, so a rerun sends only what has not been delivered.
"""

from __future__ import annotations

import argparse
import logging
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from hsn_analysis.cli.common import EXIT_INVALID_DATA, UsageError, check_data
from hsn_analysis.problems import errors

if TYPE_CHECKING:
    from hsn_analysis.dataset import Dataset
    from hsn_analysis.mail.letter import Letter
    from hsn_analysis.periods import Period

logger = logging.getLogger(__name__)


def send_units_command(args: argparse.Namespace) -> int:
    """`send --period P --enhet ID|alla --config …`: mail the published unit reports."""
    from hsn_analysis.cli.mail_settings import mail_settings
    from hsn_analysis.periods import Period, PeriodError

    settings = mail_settings(args)
    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        raise UsageError(str(exc)) from exc
    result = check_data(args.data)
    dataset = result.dataset
    if dataset is None:
        found = errors(result.problems)
        for problem in found:
            logger.error("%s", problem)
        logger.error(
            "steget validering misslyckades: %d fel i %s; inget skickas.", len(found), args.data
        )
        return EXIT_INVALID_DATA
    return send_unit_reports(args, settings, dataset, period, chosen_units(dataset, args.enhet))


def chosen_units(dataset: Dataset, choice: str) -> list[str]:
    """`alla`: every unit of `enheter`; else the one named (UsageError when unknown)."""
    from hsn_analysis.words import mail_cycle as words

    known = list(dataset.units["enhet_id"])
    if not known:
        raise UsageError(words.NO_UNITS)
    if choice == "alla":
        return known
    if choice not in known:
        raise UsageError(words.UNKNOWN_UNIT.format(unit=choice, sample=", ".join(known[:5])))
    return [choice]


def send_unit_reports(
    args: argparse.Namespace,
    settings: tuple[Any, Any],
    dataset: Dataset,
    period: Period,
    units: list[str],
) -> int:
    """Mail each of `units`' published report of `period` to its chief; the exit code."""
    from hsn_analysis.cli.cycle import dispatch_locked, finish, never
    from hsn_analysis.mail.form_letters import people_of_unit
    from hsn_analysis.mail.ledger import Kind, already_delivered
    from hsn_analysis.mail.unit_letters import unit_letters
    from hsn_analysis.reading.file_names import output_path
    from hsn_analysis.runs.layout import published_files
    from hsn_analysis.runs.locking import LockBusy, exclusive
    from hsn_analysis.runs.published import NotPublished, published_report
    from hsn_analysis.words import mail_cycle as words

    out = args.out.resolve()
    settings_ = dataset.settings
    letters: list[Letter] = []
    unreached: list[str] = []
    with ExitStack() as held:  # each report stays as it is until its mail is sent
        for unit in units:
            people = people_of_unit(dataset, unit)
            if not people:
                unreached.append(unit)
                logger.error(
                    "%s",
                    words.LOG_NO_ADDRESS.format(
                        key=unit, where=words.WHERE_UNIT, what=words.KIND_UNIT_REPORTS
                    ),
                )
                continue
            files = published_files(out, period, unit)
            try:
                if not files.html.exists():
                    raise NotPublished(words.REASON_NO_REPORT)
                held.enter_context(exclusive(files.lock, f"utskick {files.label}"))
                report = published_report(out, period, unit)
            except LockBusy as exc:
                unreached.append(unit)
                logger.error("%s", words.LOG_UNIT_BUSY.format(unit=unit, reason=exc))
                continue
            except NotPublished as exc:
                unreached.append(unit)
                logger.error("%s", words.LOG_NO_REPORT.format(unit=unit, reason=exc))
                continue
            letters += unit_letters(
                settings[0], report, settings_.board_name, settings_.year, people
            )
        skip = never if getattr(args, "igen", False) else already_delivered
        folder = output_path(out, period.code)
        outcome = dispatch_locked(args, settings, letters, folder, Kind.UNIT_REPORTS, period, skip)
    return finish(args, outcome, unreached, words.LOG_SKIPPED)
