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


# --- loading: messages about input data ---
MSG_NO_CSV_FILE = "Filen saknas: hittade ingen {name}.csv i mappen {folder}."
MSG_NO_SETTINGS_FILE = (
    "Filen saknas: hittade ingen installningar.toml i mappen {folder}. Den ska innehålla "
    'minst namn och ar, t.ex. namn = "Hälso- och sjukvårdsnämnden" och ar = 2025.'
)
MSG_NO_SHEET = "Bladet {name} saknas i arbetsboken. Blad som finns: {found}."
MSG_SAME_NAME = (
    "Flera {what} motsvarar {name}: {files}. Ta bort eller byt namn på den som inte ska användas."
)
MSG_NOT_DATASET = (
    "Kan inte läsa {name} som indata. Ange en mapp med CSV-filer (mal.csv, delmal.csv, "
    "indikatorer.csv, utfall.csv, bedomningar.csv och installningar.toml) eller en "
    "Excel-arbetsbok (.xlsx) med blad med samma namn."
)
MSG_OLD_XLS = "Det gamla Excel-formatet .xls kan inte läsas. Spara arbetsboken som .xlsx."
MSG_UNREADABLE = "Filen går inte att läsa ({reason})."
MSG_NOT_WORKBOOK = (
    "Filen går inte att öppna som Excel-arbetsbok (.xlsx); den verkar vara skadad eller av "
    "en annan sort. Spara den från Excel som Excel-arbetsbok (.xlsx)."
)
MSG_BAD_SHEET = "Bladet går inte att läsa; arbetsboken verkar vara skadad."
MSG_NUL = (
    "Filen innehåller NUL-tecken och är ingen CSV-textfil. "
    "Spara den från Excel som 'CSV UTF-8 (kommaavgränsad)'."
)
MSG_ENCODING = (
    "Filen går inte att läsa som text: tecknet på byte {offset} är varken UTF-8 eller "
    "Windows-1252. Spara den från Excel som 'CSV UTF-8 (kommaavgränsad)'."
)
MSG_CSV_ERROR = (
    'Raden går inte att läsa som CSV, troligen för att ett värde börjar med citattecken (") '
    "som aldrig avslutas. Kontrollera citattecknen."
)
MSG_EMPTY = "{what} är tom. Första raden ska vara kolumnrubriker, t.ex. {example}."
MSG_EXTRA_VALUES = (
    "Raden har {n} värden men det finns bara {width} kolumnrubriker. Kontrollera "
    "avgränsaren: ett tal med decimalkomma måste stå inom citattecken när avgränsaren är "
    "komma (eller använd semikolon som avgränsare)."
)
MSG_NO_HEADER = "Kolumn nr {n} har ingen rubrik, så dess värden används inte."
MSG_TOML_SYNTAX = (
    "Felaktig TOML på rad {line}{column}. Skriv en inställning per rad som nyckel = värde "
    'med text inom citattecken och decimalpunkt, t.ex. namn = "Hälso- och sjukvårdsnämnden", '
    "ar = 2025, gul_fran = 85.5."
)
MSG_SETTINGS_ROWS = (
    "Inställningarna ska stå på en enda rad under rubrikraden; rad {first} används redan."
)

# --- validation: messages about input data ---
MSG_PATH_MISSING = (
    "Hittar inte {path}. Ange en mapp med CSV-filer eller en Excel-arbetsbok (.xlsx)."
)
MSG_MISSING_COLUMN = "Kolumnen {column} saknas. Kolumner som finns: {found}."
MSG_SAME_COLUMN = "Kolumnen betyder samma sak som {other} ({column}). Ta bort den ena."
MSG_UNKNOWN_COLUMN = "Kolumnen används inte. Kolumner som används i {table}: {known}."
MSG_EMPTY_CELL = "Värde saknas. Kolumnen {column} måste fyllas i på varje rad."
MSG_DUPLICATE_ID = "{column} finns redan på rad {first}. Varje {column} får bara finnas en gång."
MSG_UNKNOWN_ID = "Okänt {column}: finns inte i {target}. Giltiga är t.ex. {sample}."
MSG_NO_IDS = "Okänt {column}: {target} har inga rader."
MSG_NOT_NUMBER = (
    "Inte ett tal. Skriv bara siffror, t.ex. 12,5 eller 1 234 (decimalkomma eller "
    "decimalpunkt; ett %-tecken efter talet går bra)."
)
MSG_PERCENT_RANGE = "gul_fran är procent av målvärdet och måste vara mellan 0 och 100, t.ex. 90."
MSG_TARGET_TYPE = "Okänd måltyp. Giltiga värden: minst, högst, öka, minska, ingen."
MSG_FREQUENCY = "Okänd frekvens. Giltiga värden: tertial, helår."
MSG_STATUS = (
    "Okänd status. Giltiga värden: uppnås (grön), delvis (gul), uppnås ej (röd); även "
    "kommer att uppnås, kommer delvis att uppnås och kommer inte att uppnås."
)
MSG_DATE = "Inte ett datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-09-26."
MSG_NO_TARGET = (
    "Indikatorn har måltyp {kind} men inget målvärde: fyll i malvarde här eller i utfall. "
    "Använd måltyp ingen för en indikator som följs utan målvärde."
)
MSG_TWO_OUTCOMES = (
    "Indikatorn {id} har redan ett utfall för {period} på rad {first}. Det får bara finnas "
    "ett utfall per indikator och period (2025 och 2025-T3 är samma period)."
)
MSG_TWO_ASSESSMENTS = (
    "Delmålet {id} har redan en bedömning för {period} på rad {first}. Det får bara finnas "
    "en bedömning per delmål och period (2025 och 2025-T3 är samma period)."
)
MSG_FULL_YEAR_EARLY = (
    "Indikatorn {id} har frekvens helår och redovisas bara för helåret. Skriv perioden som "
    "{year} eller {year}-T3, eller ändra indikatorns frekvens till tertial."
)
MSG_FUTURE = "Perioden {period} har inte börjat än (den börjar {start}). Kontrollera året."
MSG_NOT_ASSESSED = (
    "Delmålet {id} har ingen bedömning för {period} och redovisas som ej bedömt, fast "
    "andra delmål är bedömda för perioden."
)
MSG_NO_OUTCOME = (
    "Indikatorn {id} har inget utfall för {period} (utfall saknas), fast andra "
    "indikatorer har utfall för perioden."
)

# --- cells: messages about input data ---
MSG_SETTING_MISSING = "Inställningen {key} saknas. {hint}"
MSG_SETTING_TWICE = "Inställningen {key} står flera gånger ({first}). Ta bort den ena."
MSG_SETTING_UNKNOWN = (
    "Inställningen används inte. Kända inställningar: namn, ar, gul_fran, malstatus_regel, "
    "exempeldata."
)
MSG_SETTING_NOT_SINGLE = "Inställningen ska vara ett enda värde, inte en lista eller tabell."
SETTING_HINTS = {
    "namn": "Ange nämndens namn, t.ex. Hälso- och sjukvårdsnämnden.",
    "ar": "Ange planåret med fyra siffror, t.ex. 2025.",
    "gul_fran": "Ange ett tal mellan 0 och 100 (procent av målvärdet), t.ex. 90.",
    "malstatus_regel": "Giltiga värden: majoritet, sämsta.",
    "exempeldata": "Giltiga värden: true/false, sant/falskt, ja/nej, 1/0.",
}
MSG_SETTING_INVALID = "Ogiltigt värde. {hint}"

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
