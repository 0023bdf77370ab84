"""Swedish words about basenheter: input messages, labels and the report's headings and prose."""

from __future__ import annotations

# --- messages about the input ------------------------------------------------------------------

MSG_AGGREGATION = (
    "Okänd aggregering. Giltiga värden: andel_ja (varje enhet svarar ja eller nej; nämndens "
    "värde är andelen ja i %), summa, medel, median; tomt när nämnden rapporterar värdet själv."
)
MSG_UNKNOWN_AREA = "Okänt område: ingen enhet i {units} hör till det. Områden i enheter: {areas}."
MSG_AREA_WITHOUT_AGGREGATION = (
    "Ett område anges bara för en indikator som räknas fram ur enheternas värden (kolumnen "
    "aggregering)."
)
MSG_UNITS_NEEDED = (
    "Indikatorn räknas fram ur enheternas värden, men data har ingen tabell enheter. Lägg "
    "till enheter (enhet_id, namn, omrade) eller ta bort aggregeringen."
)
MSG_NOT_AGGREGATED = (
    "Indikatorn {id} har ingen aggregering, så enheternas värden kan inte räknas ihop. Ange "
    "aggregering för den i indikatorer (andel_ja, summa, medel eller median), eller lägg "
    "nämndens värde i utfall."
)
MSG_YES_NO = (
    "Indikatorn {id} räknas som andel ja: skriv ja eller nej (eller 1 eller 0). En enhet som "
    "inte har svarat skrivs 'ej rapporterat' eller lämnas utan rad; den räknas aldrig som nej."
)
MSG_OUTSIDE_AREA = (
    "Enheten {unit} hör till {area}, men indikatorn {id} följs bara upp inom {expected}."
)
MSG_TWO_UNIT_VALUES = (
    "Det finns redan ett värde för {id} i {period} på rad {first}. Varje enhet har ett värde "
    "per indikator och period."
)
MSG_TWO_UNIT_ASSESSMENTS = (
    "Det finns redan en bedömning av {id} i {period} på rad {first}. Varje enhet bedömer ett "
    "delmål en gång per period."
)
MSG_TWO_SOURCES = (
    "Indikatorn {id} räknas fram ur enheternas värden för {period} (enhetsutfall, t.ex. rad "
    "{unit_row}), men har också ett utfall här. Två källor till samma värde: ta bort raden "
    "här eller enheternas rader."
)
MSG_UNIT_FULL_YEAR_EARLY = (
    "Indikatorn {id} redovisas vid helår: enheternas värden hör till {year}-T3, inte till "
    "tertial 1 eller 2."
)
MSG_UNIT_TABLE_ALONE = (
    "Tabellen {table} kräver tabellen enheter (enhet_id, namn, omrade), som saknas."
)

# Words that say a unit has not reported: never read as nej or 0.
NOT_REPORTED_WORDS = ("ej rapporterat", "ej rapporterad", "inte rapporterat", "saknas")

# --- labels -------------------------------------------------------------------------------------

NOT_REPORTED = "ej rapporterat"
AGGREGATION_LABELS = {
    "andel_ja": "andel enheter som svarat ja",
    "summa": "summa av enheternas värden",
    "medel": "medelvärde av enheternas värden",
    "median": "median av enheternas värden",
}

# --- the board report ---------------------------------------------------------------------------

UNITS_HEADING = "Basenheter"
UNITS_INTRO = (
    "Basenheterna planerar och följer upp sin verksamhet utifrån delmålen. Tabellen visar varje "
    "enhets egen bedömning {period} av de delmål som enheterna bedömer: ● kommer att uppnås, "
    "▲ kommer delvis att uppnås, ■ kommer inte att uppnås, ○ ej rapporterat."
)
UNITS_NONE = "Inga basenheter har bedömt delmålen {period}."
MATRIX_CAPTION = "Basenheternas egna bedömningar {period}, per verksamhetsområde"
MATRIX_UNIT = "Enhet"
MATRIX_COUNTS = "{area}: {units}"  # units: words.counting.counted(n, UNITS)
SUBGOAL_KEY = "Delmålen i tabellen"
SHORT_UNIT_STATUS = {
    "gron": "Uppnås",
    "gul": "Delvis",
    "rod": "Uppnås ej",
    "ej_rapporterat": "Ej rapp.",
}
UNIT_STATUS_LABEL = {
    "gron": "Kommer att uppnås",
    "gul": "Kommer delvis att uppnås",
    "rod": "Kommer inte att uppnås",
    "ej_rapporterat": "Ej rapporterat",
}
UNIT_SYMBOL = {"gron": "●", "gul": "▲", "rod": "■", "ej_rapporterat": "○"}

AREA_CAPTION = "{name} per verksamhetsområde, {period}"
AREA_HEADERS = ["Område", "Resultat", "Värde", "Ej rapporterat"]
AREA_ALL = "Hela regionen"
AREA_SHARE = "{yes} av {reported} basenheter"
AREA_REPORTED = "{reported} av {units} har rapporterat"
AREA_INTRO = "Nämndens värde är {how} ({reported} av {units} enheter har rapporterat)."

