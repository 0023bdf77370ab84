"""Swedish words of the publishing path: why a notebook run failed, the failure record kept
for it, and a batch's progress."""

from __future__ import annotations

WHERE_CELL = "cell {cell}"
MSG_CELL_TIMEOUT = "en cell tog längre än {seconds} s"
MSG_KERNEL_DIED = "notebookens kärna dog, kanske för att minnet tog slut"
# The first cell of a failure record (`….MISSLYCKAD.ipynb`).
FAILED_RECORD_NOTE = "**Körningen misslyckades** (startad {started}): {error}"
FAILED_RECORD_UNSAVED = (
    "\n\nNotebooken nedan är den som skulle köras, utan utdata: körningen hann inte spara sin egen."
)

# --- a published report, checked before it is sent (runs.published) ---
PDF_MISSING = (
    "{pdf} saknas; kör om rapporten, eller skicka bara HTML-filen "
    '(bilaga = "html" i mottagarfilen).'
)
NOT_THE_RUNS_FILE = (
    "{file} är inte den fil som körningen skrev (SHA-256 stämmer inte med {record}); kör om "
    "rapporten."
)
THE_RECORD = "körningsposten"
NO_REPORT = "det finns ingen rapport för {label} i {folder}."
LATEST_RUN_FAILED = (
    "den senaste körningen av {label} misslyckades ({failed}); en misslyckad körning skickas "
    "aldrig. Kör om rapporten först."
)
RECORD_UNREADABLE = "körningsposten {record} saknas eller går inte att läsa."
UNEXPECTED_ERROR = "{unit}: oväntat fel"
PDF_DONE = "PDF/A klar: satt på {seconds} s"

# --- the index's list of the basenheter's reports (runs.unit_index) ---
UNIT_REPORTS_HEADING = "Basenheternas rapporter {period}"
UNKNOWN_AREA = "Område okänt"

# --- a batch's progress, one line per finished report ---
PROGRESS_DONE = "[{n}/{total}] {name} klar på {seconds} s; {pace}"
PROGRESS_FAILED = "[{n}/{total}] {name} misslyckades: {error}; {pace}"
PACE = "{rate} rapporter per minut, ungefär {left} kvar"
PACE_LAST = "{rate} rapporter per minut, alla klara"
SECONDS = "{n} s"
MINUTES = "{n} min"
HOURS = "{h} h {m} min"
UNKNOWN_TIME = "okänd tid"


def duration_text(seconds: float) -> str:
    """`40 s`, `12 min`, `2 h 5 min`: a time left, as precise as it is worth."""
    if seconds < 90:
        return SECONDS.format(n=max(1, round(seconds)))
    minutes = round(seconds / 60)
    if minutes < 90:
        return MINUTES.format(n=minutes)
    return HOURS.format(h=minutes // 60, m=minutes % 60)


def pace_text(n: int, total: int, elapsed: float) -> str:
    """How fast a batch goes and how long it has left, from `n` of `total` reports done in
    `elapsed` seconds (the time left assumes the pace so far)."""
    # Imported here: formatting loads pandas, and the report index imports this module and
    # stays light (it is rewritten after every run and sending).
    from hsn_analysis.words.formatting import format_number

    per_second = n / elapsed if elapsed > 0 else 0.0
    rate = format_number(per_second * 60, 1)
    if n >= total:
        return PACE_LAST.format(rate=rate)
    if per_second == 0:
        return PACE.format(rate=rate, left=UNKNOWN_TIME)
    return PACE.format(rate=rate, left=duration_text((total - n) / per_second))


def progress_line(
    n: int, total: int, name: str, seconds: float, elapsed: float, error: str | None = None
) -> str:
    """One line for the `n`th of `total` reports to end (`error` if it failed), with the pace."""
    from hsn_analysis.words.formatting import format_number  # see pace_text

    pace = pace_text(n, total, elapsed)
    if error is not None:
        return PROGRESS_FAILED.format(n=n, total=total, name=name, error=error, pace=pace)
    took = format_number(seconds, 1)
    return PROGRESS_DONE.format(n=n, total=total, name=name, seconds=took, pace=pace)


def pdf_done_line(seconds: float) -> str:
    """`PDF/A klar: satt på 2,55 s`: the run's log line once Typst has typeset the PDF."""
    from hsn_analysis.words.formatting import format_number  # see pace_text

    return PDF_DONE.format(seconds=format_number(seconds))
