"""Every Swedish word a user reads on a page: statuses, periods, report, index and mail texts.

Messages about what went wrong (input data, mail configuration, sending) are in `messages`.
"""

# The period words live with the periods, at the bottom of the package, and are shown here too.
from hsn_analysis.periods import PERIOD_DESCRIPTION as PERIOD_DESCRIPTION
from hsn_analysis.periods import PERIOD_FORMATS as PERIOD_FORMATS
from hsn_analysis.periods import period_hint as period_hint
from hsn_analysis.vocabulary import Change, IndicatorStatus, SubgoalStatus, TargetType

# The phrase used inside the count sentence ("bedömningen per augusti", "bedömningen för helåret").
PERIOD_IN_SENTENCE = {1: "per april", 2: "per augusti", 3: "för helåret"}

# Keyed by the enums, looked up with the codes read from the data (a StrEnum member is its str).
SUBGOAL_STATUS_LABEL: dict[str, str] = {
    SubgoalStatus.GREEN: "Kommer att uppnås",
    SubgoalStatus.YELLOW: "Kommer delvis att uppnås",
    SubgoalStatus.RED: "Kommer inte att uppnås",
    SubgoalStatus.NOT_ASSESSED: "Ej bedömd",
}

INDICATOR_STATUS_LABEL: dict[str, str] = {
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

# Short status words for tables and terminal output.
SHORT_STATUS = {
    "gron": "Uppnås",
    "gul": "Delvis",
    "rod": "Uppnås ej",
    "ej_bedomd": "Ej bedömd",
}

# Indicator statuses in the narrow history tables beside the trend charts.
SHORT_INDICATOR_STATUS = {
    "gron": "Nås",
    "gul": "Nära",
    "rod": "Nås inte",
    "helar": "Vid helår",
    "utfall_saknas": "Saknas",
    "malvarde_saknas": "Mål saknas",
    "jamforelse_saknas": "Jfr saknas",
    "ingen": "Inget mål",
}

# öka/minska indicators are coloured by the direction of change, not by nearness to a target.
TREND_STATUS_LABEL = {
    "gron": "Utvecklas åt rätt håll",
    "gul": "Oförändrat",
    "rod": "Utvecklas åt fel håll",
}
SHORT_TREND_STATUS = {"gron": "Rätt håll", "gul": "Oförändrat", "rod": "Fel håll"}
_TREND_KINDS = (TargetType.INCREASE, TargetType.DECREASE)


def indicator_status_text(status: str, kind: str = "", *, short: bool = False) -> str:
    """The report's word for an indicator status (`short`: the narrow tables' word). For
    `öka`/`minska` (`kind`) the colours say which way the value moved, so the words do too."""
    if kind in _TREND_KINDS and status in TREND_STATUS_LABEL:
        return (SHORT_TREND_STATUS if short else TREND_STATUS_LABEL)[status]
    if short:
        return SHORT_INDICATOR_STATUS[status]
    return INDICATOR_STATUS_LABEL[IndicatorStatus(status)]


EXAMPLE_DATA_BANNER = "EXEMPELDATA: siffrorna är påhittade och beskriver ingen verklig verksamhet."

# Subgoals.Deviation values (the evidence check).
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


# --- charts ---
CHART_SUBGOAL_COUNT = "Antal delmål"  # x axis of charts.status_per_goal
CHART_NO_GOALS = "Inga mål att visa"
CHART_NO_VALUES = "Inga utfall att visa"
CHART_VALUE = "Utfall"  # legend of charts.indicator_trend
CHART_TARGET = "Målvärde"
CHART_TREND_TICK = "T{t}\n{year}"  # a period on the x axis
CHART_TREND_TICK_SHORT = "T{t}"  # the same, when many periods leave room for the year only once
# Alt texts for screen readers; periods are Period.label ("Tertial 2 2025"), numbers format_number.
ALT_STATUS_INTRO = "Liggande stapeldiagram över antal delmål per status för varje mål."
ALT_NO_SUBGOALS = "inga delmål"
ALT_TREND_INTRO = "Linjediagram över utfall för {indicator} {span} {target}."
ALT_TREND_SPAN = "från {first} till {last}"
ALT_TREND_ONE = "under {period}"
ALT_TREND_TARGET = "med målvärde {target}"
ALT_TREND_TARGETS = "med målvärde {target} (tidigare {earlier})"
ALT_TREND_NO_TARGET = "utan målvärde"
ALT_TREND_REPORT = "Utfall {period}: {value}"
ALT_TREND_REPORT_MISSING = "{period}: {status}."
ALT_TREND_VALUES = "Alla utfall: {values}."
ALT_VALUE_MISSING = "saknas"

# --- Rapportindex ---
# index.write_index: the list of every report in the output folder (outputs/index.html).
INDEX_TITLE = "Uppföljningsrapporter"
INDEX_TITLE_BOARD = "Uppföljningsrapporter – {board}"
INDEX_UPDATED = "Listan uppdaterades {when}."
INDEX_INTRO = (
    "Den gällande rapporten är den senaste som lyckades för perioden. Ersatta rapporter "
    "sparas i periodens mapp tidigare."
)
INDEX_EMPTY = "Det finns inga rapporter ännu. Listan fylls i när den första rapporten är klar."
INDEX_CAPTION = "Alla rapporter, den senaste perioden först."
INDEX_HEADERS = {
    "period": "Period",
    "run": "Körd",
    "subgoals": "Delmål",
    "report": "Rapport",
    "state": "Läge",
    "mail": "Utskick",
}
INDEX_STATE = {"current": "Gällande", "replaced": "Ersatt", "failed": "Misslyckad körning"}
INDEX_EXAMPLE_DATA = "Exempeldata"
# The link to a report's PDF/A beside the link to its page, in the index.
INDEX_PDF = "PDF/A"
INDEX_MISSING = "uppgift saknas"
INDEX_FILE_TIME = "{when} (filens tid)"
INDEX_RECORD_MISSING = "Körningsposten saknas."
INDEX_RECORD_UNREADABLE = "Körningsposten går inte att läsa."
INDEX_FAILED_NOTE = "Notebooken sparas för felsökning; den gällande rapporten är oförändrad."
INDEX_SENT = "Skickad {when} till {n} mottagare"
INDEX_SENT_PARTLY = "Skickad {when} till {delivered} av {total}"
INDEX_SENT_REFUSED = "nekad: {addresses}"
INDEX_SENT_NOT_SENT = "ej skickad: {addresses}"
INDEX_SEND_FAILED = "Misslyckades {when}: {error}"
INDEX_MAIL_LOG_UNREADABLE = "Utskicksloggen går inte att läsa."
INDEX_NOT_SENT = "—"
INDEX_TIME = "{day} {month} {year} kl. {time}"
MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

# --- Utskick (mail) ---
# The subject line of the mail (a template in mottagare.toml).
MAIL_SUBJECT_DEFAULT = "Uppföljning {period} – {namnd}"
MAIL_SUBJECT_FIELDS = {
    "period": "Tertial 2 2025",
    "kod": "2025-T2",
    "namnd": "Hälso- och sjukvårdsnämnden",
    "ar": "2025",
}

# mail_message: the mail itself. The HTML and the text alternative say the same.
MAIL_INTRO = "Här kommer uppföljningen av nämndplanen för {period}, {description}."
MAIL_RED_HEADING = "Delmål som inte kommer att uppnås"
MAIL_RED_NONE = "Inget delmål har bedömningen att det inte kommer att uppnås."
MAIL_RED_GOAL = "mål {goal}"
MAIL_CHART_HEADING = "Delmål per mål och status"
MAIL_ATTACHMENT = (
    "Hela rapporten finns i den bifogade filen {file}. Den öppnas i valfri webbläsare, även "
    "utan nätverk, och kan skrivas ut."
)
MAIL_CREATED = "Rapporten skapades {when}. Mejlet skickades automatiskt."
MAIL_TEXT_GOAL = "{goal}: {counts}"

MAIL_RESULT_DELIVERED = "levererad"
MAIL_RESULT_REFUSED = "nekad"
MAIL_RESULT_NOT_SENT = "ej_skickad"

# --- The mail's attachments (issue 15) ----------------------------------------------------------
MAIL_ATTACHMENT_PDF = (
    "Hela rapporten finns i den bifogade filen {file}, en PDF/A för diariet och för utskrift."
)
MAIL_ATTACHMENT_BOTH = (
    "Hela rapporten finns i de bifogade filerna {html} (öppnas i valfri webbläsare, även utan "
    "nätverk) och {pdf} (PDF/A för diariet och för utskrift)."
)
