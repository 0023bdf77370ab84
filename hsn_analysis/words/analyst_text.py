"""The Swedish words of the analyst's tables and errors (`hsn_analysis.load`)."""

from __future__ import annotations

# Column headings shown in JupyterLab; the code columns beside them keep their data names.
GOAL = "Mål"
SUBGOAL = "Delmål"
INDICATOR = "Indikator"
STATUS = "Status"
CHANGE = "Förändring"
ASSESSMENT = "Bedömning"
AUTHOR = "Författare"
DATE = "Datum"
PERIOD = "Period"
VALUE = "Utfall"
TARGET = "Målvärde"
FULFILMENT = "Måluppfyllelse"
UNIT = "Enhet"
COMPARED = "Jämförs med"
BEFORE = "Före"
AFTER = "Efter"
COUNT = "Antal delmål"
SEVERITY = "Typ"
SOURCE = "Fil eller flik"
ROW = "Rad"
COLUMN = "Kolumn"
CELL_VALUE = "Värde"
PROBLEM = "Problem"

NOT_FOUND = "hittar inga data: {path} finns inte (en relativ sökväg läses från mappen {cwd})."
INVALID = (
    "Indata i {path} har {errors} fel och {warnings} varningar; inget kan räknas på ogiltiga data:"
)
UNKNOWN = "{what} {value!r} finns inte i data. Giltiga: {valid}."
UNKNOWN_WHAT = {
    "period": "Perioden",
    "mal": "Målet",
    "indikator": "Indikatorn",
    "enhet": "Basenheten",
}
NO_PROBLEMS = "Inga problem i indata."
DEVIATION = "Avvikelse"
INDICATORS = "Indikatorer"
SPC_POINTS = "Punkter (SPC)"
SPC_BASIS = "Signalen räknad på"  # varde, tertialbelopp, tertialkvot or ingen
ASSURANCE_REASON = "Säkring ej bedömbar: varför"
SUGGESTED_START = "Föreslagen spc_fran"
VARIATION = "Variation"
ASSURANCE = "Säkring"
RANK = "Plats bland regionerna"
BENCHMARK_YEAR = "År (jämförelse)"
AREA = "Område"
UNIT_NAME = "Basenhet"
NO_UNITS = "Data har inga basenheter."
FOLLOW_UP = (
    "{board}, nämndplan {year} ({source}): {goals}, {subgoals}, {indicators}; perioder {periods}; "
    "{warnings}"
)
