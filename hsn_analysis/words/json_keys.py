"""The count keys of the JSON that scripts rely on (`hsn-report summary --json`, the run records).

Everywhere else a delmål's status is its code (`vocabulary.SubgoalStatus`: gron, gul, rod,
ej_bedomd); only the JSON counts use these documented keys, written here and nowhere else.
"""

from __future__ import annotations

from hsn_analysis.vocabulary import SubgoalStatus

__all__ = ["COUNT_KEY", "STATUS_OF_KEY", "TOTAL_KEY", "UNIT_NOT_REPORTED_KEY"]

TOTAL_KEY = "antal"
# Status code → its count's key, in the order the JSON gives them.
COUNT_KEY: dict[str, str] = {
    SubgoalStatus.GREEN: "uppnas",
    SubgoalStatus.YELLOW: "delvis",
    SubgoalStatus.RED: "uppnas_ej",
    SubgoalStatus.NOT_ASSESSED: "ej_bedomd",
}
STATUS_OF_KEY: dict[str, str] = {key: str(status) for status, key in COUNT_KEY.items()}
# A unit's own assessments: the delmål it has not reported on (the code is the key).
UNIT_NOT_REPORTED_KEY = "ej_rapporterat"
