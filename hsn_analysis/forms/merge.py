"""`hsn-report samla`: the returned forms merged into a new dataset D2, or every reason not to.

Read every form, drop conflicting answers, refuse answers that would overwrite D (unless
replacing is asked for), list who has not answered, write D2 beside its final path, validate
it as any dataset is validated, and only then move it into place. D is never written.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms import output
from hsn_analysis.forms.collect import Answer, FormRead, Value, read_form
from hsn_analysis.forms.content import Split, form_contents
from hsn_analysis.forms.layout import SHEETS, file_names
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
    for path in paths:
        if path.resolve() in seen_paths:
            problems.append(Problem(Severity.WARNING, path.name, words.MSG_FORM_SAME_FILE))
            continue
        seen_paths.add(path.resolve())
        form, found = read_form(path, dataset, period)
        problems += found
        if form is not None:
            period = period or form.period
            forms.append(form)
    if period is None:
        return Collected(False, None, 0, {}, problems)
    answers = [a for form in forms for a in form.answers]
    answers = _without_conflicts(answers, problems)
    problems += _not_answered(dataset, period, forms)
    copy = output.open_copy(data)
    chosen = _without_overwrites(answers, copy, period, replace, problems)
    merged = {layout.table: sum(a.table == layout.table for a in chosen) for layout in SHEETS}
    if errors(problems) and not partial:
        return Collected(False, period, len(forms), merged, problems)
    plan_order = {
        **{i: n for n, i in enumerate(dataset.subgoals["delmal_id"])},
        **{i: n for n, i in enumerate(dataset.indicators["indikator_id"])},
    }
    chosen.sort(key=lambda a: plan_order.get(a.id, len(plan_order)))  # D2 in the plan's order
    for layout in SHEETS:
        rows = [(a.id, dict(a.values)) for a in chosen if a.table == layout.table]
        if rows:
            copy.apply(layout.table, layout.id_column, period, rows)
    temporary = out.parent / f".{out.name}.samlas-{os.getpid()}{out.suffix}"
    output.remove(temporary)  # left by a run that was killed
    try:
        copy.write(temporary)
        result = check_dataset(temporary, today=today)
        if not result.ok:
            problems.append(Problem(Severity.ERROR, out.name, words.MSG_FORM_RESULT_INVALID))
            problems += errors(result.problems)
            return Collected(False, period, len(forms), merged, problems)
        output.commit(temporary, out)
    finally:
        output.remove(temporary)
    return Collected(True, period, len(forms), merged, problems)


def _content(answer: Answer) -> tuple[Value, ...]:
    """What two answers must agree on to be the same answer."""
    return tuple(value for _, value in answer.values)


def _without_conflicts(answers: list[Answer], problems: list[Problem]) -> list[Answer]:
    """One answer per id; an id answered differently twice gets none, and an error at each."""
    groups: dict[tuple[str, str], list[Answer]] = {}
    for answer in answers:
        groups.setdefault((answer.table, answer.id), []).append(answer)
    kept = []
    for group in groups.values():
        if len({_content(a) for a in group}) == 1:
            kept.append(group[0])
            continue
        for answer in group:
            other = next(a for a in group if _content(a) != _content(answer))
            message = words.MSG_FORM_CONFLICT.format(
                what=answer.what, id=answer.id, other=other.source, other_row=other.row
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
    existing = {
        layout.table: copy.existing(layout.table, layout.id_column, period) for layout in SHEETS
    }
    chosen = []
    for answer in answers:
        before = existing[answer.table].get(answer.id)
        if before is None:
            chosen.append(answer)
        elif _same_as(answer, before.cells):
            continue  # already in D: nothing to do
        elif replace:
            chosen.append(answer)
        else:
            message = words.MSG_FORM_OVERWRITE.format(
                what=answer.what,
                id=answer.id,
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
        elif isinstance(value, date):
            parsed = parse_date(text)
            same = parsed is not None and parsed.date() == value
        else:
            same = text == value
        if not same:
            return False
    return True


def _not_answered(dataset: Dataset, period: Period, forms: list[FormRead]) -> list[Problem]:
    """A warning for each owner whose form did not come back, and each row no form had.

    Rows left empty in a returned form were reported as that form was read.
    """
    per_owner = any(f.split == Split.OWNER.value for f in forms)
    contents = form_contents(dataset, period, Split.OWNER if per_owner else None)
    names = file_names([c.owner for c in contents], period)
    seen = set().union(*(f.seen for f in forms))
    problems = []
    for content, name in zip(contents, names, strict=True):
        subgoals = [r for r in content.subgoals if (SHEETS[0].name, r.subgoal_id) not in seen]
        indicators = [r for r in content.indicators if (SHEETS[1].name, r.indicator_id) not in seen]
        if not subgoals and not indicators:
            continue
        owner = content.owner or words.WHOLE_PLAN
        if len(subgoals) == len(content.subgoals) and len(indicators) == len(content.indicators):
            rows = words.MSG_FORM_MISSING_ROWS.format(
                subgoals=len(subgoals), indicators=len(indicators)
            )
            message = words.MSG_FORM_MISSING.format(owner=owner, rows=rows)
            problems.append(Problem(Severity.WARNING, name, message))
            continue
        for sheet, ids in (
            (SHEETS[0], [r.subgoal_id for r in subgoals]),
            (SHEETS[1], [r.indicator_id for r in indicators]),
        ):
            for row_id in ids:
                message = words.MSG_FORM_ROW_MISSING.format(what=sheet.what, id=row_id, owner=owner)
                problems.append(Problem(Severity.WARNING, name, message, None, None, row_id))
    return problems
