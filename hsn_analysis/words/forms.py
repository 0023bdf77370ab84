"""Swedish words of the forms (`hsn-report mall` and `samla`): sheet names, headers, the
instructions a delmål owner reads, and the messages about returned forms."""

from __future__ import annotations

from hsn_analysis.words.labels import MONTH_NAMES

# --- sheets and headers ---------------------------------------------------------------------

SHEET_INSTRUCTIONS = "Instruktioner"
SHEET_SUBGOALS = "Delmål"
SHEET_INDICATORS = "Indikatorer"

TITLE_SUBGOALS = "Bedömning av delmål – {period} – {owner}"
TITLE_INDICATORS = "Utfall för indikatorer – {period} – {owner}"
WHOLE_PLAN = "hela nämndplanen"
NO_OWNER = "Ansvarig saknas"  # the owner of rows whose ansvarig is empty

HEADER_SUBGOAL_ID = "Delmål-id"
HEADER_SUBGOAL = "Delmål"
HEADER_PREVIOUS_STATUS = "Status {previous}"
HEADER_PREVIOUS_COMMENT = "Kommentar {previous}"
HEADER_STATUS = "Status"
HEADER_COMMENT = "Kommentar"
HEADER_AUTHOR = "Författare"
HEADER_DATE = "Datum"
HEADER_INDICATOR_ID = "Indikator-id"
HEADER_INDICATOR = "Indikator"
HEADER_UNIT = "Enhet"
HEADER_TARGET = "Målvärde"
HEADER_LAST_VALUE = "Senaste utfall"
HEADER_LAST_PERIOD = "Period för senaste utfall"
HEADER_VALUE = "Utfall {current}"
UNIT_YEAR_TO_DATE = "{unit}, hittills i år"  # the unit cell of a year-to-date indicator

FILE_NAME = "Uppföljning {period} - {owner}.xlsx"
FILE_NAME_WHOLE = "Uppföljning {period} - hela planen.xlsx"
FILE_NAME_EMPTY = "Ny nämndplan - mall.xlsx"

# --- drop-downs -----------------------------------------------------------------------------

PROMPT_STATUS_TITLE = "Status"
PROMPT_STATUS = "Välj i listan: kommer att uppnås, delvis eller inte."
ERROR_STATUS_TITLE = "Okänd status"
ERROR_STATUS = "Välj en status i listan."
ERROR_NUMBER_TITLE = "Inte ett tal"
ERROR_NUMBER = "Skriv utfallet som ett tal utan enhet, t.ex. 66,5."
ERROR_DATE_TITLE = "Inte ett datum"
ERROR_DATE = "Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-05-08."
ERROR_WORD_TITLE = "Okänt värde"
ERROR_WORD = "Välj ett värde i listan."

# --- the instructions of a form -------------------------------------------------------------

FORM_TITLE = "Uppföljning {period} – {board}, nämndplan {year}"
FORM_FOR = "Formulär för: {owner}"
FORM_DEADLINE = "Lämnas senast: {date}"
FORM_NO_DEADLINE = "Lämnas: så snart som möjligt efter tertialets slut ({end})."
FORM_COUNTS = "Att fylla i: {subgoals} delmål att bedöma och {indicators} indikatorer."
FORM_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Vad ska fyllas i",
        (
            "Bladet Delmål: bedöm varje delmål för {period}. Välj status i listan, skriv en "
            "kommentar som motiverar bedömningen, ditt namn eller din roll som författare och "
            "datum för bedömningen.",
            "Bladet Indikatorer: skriv utfallet för {period} för varje indikator, som ett tal "
            "utan enhet (66,5 – inte 66,5 %), och en kommentar när det behövs.",
            'Står det "hittills i år" i kolumnen Enhet gäller utfallet året från januari till '
            "tertialets slut; annars tertialen ensam.",
            "De grå kolumnerna är låsta: de visar planen och förra tertialets uppgifter. Ska "
            "planen ändras (namn, målvärde, ansvarig), skriv till den som skickade formuläret.",
            "Kan du inte svara på en rad nu, lämna den tom; den räknas då som inte besvarad.",
        ),
    ),
    (
        "Godkända värden",
        (
            "Status: Kommer att uppnås, Kommer delvis att uppnås eller Kommer inte att uppnås "
            "(även uppnås, delvis och uppnås ej godtas).",
            "Utfall: ett tal med decimalkomma, t.ex. 66,5 eller 1 800.",
            "Datum: ÅÅÅÅ-MM-DD, t.ex. 2026-05-08.",
        ),
    ),
    (
        "Så lämnar du tillbaka formuläret",
        (
            "Spara filen som Excel-arbetsbok (.xlsx) utan att byta namn på den och skicka "
            "tillbaka den till den som skickade den.",
            "Lägg inte till eller ta bort blad, rader eller kolumner, och ändra inte "
            "rubrikerna: svaren läses in automatiskt.",
            "Svaren kontrolleras när de läses in; blir något fel hör analytikern av sig.",
        ),
    ),
)
MONTHS = MONTH_NAMES  # one list of Swedish month names, in labels

