"""`hsn-report samla`: the returned forms merged into a new dataset D2, or every reason not to.

Read every form, drop conflicting answers, refuse answers that would overwrite D (unless
replacing is asked for), list who has not answered, write D2 beside its final path, validate
it as any dataset is validated, and only then move it into place. D is never written.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms import output
from hsn_analysis.forms.collect import YES_NO, Answer, FormRead, UnitPlans, Value, read_form
from hsn_analysis.forms.content import Split, form_contents
from hsn_analysis.forms.layout import ALL_SHEETS, SheetLayout, file_names, sheets_for
from hsn_analysis.periods import Period
from hsn_analysis.problems import Problem, errors
from hsn_analysis.reading.cells import STATUS_WORDS, fold, parse_date, parse_number
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words import forms as words


@dataclass(frozen=True)
class Collected:
    """The outcome of `samla`: whether D2 was written, what went in, and every problem."""

    written: bool
    period: Period | None
    forms: int
    merged: dict[str, int]  # table → rows added or replaced
    problems: list[Problem]
    units: int = 0  # units expected to answer (with unit forms among the forms)
    unanswered: tuple[str, ...] = ()  # those of them with a row not answered, as forms name them


def collect_forms(
    dataset: Dataset,
    data: Path,
    out: Path,
    paths: list[Path],
    *,
    replace: bool = False,
    partial: bool = False,
    today: date | None = None,
) -> Collected:
    """Merge the answers of the forms at `paths` into a copy of `data` written to `out`.

    `dataset` is `data` already validated. Nothing is written when there is an error, unless
    `partial`: then the clean answers go in and the problems list the rest.
    """
    problems: list[Problem] = []
    forms: list[FormRead] = []
    period: Period | None = None
    seen_paths: set[Path] = set()
    plans = UnitPlans()  # every form read against the same plan
    for path in paths:
        if path.resolve() in seen_paths:
            problems.append(Problem(Severity.WARNING, path.name, words.MSG_FORM_SAME_FILE))
            continue
        seen_paths.add(path.resolve())
        form, found = read_form(path, dataset, period, plans)
        problems += found
        if form is not None:
            period = period or form.period
            forms.append(form)
    if period is None:
        return Collected(False, None, 0, {}, problems)
    units = _unanswered_units(dataset, period, forms)
    answers = [a for form in forms for a in form.answers]
    answers = _without_conflicts(answers, problems)
    problems += _not_answered(dataset, period, forms)
    copy = output.open_copy(data)
    chosen = _without_overwrites(answers, copy, period, replace, problems)
    asked = [s for s in ALL_SHEETS if not s.unit_column or units[0]]  # unit tables: unit forms
    merged = {layout.table: sum(a.table == layout.table for a in chosen) for layout in asked}
    if errors(problems) and not partial:
        return Collected(False, period, len(forms), merged, problems, *units)
    plan = dataset.plan_for(period.year)
    plan_order = {
        **{i: n for n, i in enumerate(plan.subgoals["delmal_id"])},
        **{i: n for n, i in enumerate(plan.indicators["indikator_id"])},
    }
    chosen.sort(key=lambda a: plan_order.get(a.id, len(plan_order)))  # D2 in the plan's order
    for layout in ALL_SHEETS:
        rows = [(_key(a, layout), dict(a.values)) for a in chosen if a.table == layout.table]
        if rows:
            copy.apply(layout.table, layout.key, period, rows)
    temporary = out.parent / f".{out.name}.samlas-{os.getpid()}{out.suffix}"
    output.remove(temporary)  # left by a run that was killed
    try:
        copy.write(temporary)
        result = check_dataset(temporary, today=today)
        if not result.ok:
            problems.append(Problem(Severity.ERROR, out.name, words.MSG_FORM_RESULT_INVALID))
            problems += [_as_named(p, temporary, out) for p in errors(result.problems)]
            return Collected(False, period, len(forms), merged, problems, *units)
        output.commit(temporary, out)
    finally:
        output.remove(temporary)
    return Collected(True, period, len(forms), merged, problems, *units)


def _as_named(problem: Problem, temporary: Path, out: Path) -> Problem:
    """A problem of the copy being checked as the user knows it: by D2's name, never the
    hidden temporary file's."""

    def named(text: str | None) -> str | None:
        if text is None:
            return None
        return text.replace(str(temporary), str(out)).replace(temporary.name, out.name)

    return replace(
        problem,
        source=named(problem.source) or out.name,
        message=named(problem.message) or "",
        value=named(problem.value),
    )


def _unanswered_units(
    dataset: Dataset, period: Period, forms: list[FormRead]
) -> tuple[int, tuple[str, ...]]:
    """How many units were asked, and those with a row no returned form answered readably
    (form missing, row missing, left empty or unreadable); (0, ()) without unit forms."""
    if not any(f.split == Split.UNIT.value for f in forms):
        return 0, ()
    answered = {(a.table, a.id, a.unit) for f in forms for a in f.answers}
    sheets = sheets_for(Split.UNIT.value)
    contents = form_contents(dataset, period, Split.UNIT)
    missing = [
        c.owner or c.unit_id
        for c in contents
        if any((sheets[0].table, r.subgoal_id, c.unit_id) not in answered for r in c.subgoals)
        or any((sheets[1].table, r.indicator_id, c.unit_id) not in answered for r in c.indicators)
    ]
    return len(contents), tuple(missing)


def _key(answer: Answer, layout: SheetLayout) -> tuple[str, ...]:
    """The answer's row of its table: the id, and on a unit's form the unit."""
    return (answer.id, answer.unit) if layout.unit_column else (answer.id,)


