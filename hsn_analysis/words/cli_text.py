"""The Swedish text of the command line's own parser and messages (`cli.main`)."""

from __future__ import annotations

DESCRIPTION = "Uppföljning av hälso- och sjukvårdsnämndens nämndplan per tertial."
COMMAND_METAVAR = "kommando"
DATA_HELP = (
    "mapp med CSV-filer eller en .xlsx-arbetsbok (standard: data/exempel i aktuell mapp, "
    "annars paketets exempeldata)"
)
OUT_HELP = "mapp för rapporterna (standard: outputs/ i aktuell mapp)"
PERIOD_HELP = (
    "t.ex. 2025-T2 eller 'Tertial 2 2025'; 'latest' = senaste perioden med data; "
    "'auto' = senaste tertialen som har tagit slut"
)
TODAY_HELP = "räkna 'auto' som om dagens datum vore detta (ÅÅÅÅ-MM-DD)"
VALIDATE_HELP = "lista alla problem i indata"
SUMMARY_HELP = "sammanfatta en period"
JSON_HELP = "skriv ut ett JSON-objekt"
RUN_HELP = "skapa rapporten för en period (HTML och PDF/A)"
JOBS_HELP = (
    "för ett intervall (2024-T1..2025-T3): så många rapporter åt gången "
    "(högst en per processorkärna; standard: 1)"
)
SEND_FLAG_HELP = "mejla rapporten när den är klar"
UNIT_HELP = "gör basenhetens egen rapport (ett enhet_id) eller alla basenheters (alla)"
DASK_HELP = "gör basenheternas rapporter på ett Dask-kluster, t.ex. tcp://schemalaggare:8786"
UNIT_PDF_HELP = "med --enhet: gör också varje basenhets rapport som PDF/A (nämndens har alltid en)"
PDF_NEEDS_UNIT = (
    "--pdf gäller basenheternas rapporter: ange även --enhet ID eller alla. Nämndens rapport "
    "får alltid sin PDF/A."
)
SEND_HELP = "mejla en färdig rapport till mottagarna"
SEND_PERIOD_HELP = "rapportens period, t.ex. 2025-T2"
INDEX_HELP = "skriv om rapportlistan outputs/index.html"
CONFIG_HELP = "mottagarfilen (TOML): avsändare, mottagare, SMTP-server"
DRY_RUN_HELP = "skicka inget; skriv meddelandet som en .eml-fil bredvid rapporten"

NO_LOCAL_DATA = "Ingen mapp data/exempel i {cwd}; använder paketets exempeldata {path}"
TALLY = "{errors} och {warnings} i {path}."
INVALID_DATA = "{errors} i {path}: ingen sammanställning görs av ogiltiga data."
DATA_WARNINGS = "{warnings} i data (visa dem med: hsn-report validate)."
NOT_A_DATE = "'{text}' är inget datum (ÅÅÅÅ-MM-DD)"
NOT_POSITIVE = "'{text}' är inget heltal större än 0"
DATA_NOT_FOUND = "hittar inte data: {path}"

# --- `run` and `send` (cli.reports) ------------------------------------------------------------
MAIL_NEEDS_CONFIG = "utskick kräver --config med mottagarfilen (t.ex. mottagare.toml)."
MAIL_CONFIG_INVALID = "{errors} i {path}: inget skickas."
SEND_ONE_PERIOD = (
    "--send gäller en period åt gången; skicka varje rapport med "
    "hsn-report send --period P när intervallet är klart."
)
VALIDATION_FAILED = "steget validering misslyckades: {errors} i {path}; ingen rapport görs."
FAILED_NOTEBOOK_KEPT = "den misslyckade notebooken finns kvar för felsökning: {path}"
PREVIOUS_REPORT_KEPT = "ingen ny rapport skrevs; en tidigare rapport för perioden finns kvar orörd."
BATCH_START = "{reports}, {first} till {last}, {workers} åt gången{limited}"
BATCH_LIMITED = " (--jobs {jobs}, men {cores} kärnor)"
BATCH_DONE_ONE = "[{n}/{total}] {period} klar på {seconds} s"
BATCH_FAILED_ONE = "[{n}/{total}] {period} misslyckades efter {seconds} s: {error}"
BATCH_ALL_DONE = "Alla {reports} klara på {seconds} s."
BATCH_SOME_FAILED = (
    "{failed} av {reports} misslyckades: {periods}. De övriga är klara; se felen ovan."
)
NOTHING_TO_SEND = "inget att skicka: {reason}"
SEND_FAILED = "steget utskick misslyckades: {reason}"
DRY_RUN_DONE = "Provkörning: inget skickades; meddelandet finns i {path}"
BATCH_NOTEBOOK_KEPT = "{period}: den misslyckade notebooken finns kvar: {path}"
LOCK_FAILED = "steget lås misslyckades: {reason}"