DISTRIBUTION_HEADING = "Basenheternas egna bedömningar"
DISTRIBUTION_HEADERS = ["Område", "● Uppnås", "▲ Delvis", "■ Uppnås ej", "○ Ej rapporterat"]
DISTRIBUTION_SENTENCE = (
    "{reported} av {units} basenheter har bedömt delmålet: {green} kommer att uppnås, "
    "{yellow} delvis, {red} inte."
)
NOT_REPORTED_LIST = "Ej rapporterat: {names}."

UNIT_DEVIATIONS = "Nämndens bedömning och basenheternas"
UNIT_DEVIATIONS_HEADERS = ["Delmål", "Nämndens bedömning", "Avvikelse", "Basenheterna"]
UNIT_DEVIATION_LABEL = {
    "gron_delmal_roda_enheter": "Delmålet bedöms uppnås men de flesta enheter bedömer det rött",
    "rod_delmal_grona_enheter": (
        "Delmålet bedöms inte uppnås men de flesta enheter bedömer det grönt"
    ),
}
UNIT_DEVIATION_COUNT = "{against} av {reported} enheter som har rapporterat"
NO_UNIT_DEVIATIONS = "Nämndens bedömningar och basenheternas pekar inte åt motsatta håll {period}."

UNIT_GAPS = "Basenheter som inte har rapporterat"
UNIT_GAPS_HEADERS = ["Vad", "Område", "Enheter som inte har rapporterat"]
NO_UNIT_GAPS = "Alla basenheter har rapporterat {period}."

# --- a unit's own report ------------------------------------------------------------------------

UNIT_TITLE = "Uppföljning {period} – {unit}"
UNIT_HEADING = "Uppföljning av nämndplanen {year}: {unit}"
UNIT_SUBHEADING = "{area} · {period}"
UNIT_RESPONSIBLE = "Ansvarig: {who}"
UNIT_CREATED = "Skapad {when}"
UNIT_ASSESSMENTS = "Enhetens bedömning av delmålen"
UNIT_ASSESSMENTS_INTRO = (
    "Enhetens egen bedömning {period} av de delmål som basenheterna följer upp, med nämndens "
    "bedömning och hur enheterna i {area} har bedömt delmålet."
)
UNIT_BOARD_STATUS = "Nämndens bedömning: {status}"
UNIT_AREA_SPREAD = (
    "I {area}: {green} uppnås, {yellow} delvis, {red} uppnås ej, {silent} ej rapporterat."
)
UNIT_NO_COMMENT = "Ingen kommentar."
UNIT_SIGNATURE = "Bedömt av {author}, {date}"
UNIT_INDICATORS = "Enhetens värden"
UNIT_INDICATORS_INTRO = (
    "Enhetens värden {period} för de indikatorer som räknas fram ur basenheternas värden, "
    "jämförda med målvärdet, med {area} och med hela regionen."
)
UNIT_INDICATOR_HEADERS = ["Indikator", "Enheten", "Målvärde", "{area}", "Regionen", "Inom området"]
UNIT_NO_INDICATORS = "Enheten rapporterar inga indikatorer {period}."
UNIT_ANSWER = {1.0: "Ja", 0.0: "Nej"}
UNIT_SAME_ANSWER = "En av {same} av {reported} som svarat {answer}"
UNIT_PLACE = "Plats {place} av {reported}"
OWN_GAPS = "Ej rapporterat"
OWN_GAPS_NONE = "Enheten har rapporterat allt som efterfrågas {period}."
OWN_GAPS_INTRO = "Enheten har inte rapporterat detta {period}:"
UNIT_GAP_INDICATOR = "Indikator {id}: {name}"
UNIT_GAP_SUBGOAL = "Delmål {id}: {name}"
UNIT_ABOUT = "Om rapporten"
UNIT_ABOUT_TEXT = (
    "Rapporten görs ur samma data som nämndens rapport {period} ({files}). Värdena för "
    "området och regionen räknas bara på de enheter som har rapporterat; en enhet som inte "
    "har rapporterat räknas aldrig som nej eller 0."
)
UNIT_FOOTER = "{board} · {unit} · {period} · hsn_analysis {version}"
# The unit's PDF: the running header's right side, and the subject in its metadata.
UNIT_RUNNING_HEAD = "{unit} · {period}"
UNIT_PDF_SUBJECT = "Basenhetens uppföljning av nämndplan {year}: {unit}, {area}, {period}"

# --- a unit's område over time (giltig_fran in enheter) --------------------------------------
MSG_UNIT_TWICE = (
    "Enheten {unit} finns redan på rad {first}. En enhet som byter område får en rad till, med "
    "perioden från vilken den nya raden gäller i kolumnen giltig_fran (t.ex. 2025-T2); en rad "
    "utan giltig_fran gäller från början."
)
MSG_UNIT_SAME_FROM = (
    "Enheten {unit} har redan en rad som gäller från {start} (rad {first}). Två rader för samma "
    "enhet kan inte gälla från samma period: ändra giltig_fran på den ena, eller ta bort den."
)
MSG_UNIT_NOT_YET = (
    "Enheten {unit} finns i enheter först från {start} (rad {first}), men raden gäller {period}. "
    "Sätt giltig_fran till {period} eller tidigare på enhetens första rad i enheter, eller lämna "
    "den tom (gäller från början)."
)
