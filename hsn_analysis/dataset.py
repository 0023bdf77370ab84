"""The validated dataset: what every calculation reads. Built only by `validation`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

import pandas as pd

from hsn_analysis.plans import PlanHistory, plan_view
from hsn_analysis.problems import Problem
from hsn_analysis.vocabulary import RollupRule

DEFAULT_YELLOW_FROM = 90.0

# Columns of the typed frames, in order. Text columns hold str ("" when empty), numbers float
# (NaN when empty), periods the canonical code "2025-T2" (sorts like the periods), dates
# datetime64 (NaT when empty). Rows keep the order of the input file (the plan's order).
GOAL_COLUMNS = ["mal_id", "namn"]
SUBGOAL_COLUMNS = ["delmal_id", "mal_id", "namn", "ansvarig"]  # ansvarig: a role, optional
INDICATOR_COLUMNS = [
    "indikator_id",
    "delmal_id",
    "namn",
    "maltyp",  # TargetType value
    "malvarde",
    "enhet",
    "frekvens",  # Frequency value
    "gul_fran",
    "ansvarig",  # a role, optional; empty = the delmål's ansvarig (forms are handed out by it)
    "kolada_kpi",  # the indicator's key figure in Kolada ("" when none)
    "kolada_kon",  # T, K or M (T when not given)
    "spc_fran",  # period code from which the SPC limits start anew ("" when none)
    "aggregering",  # Aggregation value, "" for an indicator the board reports itself
    "omrade",  # the only område whose units report it ("" = every unit)
    "kalla",  # where the figures come from (optional)
    "matning",  # Measurement value: tertial (default) or hittills_i_ar (the year to date)
    "kolada_enhet",  # the Kolada key figure's unit ("" when not given)
    "ersatter",  # the indicator this one replaces, from its plan year on ("" when none)
]
# taljare, namnare (optional numbers): the share's or average's numerator and denominator,
# measured as the value is (year-to-date sums for a year-to-date share).
OUTCOME_COLUMNS = ["indikator_id", "period", "varde", "malvarde", "kommentar", "taljare", "namnare"]
ASSESSMENT_COLUMNS = [
    "delmal_id",
    "period",
    "status",  # SubgoalStatus value: gron, gul or rod
    "kommentar",
    "forfattare",
    "datum",
    # The written analysis (optional): analysis, measures, and the full-year forecast as a
    # SubgoalStatus value ("" when not given).
    "analys",
    "atgarder",
    "prognos",
]
# jamforelser: one value per indicator, year and area (Kolada's or filled by hand).
COMPARISON_COLUMNS = [
    "indikator_id",
    "ar",  # int
    "omrade_id",  # Kolada's four digits: 0000 riket, 00NN a region
    "omrade",
    "varde",
    "kpi",
    "kpi_titel",
    "hamtad",  # the fetch time as ISO text ("" when filled by hand)
]
# Basenheter (optional tables): the units, their values of aggregated indicators and their
# own assessments of the delmål.
UNIT_COLUMNS = ["enhet_id", "namn", "omrade", "ansvarig", "e_post"]  # e_post: the unit's chief
# A unit's organisation over time: a row per unit and change, `giltig_fran` the period code from
# which the row holds ("" = from the beginning). Empty when `enheter` has no such column.
UNIT_HISTORY_COLUMNS = [*UNIT_COLUMNS, "giltig_fran"]
UNIT_OUTCOME_COLUMNS = ["indikator_id", "enhet_id", "period", "varde", "kommentar"]
UNIT_ASSESSMENT_COLUMNS = [
    "delmal_id",
    "enhet_id",
    "period",
    "status",  # SubgoalStatus value: gron, gul or rod
    "kommentar",
    "forfattare",
    "datum",
]


# Who the plan's roles are (optional): one row per person of a role, for the mail of the
# tertial's forms and reminders. Addresses are for sending only, never for a report.
OWNER_COLUMNS = ["ansvarig", "namn", "e_post"]
ADDRESS_FIELDS = {"units": "e_post", "unit_history": "e_post", "owners": "e_post"}


# Optional tables (issue 15): a comment per mål and period, and the administration's own
# summary of the tertial (several headed texts per period, in order).
GOAL_ASSESSMENT_COLUMNS = ["mal_id", "period", "kommentar", "forfattare", "datum"]
ANALYSIS_COLUMNS = ["period", "rubrik", "text"]
WRITTEN_TABLES = {"malbedomningar": GOAL_ASSESSMENT_COLUMNS, "analys": ANALYSIS_COLUMNS}
WRITTEN_REQUIRED = {
    "malbedomningar": ("mal_id", "period", "kommentar"),
    "analys": ("period", "text"),
}


@dataclass(frozen=True)
class Settings:
    """`installningar`: the board, the plan year and the rules chosen for it."""

    board_name: str
    year: int
    yellow_from: float = DEFAULT_YELLOW_FROM
    rollup_rule: RollupRule = RollupRule.MAJORITY
    example_data: bool = False
    kolada_id: str | None = None  # the region's area id in Kolada, e.g. 0024
    # The document's particulars for the diarium (all optional; "" / None when not given).
    case_number: str = ""  # diarienummer
    document_date: date | None = None  # dokumentdatum
    document_version: str = ""  # version
    decided_by: str = ""  # beslutsinstans


@dataclass(frozen=True)
class SourceFile:
    """One input file as read, for the report's account of its data."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Dataset:
    """A plan with its follow-up data, free of errors (warnings may remain)."""

    settings: Settings
    goals: pd.DataFrame
    subgoals: pd.DataFrame
    indicators: pd.DataFrame
    outcomes: pd.DataFrame
    assessments: pd.DataFrame
    sources: tuple[SourceFile, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())
    comparisons: pd.DataFrame = field(default_factory=lambda: empty_frame(COMPARISON_COLUMNS))
    # Empty when the dataset has no basenheter; `outcomes` then holds only the board's rows.
    units: pd.DataFrame = field(default_factory=lambda: typed_empty(UNIT_COLUMNS))
    # Every row of `enheter` when units change område over time; `units` is then the latest
    # organisation, and `rules.unit_history.organised_for` gives a period's.
    unit_history: pd.DataFrame = field(default_factory=lambda: typed_empty(UNIT_HISTORY_COLUMNS))
    unit_outcomes: pd.DataFrame = field(default_factory=lambda: typed_empty(UNIT_OUTCOME_COLUMNS))
    unit_assessments: pd.DataFrame = field(
        default_factory=lambda: typed_empty(UNIT_ASSESSMENT_COLUMNS)
    )
    goal_assessments: pd.DataFrame = field(
        default_factory=lambda: empty_frame(GOAL_ASSESSMENT_COLUMNS)
    )
    analyses: pd.DataFrame = field(default_factory=lambda: empty_frame(ANALYSIS_COLUMNS))
    owners: pd.DataFrame = field(default_factory=lambda: typed_empty(OWNER_COLUMNS))
    # Every year's plan when the plan tables have a column `ar`; None for a dataset of one plan
    # (the year of `settings`). `goals`, `subgoals`, `indicators` and `outcomes` are then those
    # of the plan of `settings.year` (see `plans.plan_view`).
    plans: PlanHistory | None = None

    @property
    def periods(self) -> list[str]:
        """Every period code that has an outcome or an assessment, in order."""
        outcomes = self.outcomes if self.plans is None else self.plans.outcomes
        codes = set(outcomes["period"]) | set(self.assessments["period"])
        return sorted(codes)

    @property
    def plan_years(self) -> tuple[int, ...]:
        """The years of the plans the dataset holds (one: the settings' year, without `ar`)."""
        return (self.settings.year,) if self.plans is None else self.plans.years

    def plan_for(self, year: int) -> Dataset:
        """The dataset as a period of `year` reads it: the plan of that year (the latest plan
        not after it, the first plan for earlier years), with its outcomes; itself when it
        holds one plan or already is that year's. Every calculation of a period reads this."""
        if self.plans is None:
            return self
        chosen = self.plans.plan_year(year)
        if chosen == self.settings.year:
            return self
        view = plan_view(self.plans, chosen)
        return replace(
            self,
            settings=replace(self.settings, year=view.year),
            goals=view.goals,
            subgoals=view.subgoals,
            indicators=view.indicators,
            outcomes=view.outcomes,
        )


