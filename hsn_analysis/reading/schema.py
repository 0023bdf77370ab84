"""The tables of a dataset: which are read, and each one's columns, required columns and id.

The basenheter's tables come from `units`; the tables the administration writes (comments per
mål, the tertial's analysis) from `dataset`.
"""

from __future__ import annotations

from hsn_analysis import dataset as ds
from hsn_analysis.reading import contacts
from hsn_analysis.reading import units as unit_checks

TABLE_NAMES = ("mal", "delmal", "indikatorer", "utfall", "bedomningar")
# Read when present, never missed: comparisons (Kolada) are an addition to the follow-up,
# and a dataset without the basenheter's tables has no basenheter.
OPTIONAL_TABLES = (
    "jamforelser",
    "enheter",
    "enhetsutfall",
    "enhetsbedomningar",
    "malbedomningar",  # a comment per mål and period (issue 15)
    "analys",  # the administration's summary of the tertial (issue 15)
    "ansvariga",  # who holds each role, with an address (for the tertial's mail)
)
SETTINGS_NAME = "installningar"

COLUMNS = {
    "mal": ds.GOAL_COLUMNS,
    "delmal": ds.SUBGOAL_COLUMNS,
    "indikatorer": ds.INDICATOR_COLUMNS,
    "utfall": ds.OUTCOME_COLUMNS,
    "bedomningar": ds.ASSESSMENT_COLUMNS,
    "jamforelser": ds.COMPARISON_COLUMNS,
} | unit_checks.COLUMNS
COLUMNS |= ds.WRITTEN_TABLES | contacts.COLUMNS
REQUIRED = {
    "mal": ("mal_id", "namn"),
    "delmal": ("delmal_id", "mal_id", "namn"),
    "indikatorer": ("indikator_id", "delmal_id", "namn", "maltyp", "frekvens"),
    "utfall": ("indikator_id", "period", "varde"),
    "bedomningar": ("delmal_id", "period", "status"),
    "jamforelser": ("indikator_id", "ar", "omrade_id", "varde"),
} | unit_checks.REQUIRED
REQUIRED |= ds.WRITTEN_REQUIRED | contacts.REQUIRED
NUMBER_COLUMNS = {"malvarde", "gul_fran", "varde", "ar", "taljare", "namnare"}
ID_COLUMN = {"mal": "mal_id", "delmal": "delmal_id", "indikatorer": "indikator_id"}
ID_COLUMN |= unit_checks.ID_COLUMN