# --- the instructions of the empty dataset workbook (`mall --tom`) ---------------------------

EMPTY_TITLE = "Ny nämndplan: mall för uppföljningens data"
EMPTY_INTRO = (
    "Fyll i ett blad i taget, en rad per post, under rubrikerna. Fetstilta rubriker måste "
    "fyllas i på varje rad. Byt inte namn på bladen eller rubrikerna. Kontrollera arbetsboken "
    "med: hsn-report validate --data <filen>.xlsx"
)
EMPTY_SHEETS: tuple[tuple[str, str], ...] = (
    ("installningar", "En rad: nämndens namn, planens år och reglerna för status."),
    ("mal", "Planens mål: id (t.ex. M1), namn och planår (ar; tomt = installningar)."),
    ("delmal", "Delmålen: id (t.ex. D1.1), målets id, namn, ansvarig (en roll) och planår."),
    (
        "indikatorer",
        "Indikatorerna: id, delmålets id, namn, måltyp (minst, högst, öka, minska, ingen), "
        "målvärde, enhet, frekvens (tertial eller helår), gul_fran och ansvarig; matning "
        "(tertial, standard, eller hittills_i_ar när värdet gäller året hittills), "
        "kolada_enhet (nyckeltalets enhet i Kolada), planår (ar) och ersatter (den tidigare "
        "indikator som den här ersätter).",
    ),
    (
        "utfall",
        "Utfallen: indikatorns id, period (t.ex. 2026-T1), värde, målvärde, kommentar; för en "
        "andel eller ett medelvärde gärna taljare och namnare, mätta som värdet.",
    ),
    (
        "bedomningar",
        "Bedömningarna: delmålets id, period, status, kommentar, författare och datum.",
    ),
)
EMPTY_ROLLUP_RULES = ("majoritet", "sämsta")
EMPTY_YES_NO = ("sant", "falskt")

# --- messages about returned forms (`samla`) -------------------------------------------------

