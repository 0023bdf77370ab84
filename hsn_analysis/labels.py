"""Every Swedish word a user reads about statuses and periods, kept in one place."""

from hsn_analysis.vocabulary import Change, IndicatorStatus, SubgoalStatus

PERIOD_DESCRIPTION = {1: "per april", 2: "per augusti", 3: "helår"}
# The phrase used inside the count sentence ("bedömningen per augusti", "bedömningen för helåret").
PERIOD_IN_SENTENCE = {1: "per april", 2: "per augusti", 3: "för helåret"}

SUBGOAL_STATUS_LABEL = {
    SubgoalStatus.GREEN: "Kommer att uppnås",
    SubgoalStatus.YELLOW: "Kommer delvis att uppnås",
    SubgoalStatus.RED: "Kommer inte att uppnås",
    SubgoalStatus.NOT_ASSESSED: "Ej bedömd",
}

INDICATOR_STATUS_LABEL = {
    IndicatorStatus.GREEN: "Målvärdet nås",
    IndicatorStatus.YELLOW: "Nära målvärdet",
    IndicatorStatus.RED: "Målvärdet nås inte",
    IndicatorStatus.NOT_DUE: "Redovisas vid helår",
    IndicatorStatus.MISSING_VALUE: "Utfall saknas",
    IndicatorStatus.MISSING_TARGET: "Målvärde saknas",
    IndicatorStatus.MISSING_COMPARISON: "Jämförelsevärde saknas",
    IndicatorStatus.NO_TARGET: "Följs utan målvärde",
}

# A shape per status so that no status is told by colour alone.
STATUS_SYMBOL = {
    "gron": "●",
    "gul": "▲",
    "rod": "■",
    "ej_bedomd": "○",
    "helar": "◷",
    "utfall_saknas": "–",
    "malvarde_saknas": "–",
    "jamforelse_saknas": "–",
    "ingen": "·",
}

CHANGE_LABEL = {
    Change.BETTER: "Förbättrad",
    Change.WORSE: "Försämrad",
    Change.UNCHANGED: "Oförändrad",
    Change.NEW: "Ny bedömning",
    Change.NOT_ASSESSED: "Ej bedömd denna period",
}

PERIOD_FORMATS = "2025-T2, T2 2025, Tertial 2 2025, 2025 T2 eller 2025 (helår)"


def period_hint(value: object) -> str:
    """The message for a period that cannot be read."""
    return f"'{value}' är ingen period. Skriv till exempel {PERIOD_FORMATS}."
