"""One basenhet's report as its page and its PDF read it: the unit's slice of the tertial's
result (`TertialResult.for_unit`) and when its run started."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.result import TertialResult, UnitResult


@dataclass(frozen=True)
class UnitReport:
    """One unit's report: its slice of the tertial's result; the sections only read it."""

    result: TertialResult
    own: UnitResult
    run_started: datetime

    @property
    def dataset(self) -> Dataset:
        """The checked dataset the result was computed from."""
        return self.result.dataset

    @property
    def period(self) -> Period:
        """The report period."""
        return self.result.period

    @property
    def assessments(self) -> pd.DataFrame:
        """`UnitResult.assessments`."""
        return self.own.assessments

    @property
    def standing(self) -> pd.DataFrame:
        """`UnitResult.standing`."""
        return self.own.standing

    @property
    def gaps(self) -> tuple[tuple[str, str], ...]:
        """`UnitResult.gaps`."""
        return self.own.gaps