def _named(answer: Answer) -> str:
    """The answer's id as messages name it: with the unit on a unit's form."""
    return words.UNIT_ROW_ID.format(id=answer.id, unit=answer.unit) if answer.unit else answer.id


def _content(answer: Answer) -> tuple[Value, ...]:
    """What two answers must agree on to be the same answer."""
    return tuple(value for _, value in answer.values)


def _without_conflicts(answers: list[Answer], problems: list[Problem]) -> list[Answer]:
    """One answer per id; an id answered differently twice gets none, and an error at each."""
    groups: dict[tuple[str, str, str], list[Answer]] = {}
    for answer in answers:
        groups.setdefault((answer.table, answer.id, answer.unit), []).append(answer)
    kept = []
    for group in groups.values():
        if len({_content(a) for a in group}) == 1:
            kept.append(group[0])
            continue
        for answer in group:
            other = next(a for a in group if _content(a) != _content(answer))
            message = words.MSG_FORM_CONFLICT.format(
                what=answer.what, id=_named(answer), other=other.source, other_row=other.row
            )
            problems.append(
                Problem(Severity.ERROR, answer.source, message, answer.row, None, answer.id)
            )
    return kept


def _without_overwrites(
    answers: list[Answer],
    copy: output.DatasetCopy,
    period: Period,
    replace: bool,
    problems: list[Problem],
) -> list[Answer]:
    """The answers to write: none that D already has, none that would change D without
    `replace` (an error each)."""
    tables = {a.table for a in answers}  # a unit table D lacks is only read when answered
    layouts = {layout.table: layout for layout in ALL_SHEETS if layout.table in tables}
    existing = {t: copy.existing(t, layout.key, period) for t, layout in layouts.items()}
    chosen = []
    for answer in answers:
        before = existing[answer.table].get(_key(answer, layouts[answer.table]))
        if before is None:
            chosen.append(answer)
        elif _same_as(answer, before.cells):
            continue  # already in D: nothing to do
        elif replace:
            chosen.append(answer)
        else:
            message = words.MSG_FORM_OVERWRITE.format(
                what=answer.what,
                id=_named(answer),
                period=period.code,
                source=before.source,
                row=before.row,
            )
            problems.append(
                Problem(Severity.ERROR, answer.source, message, answer.row, None, answer.id)
            )
    return chosen


def _same_as(answer: Answer, cells: dict[str, str]) -> bool:
    """Whether D's row already says what the answer says."""
    for key, value in answer.values:
        text = cells.get(key, "")
        if value is None:
            same = text == ""
        elif key == "status":
            same = STATUS_WORDS.get(fold(text)) == value
        elif isinstance(value, float):
            number = parse_number(text)
            same = number is not None and math.isclose(number, value, abs_tol=1e-9)
        elif key == "varde" and isinstance(value, str):  # a unit's ja/nej, however D spells it
            same = YES_NO.get(fold(text)) == value
        elif isinstance(value, date):
            parsed = parse_date(text)
            same = parsed is not None and parsed.date() == value
        else:
            same = text == value
        if not same:
            return False
    return True


def _not_answered(dataset: Dataset, period: Period, forms: list[FormRead]) -> list[Problem]:
    """A warning for each owner or unit whose form did not come back, and each row no form had.

    Rows left empty in a returned form were reported as that form was read. Unit forms are
    checked against every unit of `enheter`, the others against the plan's owners.
    """
    splits = {f.split for f in forms}
    problems = []
    if splits - {Split.UNIT.value}:
        per_owner = Split.OWNER.value in splits
        problems += _missing(dataset, period, forms, Split.OWNER if per_owner else None)
    if Split.UNIT.value in splits:
        problems += _missing(dataset, period, forms, Split.UNIT)
    return problems


def _missing(
    dataset: Dataset, period: Period, forms: list[FormRead], split: Split | None
) -> list[Problem]:
    contents = form_contents(dataset, period, split)
    names = file_names([c.owner for c in contents], period)
    seen = set().union(*(f.seen for f in forms))
    sheets = sheets_for(split.value if split else "")
    unit = split is Split.UNIT
    problems = []
    for content, name in zip(contents, names, strict=True):
        at = content.unit_id
        subgoals = [r for r in content.subgoals if (sheets[0].table, r.subgoal_id, at) not in seen]
        indicators = [
            r for r in content.indicators if (sheets[1].table, r.indicator_id, at) not in seen
        ]
        if not subgoals and not indicators:
            continue
        owner = content.owner or words.WHOLE_PLAN
        if len(subgoals) == len(content.subgoals) and len(indicators) == len(content.indicators):
            rows = words.MSG_FORM_MISSING_ROWS.format(
                subgoals=len(subgoals), indicators=len(indicators)
            )
            template = words.MSG_FORM_UNIT_MISSING if unit else words.MSG_FORM_MISSING
            message = template.format(owner=owner, rows=rows)
            problems.append(Problem(Severity.WARNING, name, message))
            continue
        template = words.MSG_FORM_UNIT_ROW_MISSING if unit else words.MSG_FORM_ROW_MISSING
        for sheet, ids in (
            (sheets[0], [r.subgoal_id for r in subgoals]),
            (sheets[1], [r.indicator_id for r in indicators]),
        ):
            for row_id in ids:
                message = template.format(what=sheet.what, id=row_id, owner=owner)
                problems.append(Problem(Severity.WARNING, name, message, None, None, row_id))
    return problems
