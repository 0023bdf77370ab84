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


# Short status words for tables and terminal output.
SHORT_STATUS = {
    "gron": "Uppnås",
    "gul": "Delvis",
    "rod": "Uppnås ej",
    "ej_bedomd": "Ej bedömd",
}

EXAMPLE_DATA_BANNER = "EXEMPELDATA: siffrorna är påhittade och beskriver ingen verklig verksamhet."

# Subgoals.Deviation values (the evidence check, PRODUCT §5.3).
DEVIATION_LABEL = {
    "gron_delmal_rod_indikator": "Delmålet bedöms uppnås men har röd indikator",
    "rod_delmal_grona_indikatorer": "Delmålet bedöms inte uppnås men indikatorerna är gröna",
}

# narrative.count_sentence. Status phrases worst first, as in the board's own summary; "{n}" is a
# number, "alla 13" or "det".
COUNT_PHRASE = {
    "rod": "{n} inte kommer att uppnås",
    "gul": "{n} delvis kommer att uppnås",
    "gron": "{n} kommer att uppnås",
}
COUNT_SENTENCE = "Av nämndens {total} delmål är bedömningen {period} att {phrases}."
COUNT_ALL = "alla {n}"
COUNT_ONLY_ONE = "Bedömningen {period} av nämndens enda delmål är att {phrase}."
COUNT_ONE_NOT_ASSESSED = "Nämndens enda delmål har inte bedömts {period}."
COUNT_NONE_ASSESSED = "Av nämndens {total} delmål har inget bedömts {period}."
COUNT_NOT_ASSESSED = {1: "{n} delmål är inte bedömt.", 2: "{n} delmål är inte bedömda."}
NO_SUBGOALS = "Nämnden har inga delmål."
IT = "det"  # refers back to "delmål" (neuter)
AND = "och"

# narrative.change_sentence; keys 1 and 2 are singular and plural.
CHANGE_INTRO = "Sedan föregående tertial"
CHANGE_BOTH = "har {better} delmål fått en bättre bedömning och {worse} en sämre"
CHANGE_BETTER = "har {better} delmål fått en bättre bedömning"
CHANGE_WORSE = "har {worse} delmål fått en sämre bedömning"
CHANGE_NONE = "har inget delmål fått en ändrad bedömning"
CHANGE_UNCHANGED = {1: "{n} är oförändrat", 2: "{n} är oförändrade"}
CHANGE_NEW = {1: "{n} saknade bedömning då", 2: "{n} saknade bedömning då"}
CHANGE_NOT_ASSESSED = {1: "{n} är inte bedömt nu", 2: "{n} är inte bedömda nu"}
CHANGE_ALL_UNCHANGED = {
    1: "Sedan föregående tertial är bedömningen av nämndens enda delmål oförändrad.",
    2: "Sedan föregående tertial är bedömningen oförändrad för alla {n} delmål.",
}
CHANGE_NOTHING_ASSESSED = "Inget av nämndens delmål är bedömt detta tertial."
