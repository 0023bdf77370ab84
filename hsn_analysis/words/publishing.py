"""Swedish words of the publishing path: why a notebook run failed, and the failure record
kept for it."""

from __future__ import annotations

WHERE_CELL = "cell {cell}"
MSG_CELL_TIMEOUT = "en cell tog längre än {seconds} s"
MSG_KERNEL_DIED = "notebookens kärna dog, kanske för att minnet tog slut"
# The first cell of a failure record (`….MISSLYCKAD.ipynb`).
FAILED_RECORD_NOTE = "**Körningen misslyckades** (startad {started}): {error}"
FAILED_RECORD_UNSAVED = (
    "\n\nNotebooken nedan är den som skulle köras, utan utdata: körningen hann inte spara sin egen."
)
