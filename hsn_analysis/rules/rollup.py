"""Counting delmål per status and rolling them up to one status per mål."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.vocabulary import COLOUR_RANK, RollupRule, SubgoalStatus

# The counts are headed by the status codes they count (gron, gul, rod, ej_bedomd).
ROLLUP_COLUMNS = ["mal_id", "namn", "antal", "gron", "gul", "rod", "ej_bedomd", "status"]

# Colours worst first, so that argmax's "first of equal maxima" is "a tie goes to the worse".
_WORST_FIRST = sorted(COLOUR_RANK, key=COLOUR_RANK.__getitem__)


@dataclass(frozen=True)
class StatusCounts:
    """Number of delmål per status; `not_assessed` is everything not green, yellow or red."""

    total: int
    green: int
    yellow: int
    red: int
    not_assessed: int

    def of(self, status: str) -> int:
        """The number of delmål with `status` (a SubgoalStatus code)."""
        return {
            SubgoalStatus.GREEN: self.green,
            SubgoalStatus.YELLOW: self.yellow,
            SubgoalStatus.RED: self.red,
            SubgoalStatus.NOT_ASSESSED: self.not_assessed,
        }[SubgoalStatus(status)]

    @property
    def assessed(self) -> int:
        """The delmål that have a green, yellow or red assessment."""
        return self.green + self.yellow + self.red


def count_statuses(statuses: pd.Series) -> StatusCounts:
    """Count SubgoalStatus values; anything other than gron/gul/rod counts as not assessed."""
    green = int(statuses.eq(SubgoalStatus.GREEN).sum())
    yellow = int(statuses.eq(SubgoalStatus.YELLOW).sum())
    red = int(statuses.eq(SubgoalStatus.RED).sum())
    total = len(statuses)
    return StatusCounts(total, green, yellow, red, total - green - yellow - red)


def goal_rollup(
    dataset: Dataset, subgoals: pd.DataFrame, rule: RollupRule | str | None = None
) -> pd.DataFrame:
    """One row per mål in plan order: delmål counted per status and the mål's own status.

    `subgoals` is `subgoal_results(...)`. The rule defaults to the dataset's: `majoritet` takes the
    most common status among the assessed delmål (a tie goes to the worse), `sämsta` the worst of
    them. Not-assessed delmål are counted but never decide; a mål with no assessed delmål (or no
    delmål at all) is `ej_bedomd`.
    """
    rule = RollupRule(rule if rule is not None else dataset.settings.rollup_rule)
    goals = dataset.goals[["mal_id", "namn"]].reset_index(drop=True)
    n = len(goals)
    goal_pos = pd.Index(goals["mal_id"]).get_indexer(subgoals["mal_id"])
    statuses = [*_WORST_FIRST, SubgoalStatus.NOT_ASSESSED.value]
    status_pos = pd.Index(statuses).get_indexer(subgoals["status"])
    status_pos[status_pos < 0] = len(statuses) - 1  # anything else: not assessed
    # Validation rejects a delmål of an unknown mål; never leave one out of the counts silently.
    if (goal_pos < 0).any():
        raise ValueError("delmal: a delmål names a mål that is not in the plan")
    counts = np.bincount(
        goal_pos * len(statuses) + status_pos, minlength=n * len(statuses)
    ).reshape(n, len(statuses))

    colours = counts[:, : len(_WORST_FIRST)]
    if rule is RollupRule.MAJORITY:
        decided = colours.argmax(axis=1)
    else:
        decided = (colours > 0).argmax(axis=1)
    status = np.where(
        colours.sum(axis=1) > 0,
        np.array(_WORST_FIRST, dtype=object)[decided],
        SubgoalStatus.NOT_ASSESSED.value,
    )
    by_status = dict(zip(statuses, counts.T.astype(np.int64), strict=True))
    result = goals.assign(
        antal=counts.sum(axis=1).astype(np.int64),
        gron=by_status[SubgoalStatus.GREEN.value],
        gul=by_status[SubgoalStatus.YELLOW.value],
        rod=by_status[SubgoalStatus.RED.value],
        ej_bedomd=by_status[SubgoalStatus.NOT_ASSESSED.value],
        status=pd.array(status, dtype="str"),
    )
    return result[ROLLUP_COLUMNS]
