"""What each owner (or unit) still owes: the rows of their form that no returned form answers.

Read as `samla` reads the forms, so a row counts as answered exactly when `samla` would take it:
a row left empty, an unreadable answer or a form not returned leaves the row outstanding.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms.collect import UnitPlans, read_form
from hsn_analysis.forms.content import (
    FormContent,
    IndicatorRow,
    Split,
    SubgoalRow,
    UnitIndicatorRow,
    form_contents,
)
from hsn_analysis.forms.layout import sheets_for
from hsn_analysis.periods import Period


@dataclass(frozen=True)
class Outstanding:
    """One form's rows still without a readable answer, and whether the form came back."""

    content: FormContent
    subgoals: tuple[SubgoalRow, ...]
    indicators: tuple[IndicatorRow | UnitIndicatorRow, ...]
    returned: bool

    @property
    def complete(self) -> bool:
        """True when every row of the form has an answer."""
        return not self.subgoals and not self.indicators


def outstanding(
    dataset: Dataset, period: Period, split: Split, paths: list[Path]
) -> list[Outstanding]:
    """Every form of `period` split by `split`, with what the returned forms at `paths` leave
    unanswered (in the order of `form_contents`)."""
    answered: set[tuple[str, str, str]] = set()
    plans = UnitPlans()
    returned: set[str] = set()
    for path in paths:
        form, _ = read_form(path, dataset, period, plans)
        if form is None or form.split != split.value:
            continue
        answered |= {(a.table, a.id, a.unit) for a in form.answers}
        returned.add(form.unit or form.owner or "")
    subgoal_sheet, indicator_sheet = sheets_for(split.value)
    result = []
    for content in form_contents(dataset, period, split):
        unit = content.unit_id
        subgoals = tuple(
            r for r in content.subgoals if (subgoal_sheet.table, r.subgoal_id, unit) not in answered
        )
        indicators = tuple(
            r
            for r in content.indicators
            if (indicator_sheet.table, r.indicator_id, unit) not in answered
        )
        key = unit or content.owner or ""
        result.append(Outstanding(content, subgoals, indicators, key in returned))
    return result
