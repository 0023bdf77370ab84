"""The report's Swedish headings and prose. Status words and data messages live in `labels`."""

from datetime import datetime
from zoneinfo import ZoneInfo

TITLE = "{board} – uppföljning av nämndplan {year}, {period}"
HEADING = "Uppföljning av nämndplan {year}"
PERIOD_LINE = "{label}, {description}"
CREATED = "Rapporten skapades {when}."
CONTENTS = "Innehåll"

SUMMARY = "Sammanfattning"
GOALS_TABLE_CAPTION = "Delmål per status och mål. Målets status enligt regeln {rule}."
GOALS_TABLE_HEADERS = ["Mål", "Delmål", "Uppnås", "Delvis", "Uppnås ej", "Ej bedömd", "Målstatus"]
WHOLE_BOARD = "Hela nämnden"
RED_LIST = "Delmål som inte kommer att uppnås"
GREEN_LIST = "Delmål som kommer att uppnås"
NONE_IN_LIST = "Inga delmål."
CHANGES = "Förändring sedan föregående tertial"
CHANGES_HEADERS = ["Delmål", "Mål", "{previous}", "{current}", "Förändring"]
NO_CHANGES_TABLE = "Inget delmål har fått en ändrad bedömning."
KEY_FIGURE_TEXT = {
    "rod": "kommer inte att uppnås",
    "gul": "kommer delvis att uppnås",
    "gron": "kommer att uppnås",
    "ej_bedomd": "är inte bedömda",
}
KEY_FIGURE_TEXT_ONE = {**KEY_FIGURE_TEXT, "ej_bedomd": "är inte bedömt"}

GOAL_HEADING = "{id} {name}"
GOAL_STATUS = "Målets status enligt regeln {rule}:"
GOAL_COUNTS = "{n} delmål: {parts}."
GOAL_NO_SUBGOALS = "Målet har inga delmål i planen."
NOT_ASSESSED = "Delmålet är inte bedömt för {period}."
SIGNATURE = "Bedömt av {author}, {date}"
SIGNATURE_NO_AUTHOR = "Bedömt {date}"
NO_COMMENT = "Bedömningen saknar kommentar."
CHANGE_TEXT = {
    "battre": "Förbättrad sedan {previous} (då: {before})",
    "samre": "Försämrad sedan {previous} (då: {before})",
    "oforandrad": "Oförändrad sedan {previous}",
    "ny": "Ny bedömning; ej bedömd {previous}",
    "ej_bedomd": "",
}
NO_INDICATORS = "Delmålet har inga indikatorer."
INDICATOR_HEADERS = [
    "Period",
    "Status",
    "Utfall{unit}",
    "Mål\u00advärde",
    "Mål\u00adupp\u00adfyllelse (%)",
]
INDICATOR_CAPTION = "Utfall för {name}"
HISTORY_CUT = "Tabellen visar de {shown} senaste perioderna av {total}; diagrammet visar alla."
FULL_YEAR_LATEST = "helår {year}: {value}"
FULL_YEAR_NONE = "inget helårsvärde än"
TARGET_TEXT = {
    "minst": "Målvärde: minst {target}",
    "högst": "Målvärde: högst {target}",
    "öka": "Ska öka jämfört med samma period föregående år",
    "minska": "Ska minska jämfört med samma period föregående år",
    "ingen": "Följs utan målvärde",
}
TARGET_MISSING = "Målvärde saknas"
COMPARISON = {"öka": "öka från {value}", "minska": "minska från {value}"}
COMPARED_WITH = {"öka": "Ska öka från", "minska": "Ska minska från"}
FREQUENCY_TEXT = {"tertial": "följs per tertial", "helår": "följs per helår"}

