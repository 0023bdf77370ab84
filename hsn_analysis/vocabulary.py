"""Closed vocabularies of the follow-up. Values are the codes used in data and JSON."""

from enum import StrEnum


class TargetType(StrEnum):
    """`maltyp`: how an indicator's outcome is judged."""

    AT_LEAST = "minst"  # higher is better, reach at least the target
    AT_MOST = "högst"  # lower is better, stay at or below the target
    INCREASE = "öka"  # shall increase vs the same period last year
    DECREASE = "minska"  # shall decrease vs the same period last year
    NONE = "ingen"  # followed without a target


class Frequency(StrEnum):
    """`frekvens`: when an indicator is reported."""

    TERTIAL = "tertial"
    FULL_YEAR = "helår"  # reported at T3 only


class SubgoalStatus(StrEnum):
    """The assessed status of a delmål (and the rolled-up status of a mål)."""

    GREEN = "gron"  # kommer att uppnås
    YELLOW = "gul"  # kommer delvis att uppnås
    RED = "rod"  # kommer inte att uppnås
    NOT_ASSESSED = "ej_bedomd"


class IndicatorStatus(StrEnum):
    """The status of one indicator in one period."""

    GREEN = "gron"
    YELLOW = "gul"
    RED = "rod"
    NOT_DUE = "helar"  # a full-year indicator in T1/T2
    MISSING_VALUE = "utfall_saknas"
    MISSING_TARGET = "malvarde_saknas"
    MISSING_COMPARISON = "jamforelse_saknas"  # öka/minska without last year's value
    NO_TARGET = "ingen"  # maltyp ingen: followed, never coloured


class RollupRule(StrEnum):
    """How a mål gets one status from its delmål."""

    MAJORITY = "majoritet"  # most common status, a tie goes to the worse
    WORST = "sämsta"


class Change(StrEnum):
    """A delmål's status compared with the previous tertial."""

    BETTER = "battre"
    WORSE = "samre"
    UNCHANGED = "oforandrad"
    NEW = "ny"  # assessed now, not in the previous tertial
    NOT_ASSESSED = "ej_bedomd"  # not assessed now


class Severity(StrEnum):
    """Errors stop a run; warnings are reported and do not."""

    ERROR = "fel"
    WARNING = "varning"


# Worst first: used for "tie goes to the worse" and for comparing periods.
COLOUR_RANK: dict[str, int] = {"rod": 0, "gul": 1, "gron": 2}


class Aggregation(StrEnum):
    """`aggregering`: how the board value of an indicator is made from its units' values."""

    SHARE_YES = "andel_ja"  # each unit answers ja/nej; the board value is the share ja in %
    SUM = "summa"
    MEAN = "medel"
    MEDIAN = "median"


class Measurement(StrEnum):
    """`matning`: what period an indicator's value covers."""

    TERTIAL = "tertial"  # the tertial alone (the default)
    YEAR_TO_DATE = "hittills_i_ar"  # the year to date: T1, T1–T2, the whole year at T3
