"""Swedish words about plans by year: input messages, the new-plan command and the report's
note on a replaced indicator."""

from __future__ import annotations

# --- messages about the input ------------------------------------------------------------------

MSG_PLAN_YEAR = (
    "Inte ett planår. Skriv året planen gäller med fyra siffror, t.ex. 2026 (tomt = "
    "installningar ar)."
)
MSG_TWICE_IN_YEAR = (
    "{column} {id} finns redan på rad {first} i planen för {year}. Varje {column} får finnas "
    "en gång per planår."
)
MSG_NOT_IN_YEAR = (
    "{what} {id} finns inte i planen för {year}; det finns i planen för {years}. Lägg till det i "
    "{target} med ar = {year}, eller låt raden gälla ett av de åren."
)
MSG_ASSESSED_OUTSIDE_PLAN = (
    "Delmålet {id} finns inte i nämndplanen för {year}, så bedömningen för {period} hör inte "
    "till någon plan. Delmålet finns i planen för {years}. Rätta perioden, eller lägg till "
    "delmålet i delmal med ar = {year}."
)
MSG_GOAL_COMMENT_OUTSIDE_PLAN = (
    "Målet {id} finns inte i nämndplanen för {year}, så kommentaren för {period} hör inte till "
    "någon plan. Målet finns i planen för {years}."
)
MSG_OUTCOME_OUTSIDE_PLAN = (
    "Indikatorn {id} finns inte i nämndplanen för {year} och ingen indikator där ersätter den, "
    "så värdet för {period} visas inte i någon rapport. Indikatorn finns i planen för {years}."
)
MSG_REPLACES_UNKNOWN = (
    "Okänd indikator att ersätta: {id} finns inte i någon tidigare plan i indikatorer. Skriv "
    "indikator_id för en indikator i ett tidigare planår, eller lämna cellen tom."
)
MSG_REPLACES_SAME_YEAR = (
    "Indikatorn {id} finns också i planen för {year}: en indikator som ersätts lämnar planen. Ta "
    "bort raden för {id} med ar = {year}, eller lämna cellen tom."
)
MSG_REPLACES_ITSELF = "En indikator kan inte ersätta sig själv. Lämna cellen tom."

# --- hsn-report ny-plan ------------------------------------------------------------------------

NEW_PLAN_HELP = (
    "skriv nästa års nämndplan som en kopia av det senaste årets (att redigera), med all "
    "historik, till en ny mapp eller arbetsbok"
)
NEW_PLAN_DATA_HELP = "data att utgå från: en mapp med CSV-filer eller en arbetsbok (.xlsx)"
NEW_PLAN_YEAR_HELP = "det nya planåret, t.ex. 2026"
NEW_PLAN_OUT_HELP = "ny mapp (för CSV) eller ny arbetsbok (.xlsx); får inte finnas med innehåll"
NEW_PLAN_YEAR_NOT_AFTER = (
    "Planåret {year} kommer inte efter det senaste planåret i data, {latest}. Ange ett senare "
    "år, t.ex. --ar {next}."
)
NEW_PLAN_OUT_EXISTS = (
    "{out} finns redan och är inte tom. Välj en ny mapp eller arbetsbok; inget har skrivits."
)
NEW_PLAN_OUT_WORKBOOK = (
    "{out}: data är en arbetsbok, så den nya planen skrivs som en arbetsbok också. Ange en "
    ".xlsx-fil."
)
NEW_PLAN_OUT_FOLDER = (
    "{out}: data är en mapp med CSV-filer, så den nya planen skrivs som en mapp också. Ange en "
    "mapp (utan .xlsx)."
)
NEW_PLAN_NO_PARENT = "Mappen {folder} finns inte."
NEW_PLAN_DONE = (
    "Skrev {out}: planen för {year} ({goals} mål, {subgoals} delmål, {indicators} indikatorer) "
    "kopierad från {latest}, med all historik. Redigera raderna med ar = {year}; en indikator "
    "som ersätter en annan anger den i kolumnen ersatter. Kontrollera sedan med "
    "hsn-report validate --data {out}."
)
NEW_PLAN_INVALID = "Data har fel och kan inte föras vidare till en ny plan: rätta dem först."

# --- the report ------------------------------------------------------------------------------

REPLACED_NOTE = (
    "Indikatorn ersätter {old} från {period}; värdena före {period} gäller {old}. Serien bryts "
    "där, och styrdiagrammets gränser räknas om från brottet."
)
CHART_BREAK = "ersätter {old}"