FULL_YEAR = "Indikatorer som redovisas vid helår"
FULL_YEAR_INTRO_EARLY = (
    "Dessa indikatorer följs per helår och redovisas inte i denna rapport. Tabellen visar det "
    "senaste helårsvärdet. De redovisas med utfall i helårsrapporten (tertial 3)."
)
FULL_YEAR_INTRO_T3 = "Utfallet för {year} för de indikatorer som följs per helår."
FULL_YEAR_HEADERS_EARLY = ["Indikator", "Delmål", "Status", "Senaste helårsvärde", "Målvärde"]
FULL_YEAR_HEADERS_T3 = ["Indikator", "Delmål", "Status", "Utfall", "Målvärde", "Måluppfyllelse (%)"]
NO_FULL_YEAR = "Nämndplanen har inga indikatorer som följs per helår."

DEVIATIONS = "Avvikelser mellan bedömning och indikatorer"
DEVIATIONS_INTRO = (
    "Här listas delmål där bedömningen och indikatorerna pekar åt olika håll: ett delmål som "
    "bedöms uppnås men har en röd indikator, eller ett delmål som bedöms inte uppnås fast alla "
    "dess färgsatta indikatorer är gröna. Det är information, inte fel. Delmålen bedöms varje "
    "tertial medan indikatorerna följs vid bestämda intervall och bara speglar en del av "
    "delmålet, så en indikator kan vara röd medan delmålet är gult eller grönt."
)
DEVIATIONS_HEADERS = ["Delmål", "Bedömning", "Avvikelse", "Indikatorer"]
NO_DEVIATIONS = "Inga avvikelser för {period}."

DATA_QUALITY = "Datakvalitet"
MISSING_ASSESSMENTS = "Delmål utan bedömning"
ALL_ASSESSED = "Alla delmål är bedömda för {period}."
MISSING_VALUES = "Indikatorer utan utfall, målvärde eller jämförelsevärde"
MISSING_VALUES_HEADERS = ["Indikator", "Delmål", "Status"]
NO_MISSING_VALUES = "Alla indikatorer som ska redovisas {period} har utfall och det de jämförs med."
WARNINGS = "Varningar från kontrollen av indata"
NO_WARNINGS = "Kontrollen av indata gav inga varningar."
WARNINGS_INTRO = "Varningarna stoppar inte rapporten men bör rättas i källdata."

ABOUT = "Om rapporten"
HOW = "Så går uppföljningen till"
HOW_TEXT = [
    "Nämndplanen består av mål, delmål och indikatorer. Till varje delmål finns ett antal "
    "indikatorer kopplade, och för de flesta finns ett målvärde som ska uppnås. Indikatorerna "
    "följs upp på central nivå och fungerar som stöd för att följa utvecklingen mot delmålet.",
    "Både delmål och indikatorer följs upp vid delårsrapporteringen: per april (tertial 1), "
    "per augusti (tertial 2) och för helåret (tertial 3). Delmålen följs alltid upp, med en "
    "bedömning av om de kommer att uppnås, en kommentar, vem som bedömt och när. Indikatorerna "
    "redovisas bara vid bestämda intervall; en indikator som följs per helår redovisas inte i "
    "rapporterna för tertial 1 och 2.",
    "Därför kan en indikator vara röd medan delmålet är gult: bedömningen av delmålet väger in "
    "mer än indikatorerna. Avsnittet Avvikelser visar var de pekar åt olika håll.",
]
RULES = "Regler och gränsvärden"
RULES_LIST = [
    (
        "Måluppfyllelse",
        "För måltyp minst: 100 × utfall / målvärde. För måltyp högst: 100 × målvärde / utfall "
        "(utfall 0 betyder att målet nås). Med målvärde 0 beräknas ingen procent; utfallet "
        "jämförs då direkt med målvärdet.",
    ),
    (
        "Färg för indikatorer",
        "Grön när måluppfyllelsen är minst 100 %, gul när den är minst {yellow} av målvärdet, "
        "annars röd. Gränsen gäller som den visas i rapporten, avrundad till två decimaler.",
    ),
    (
        "Öka och minska",
        "Jämförs med samma period föregående år: grön när värdet rört sig åt rätt håll, röd åt "
        "fel håll, gul när det är oförändrat.",
    ),
    (
        "Neutrala lägen",
        "Redovisas vid helår, utfall saknas, målvärde saknas, jämförelsevärde saknas och följs "
        "utan målvärde visas var för sig och räknas aldrig som röda.",
    ),
    (
        "Avrundning",
        "Måluppfyllelse visas med högst två decimaler, avrundat som i Excel (0,5 avrundas "
        "uppåt, bort från noll): 18,5 av 80 blir 23,13.",
    ),
    ("Målets status", "{rule_text}"),
    (
        "Förändring",
        "Delmålets bedömning jämförs med föregående tertial: förbättrad, försämrad, oförändrad "
        "eller ny (ej bedömd då).",
    ),
]
OWN_THRESHOLDS = "Egna gränser för gul"
RULE_TEXT = {
    "majoritet": "Regeln majoritet: den vanligaste bedömningen bland målets bedömda delmål; "
    "vid lika antal gäller den sämre. Delmål som inte är bedömda räknas men avgör inte.",
    "sämsta": "Regeln sämsta: den sämsta bedömningen bland målets bedömda delmål. Delmål som "
    "inte är bedömda räknas men avgör inte.",
}
DATA = "Data"
DATA_SOURCE = "Källa: {path}"
DATA_HEADERS = ["Fil", "SHA-256"]
PARAMETERS = "Parametrar"
PARAMETER_HEADERS = ["Parameter", "Värde"]
PARAMETER_NAMES = {"period": "Period", "data": "Data", "run_started": "Körningen startade"}
VERSION = "Version och körning"
VERSION_LINES = "hsn-analysis {version}, Python {python}, pandas {pandas}, matplotlib {matplotlib}."
RUN_TIME = "Körningen startade {when}."
# Times are shown in the board's own time zone, whatever the server's clock is set to.
TIME_ZONE = "Europe/Stockholm"