def empty_frame(columns: list[str]) -> pd.DataFrame:
    """A frame with the given columns and no rows (for tests and empty inputs)."""
    return _empty_template(tuple(columns), typed=False).copy()


def typed_empty(columns: list[str]) -> pd.DataFrame:
    """No rows, with the types validation gives: float numbers, datetime64 dates, str text."""
    return _empty_template(tuple(columns), typed=True).copy()


@cache
def _empty_template(columns: tuple[str, ...], *, typed: bool) -> pd.DataFrame:
    """Built once per column list: a frame of Series costs about a millisecond, its copy 30 µs,
    and every Dataset without units, owners or analyses makes several (the copy is the
    caller's own; the template is never handed out)."""
    kinds = {"malvarde": "float64", "gul_fran": "float64", "varde": "float64"}
    kinds |= {"taljare": "float64", "namnare": "float64"}
    kinds["datum"] = "datetime64[ns]"
    return pd.DataFrame(
        {c: pd.Series(dtype=kinds.get(c, "str") if typed else "object") for c in columns}
    )


def without_addresses(dataset: Dataset) -> Dataset:
    """The dataset with every e-mail address column emptied (the rows and other columns kept)."""
    emptied = {
        name: getattr(dataset, name).assign(**{column: ""})
        for name, column in ADDRESS_FIELDS.items()
        if column in getattr(dataset, name)
    }
    return replace(dataset, **emptied)
