"""`hsn-report mall` and `samla`: handing out the tertial's forms and collecting them.

Registered by `cli.main.build_parser`; openpyxl and the form modules load only when called.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsn_analysis.cli.common import (
    DEFAULT_OUT,
    EXIT_INVALID_DATA,
    EXIT_OK,
    UsageError,
    check_data,
)
from hsn_analysis.cli.cycle import add_mail_arguments, paminn_command, send_forms
from hsn_analysis.cli.mail_settings import mail_settings
from hsn_analysis.paths import OUTPUTS
from hsn_analysis.periods import Period, PeriodError
from hsn_analysis.problems import errors, warnings

if TYPE_CHECKING:
    from hsn_analysis.dataset import Dataset

logger = logging.getLogger(__name__)


def add_form_commands(commands: Any, data_help: str, date_type: Callable[[str], date]) -> None:
    """Add `mall` and `samla` to the subcommands of `hsn-report`; `date_type` reads a date
    argument as the other commands do."""
    mall = commands.add_parser("mall", help="skriv Excel-formulär för ett tertial")
    mall.add_argument("--period", help="tertialet som ska följas upp, t.ex. 2026-T1")
    mall.add_argument("--data", type=Path, default=None, help=data_help)
    mall.add_argument(
        "--per",
        choices=["ansvarig", "enhet"],
        help="ett formulär per ansvarig (kolumnen ansvarig i delmal och indikatorer), "
        "eller per basenhet (tabellen enheter)",
    )
    mall.add_argument("--senast", type=date_type, help="sista dag att lämna svaren (ÅÅÅÅ-MM-DD)")
    mall.add_argument(
        "--out", type=Path, help="mapp för formulären (standard: outputs/formular/<period>/)"
    )
    mall.add_argument(
        "--tom",
        action="store_true",
        help="skriv i stället en tom arbetsbok med alla blad, för en ny nämndplan",
    )
    mall.add_argument(
        "--skicka", action="store_true", help="mejla varje formulär till sin ansvarig (--config)"
    )
    add_mail_arguments(mall)
    mall.set_defaults(handler=mall_command)

    paminn = commands.add_parser(
        "paminn", help="påminn dem vars formulär saknas eller har tomma rader"
    )
    paminn.add_argument(
        "--period", required=True, help="tertialet, t.ex. 2026-T1; auto = det som just har slutat"
    )
    paminn.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="mapp för rapporterna (standard: outputs/)"
    )
    paminn.add_argument("--data", type=Path, default=None, help=data_help)
    paminn.add_argument("--svar", type=Path, required=True, help="mappen med ifyllda formulär")
    paminn.add_argument(
        "--per",
        choices=["ansvarig", "enhet"],
        default="ansvarig",
        help="formulären gick ut per ansvarig (standard) eller per basenhet",
    )
    paminn.add_argument(
        "--formular", type=Path, help="formulärens mapp (standard: <out>/formular/<period>/)"
    )
    paminn.add_argument("--senast", type=date_type, help="sista dag att lämna svaren (ÅÅÅÅ-MM-DD)")
    paminn.add_argument("--today", type=date_type, default=date.today(), help=argparse.SUPPRESS)
    add_mail_arguments(paminn)
    paminn.set_defaults(handler=paminn_command)

    samla = commands.add_parser("samla", help="läs in ifyllda formulär till ett nytt dataset")
    samla.add_argument("--data", type=Path, default=None, help=data_help)
    samla.add_argument(
        "--out",
        type=Path,
        required=True,
        help="det nya datasetet (en ny mapp, eller en ny .xlsx om --data är en arbetsbok)",
    )
    samla.add_argument(
        "formular", nargs="+", type=Path, help="ifyllda formulär (.xlsx) eller mappar med dem"
    )
    samla.add_argument(
        "--ersatt", action="store_true", help="svar får ersätta värden som redan finns i data"
    )
    samla.add_argument(
        "--delvis",
        action="store_true",
        help="skriv det som är felfritt även om andra rader har fel (de listas)",
    )
    samla.add_argument("--today", type=date_type, default=date.today(), help=argparse.SUPPRESS)
    samla.set_defaults(handler=samla_command)


def _load(path: Path, what: str) -> Dataset | None:
    """The checked plan, or None after logging its errors: forms are made from valid data only."""
    result = check_data(path)
    if result.dataset is None:
        for problem in errors(result.problems):
            logger.error("%s", problem)
        logger.error("%s", what.format(n=len(errors(result.problems)), path=path))
        return None
    return result.dataset


def mall_command(args: argparse.Namespace) -> int:
    """`mall --period P [--per ansvarig]`, or `mall --tom`."""
    from hsn_analysis.forms.empty import write_empty_workbook

    if args.tom:
        folder = args.out or OUTPUTS / "formular"
        print(write_empty_workbook(folder), flush=True)
        return EXIT_OK
    if not args.period:
        raise UsageError("mall kräver --period (t.ex. --period 2026-T1) eller --tom.")
    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        raise UsageError(str(exc)) from exc
    from hsn_analysis.words import forms as words

    if args.skicka and not args.per:
        raise UsageError("mall --skicka kräver --per ansvarig eller --per enhet.")
    settings = mail_settings(args) if args.skicka else None  # a typo never costs the forms
    dataset = _load(args.data, words.MALL_INVALID)
    if dataset is None:
        return EXIT_INVALID_DATA
    from hsn_analysis.forms.content import Split, form_contents, without_owner
    from hsn_analysis.forms.template import write_forms

    split = Split(args.per) if args.per else None
    if split is Split.UNIT and dataset.units.empty:
        logger.error("%s", words.MALL_NO_UNITS)
        return EXIT_INVALID_DATA
    folder = args.out or OUTPUTS / "formular" / period.code
    missing = without_owner(form_contents(dataset, period, split)) if split else 0
    if missing:
        name = words.FILE_NAME.format(period=period.code, owner=words.NO_OWNER)
        logger.warning("%s", words.MALL_NO_OWNER.format(n=missing, name=name))
    paths = write_forms(dataset, period, folder, split=split, deadline=args.senast)
    logger.info("%s", words.MALL_DONE.format(n=len(paths), period=period.code, folder=folder))
    for path in paths:
        print(path, flush=True)
    if settings is not None and split is not None:
        return send_forms(args, settings, dataset, period, split, folder, paths)
    return EXIT_OK


FORM_SUFFIXES = (".xlsx", ".xlsm")  # what Excel saves a form as, with or without macros
NOT_FORM_SUFFIXES = (".xls", ".xlsb", ".ods", ".numbers", ".csv")  # said, never skipped silently


def _form_paths(given: list[Path]) -> list[Path]:
    """The forms named, a folder standing for the .xlsx and .xlsm files in it (not hidden
    ones); another spreadsheet in the folder is named in a warning."""
    from hsn_analysis.words import forms as words

    paths: list[Path] = []
    for path in given:
        if path.is_dir():
            visible = sorted(p for p in path.iterdir() if p.name[0] not in ".~" and p.is_file())
            paths += [p for p in visible if p.suffix.lower() in FORM_SUFFIXES]
            for other in (p for p in visible if p.suffix.lower() in NOT_FORM_SUFFIXES):
                logger.warning("%s", words.FORM_OTHER_FILE.format(name=other.name))
        elif path.exists():
            paths.append(path)
        else:
            raise UsageError(f"hittar inte formuläret: {path}")
    if not paths:
        raise UsageError("inga formulär (.xlsx eller .xlsm) att samla in.")
    return paths


def samla_command(args: argparse.Namespace) -> int:
    """`samla --data D --out D2 FORMS…`: exit 0 when D2 is written, 1 on errors in the forms."""
    data, out = args.data, args.out
    if not data.exists():
        raise UsageError(f"hittar inte data: {data}")
    if out.exists():
        raise UsageError(f"{out} finns redan; samla skriver ett nytt dataset, välj ett nytt namn.")
    if data.is_file() != (out.suffix.lower() == ".xlsx"):
        raise UsageError(
            "--out blir samma slags dataset som --data: en mapp för en mapp med CSV-filer, "
            "en .xlsx-fil för en arbetsbok."
        )
    if not out.parent.is_dir():
        raise UsageError(f"mappen {out.parent} finns inte.")
    paths = _form_paths(args.formular)
    from hsn_analysis.words import forms as words

    dataset = _load(data, words.SAMLA_INVALID)
    if dataset is None:
        return EXIT_INVALID_DATA
    from hsn_analysis.forms.merge import collect_forms

    result = collect_forms(
        dataset, data, out, paths, replace=args.ersatt, partial=args.delvis, today=args.today
    )
    for problem in result.problems:
        print(problem, flush=True)
    n_errors, n_warnings = len(errors(result.problems)), len(warnings(result.problems))
    if result.unanswered:
        names = ", ".join(result.unanswered)
        logger.warning(
            "%s",
            words.SAMLA_UNITS_UNANSWERED.format(
                n=len(result.unanswered), total=result.units, units=names
            ),
        )
    if n_warnings:
        logger.warning("%s", words.SAMLA_WARNINGS.format(n=n_warnings))
    if not result.written:
        logger.error("%s", words.SAMLA_NOTHING.format(n=n_errors))
        return EXIT_INVALID_DATA
    if n_errors:
        logger.warning("%s", words.SAMLA_PARTIAL.format(n=n_errors))
    assert result.period is not None  # written implies a period was read
    done = words.SAMLA_DONE.format(
        subgoals=result.merged.get("bedomningar", 0),
        indicators=result.merged.get("utfall", 0),
        period=result.period.code,
        forms=result.forms,
        path=out,
    )
    logger.info("%s", done)
    if result.units:
        logger.info(
            "%s",
            words.SAMLA_UNITS_DONE.format(
                subgoals=result.merged.get("enhetsbedomningar", 0),
                indicators=result.merged.get("enhetsutfall", 0),
                period=result.period.code,
            ),
        )
    print(out, flush=True)
    return EXIT_OK