def run_time_text(moment: datetime) -> str:
    """`2025-09-26 kl. 06:00` in Swedish time (a time without zone is taken as local): the run
    time as the report and the mail show it."""
    return moment.astimezone(ZoneInfo(TIME_ZONE)).strftime("%Y-%m-%d kl. %H:%M")


FOOTER = "{board} · {period} · skapad med hsn-analysis {version}"


# --- the outcome's own comment beside its value (issue 12) ---
INDICATOR_COMMENT = "Kommentar {period}:"

# --- The PDF/A (issue 15) -------------------------------------------------------------------
PDF_SUBJECT = "Uppföljning av nämndplan {year}: {label}, {description}"
PDF_KEYWORDS = ["nämndplan", "tertialuppföljning", "måluppfyllelse"]
# The printed page: running header (left: the board; right: what and when) and page numbers.
RUNNING_HEAD_RIGHT = "Uppföljning {period}"
PAGE_NUMBER = "Sida {page} av {pages}"
PDF_MISSING_GLYPH = (
    "PDF:en kan inte visa tecknet {char!r} ({code}) i texten {text!r}: inget av PDF:ens "
    "typsnitt har det (DejaVu Sans, Noto Color Emoji, WenQuanYi Micro Hei; de två senare "
    "installerar make setup). Installera ett typsnitt som har tecknet, eller ändra texten."
)
# Printed, a link to a delmål is its name and the page it is on: "… (s. 7)".
PRINT_PAGE_REF = "s. {page}"
# The document's particulars (installningar), on the title page and in the running header.
DOCUMENT_LABELS = ("Diarienummer", "Dokumentdatum", "Version", "Beslutsinstans")
CASE_NUMBER = "Dnr {case}"
RUNNING_HEAD_CASE = " · " + CASE_NUMBER
PDF_DECIDED_BY = "Beslutsinstans: {body}"
# The written analysis of an assessment, and where figures come from and who answers for them.
ANALYSIS_LABELS = ("Analys", "Åtgärder", "Helårsprognos")
SOURCE = "Källa: {source}"
RESPONSIBLE = "Ansvarig: {who}"
# The mål's own comment and the administration's summary of the tertial.
GOAL_SIGNATURE = "Kommenterat av {author}, {date}"
GOAL_SIGNATURE_NO_AUTHOR = "Kommenterat {date}"
ADMINISTRATION_SUMMARY = "Förvaltningens analys"