WHAT_SUBGOAL = "Delmålet"
WHAT_INDICATOR = "Indikatorn"
MSG_FORM_UNREADABLE = (
    "Filen går inte att öppna som Excel-arbetsbok (.xlsx). Be om den igen som .xlsx."
)
MSG_FORM_NOT_FORM = (
    "Arbetsboken är inget formulär från hsn-report mall: bladet med formulärets uppgifter "
    "saknas eller är ändrat."
)
MSG_FORM_OTHER_PERIOD = (
    "Formuläret gäller {period}, men de andra gäller {expected}. Samla ett tertial i taget."
)
MSG_FORM_SAME_FILE = "Samma fil är angiven två gånger; den läses en gång."
MSG_FORM_NO_SHEET = "Bladet {sheet} saknas. Blad i filen: {found}."
MSG_FORM_NO_COLUMN = (
    "Kolumnen '{column}' saknas i rubrikraden. Ändra inte rubrikerna; inget på bladet tas in."
)
MSG_FORM_LOCKED = (
    "Låst cell ändrad: formuläret visade '{expected}'. Planen ändras inte via formuläret, så "
    "svaret på raden tas inte in. Ändra tillbaka cellen, eller be analytikern ändra planen."
)
MSG_FORM_FORMULA = (
    "Cell {cell} har formeln {formula} ({shown}). Ett svar i formuläret ska vara ett skrivet "
    "värde, inte en formel, så raden tas inte in. Skriv värdet i cellen (kopiera och klistra "
    "in som värden); en text som ska börja med = skrivs med en apostrof först: '=1+1."
)
FORMULA_SHOWN = "visat värde: {value}"
FORMULA_NOT_SHOWN = "inget sparat värde"
FORM_OTHER_FILE = (
    "{name} läses inte: ett formulär är en Excel-arbetsbok (.xlsx eller .xlsm). Är det ett "
    "formulär, öppna det i Excel och spara som Excel-arbetsbok (.xlsx)."
)
MSG_FORM_NOT_IN_PLAN = "{what} {id} finns inte i planen; raden tas inte in."
MSG_FORM_NOT_DUE = (
    "Indikatorn {id} redovisas bara vid helår (T3), inte {period}; raden tas inte in."
)
MSG_FORM_NO_ID = "Raden har svar men inget id; raden tas inte in."
MSG_FORM_NO_STATUS = "Status saknas, men raden är ifylld i övrigt. Välj en status i listan."
MSG_FORM_NO_VALUE = (
    "Utfall saknas, men raden har en kommentar. Skriv utfallet (ett tal), eller ta bort "
    "kommentaren om utfallet inte finns ännu."
)
MSG_FORM_CONFLICT = (
    "Konflikt: {what} {id} har ett annat svar i {other}, rad {other_row}. Inget av svaren tas "
    "in förrän det ena har tagits bort eller ändrats så att de är lika."
)
MSG_FORM_OVERWRITE = (
    "{what} {id} har redan ett annat värde för {period} i {source}, rad {row}. Svaret tas "
    "inte in; använd --ersatt för att ersätta det."
)
MSG_FORM_MISSING = "Inget formulär har kommit in från {owner} ({rows})."
MSG_FORM_ROW_MISSING = (
    "{what} {id} finns inte i något av de formulär som kommit in (ansvarig: {owner})."
)
MSG_FORM_EMPTY_ROW = "Raden är inte ifylld (ansvarig: {owner})."
MSG_FORM_MISSING_ROWS = "{subgoals} delmål och {indicators} indikatorer"
MALL_INVALID = "{n} fel i {path}: inga formulär görs av ogiltiga data."
SAMLA_INVALID = "{n} fel i {path}: rätta dem innan svaren samlas in."
MSG_FORM_RESULT_INVALID = "Det sammanslagna datasetet har fel; inget skrivs."
SAMLA_DONE = (
    "{subgoals} bedömningar och {indicators} utfall för {period} från {forms} formulär "
    "skrevs till {path}."
)
SAMLA_NOTHING = "{n} fel i formulären: inget skrevs (rätta felen, eller använd --delvis)."
SAMLA_PARTIAL = "{n} fel i formulären: de raderna togs inte in (--delvis)."
SAMLA_WARNINGS = "{n} varningar: delmål och indikatorer som inte är besvarade."
MALL_DONE = "{n} formulär för {period} i {folder}"
MALL_NO_OWNER = (
    "{n} delmål eller indikatorer saknar ansvarig; de ligger i formuläret '{name}'. Fyll i "
    "kolumnen ansvarig i delmal/indikatorer för att fördela dem."
)

# --- forms per basenhet (`mall --per enhet`) -------------------------------------------------

UNIT_FORM_OWNER = "{name} ({unit_id})"
HEADER_LAST_UNIT_VALUE = "Enhetens senaste värde"
ERROR_YES_NO_TITLE = "Ja eller nej"
ERROR_YES_NO = "Välj ja eller nej i listan."
UNIT_FORM_SECTION: tuple[str, tuple[str, ...]] = (
    "För basenheten",
    (
        "Formuläret gäller bara er enhet: bedöm delmålen för er egen verksamhet och svara för "
        "era egna indikatorer; nämndens värde räknas fram ur alla enheters svar.",
        "Indikatorer som räknas som andel ja: välj ja eller nej i listan. En tom rad räknas "
        "som ej rapporterat, aldrig som nej.",
    ),
)
MSG_FORM_UNIT_GONE = "Enheten {unit} finns inte längre i enheter; formuläret kan inte läsas in."
MSG_FORM_UNIT_MISSING = "Inget formulär har kommit in från enheten {owner} ({rows})."
MSG_FORM_UNIT_ROW_MISSING = "{what} {id} är inte besvarat av enheten {owner}."
MALL_NO_UNITS = "Data har inga enheter (tabellen enheter): --per enhet kan inte användas."
SAMLA_UNITS_DONE = "{subgoals} enhetsbedömningar och {indicators} enhetsutfall för {period}."
SAMLA_UNITS_UNANSWERED = "{n} av {total} enheter har inte svarat helt: {units}."
UNIT_ROW_ID = "{id} för enheten {unit}"
