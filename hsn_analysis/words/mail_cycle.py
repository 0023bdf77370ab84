"""Swedish words of the tertial's personal mail: forms out, reminders, each unit's report to its
chief; the record of what was sent, and the messages of `[utskick]` in the recipient file."""

from __future__ import annotations

# --- [utskick] in mottagare.toml ---
PACING_HINT_PAUSE = "ange sekunder mellan två meddelanden som ett tal, 0 eller mer, t.ex. 2."
PACING_HINT_CAP = (
    "ange högst hur många meddelanden en körning skickar, ett heltal från 1, t.ex. 200."
)
PACING_HINT_TABLE = "[utskick] ska vara en tabell med paus_s och max_per_korning."
PACING_UNKNOWN_WHERE = "under [utskick]"

# --- subjects (one line each; {board} is the board's name) ---
SUBJECT_FORM = "Uppföljning {period}: formulär att fylla i – {owner}"
SUBJECT_REMINDER = "Påminnelse: uppföljning {period} – {owner}"
SUBJECT_UNIT_REPORT = "Uppföljning {period}: rapport för {unit}"

# --- bodies (plain text) ---
GREETING = "Hej {name}!"
GREETING_ANONYMOUS = "Hej!"
FORM_BODY = (
    "Här är formuläret för uppföljningen av {board}s nämndplan {year}, {period}, för "
    "{owner}: {rows}.\n\n"
    "Fyll i de gula kolumnerna i bladen {sheets}: status och kommentar för varje delmål, värde "
    "och kommentar för varje indikator. De grå kolumnerna visar planen och förra tertialen och "
    "kan inte ändras. Bladet Instruktioner säger vilka ord och tal som gäller.\n\n"
    "Lämna svaren {deadline}: spara filen med samma namn och skicka den som bilaga i "
    "ett svar på detta meddelande."
)
DEADLINE = "senast {date}"
DEADLINE_NONE = "så snart som möjligt"
FORM_ROWS = "{subgoals} delmål och {indicators} indikatorer"
REMINDER_BODY = (
    "Vi saknar fortfarande svar i uppföljningen av {board}s nämndplan {year}, {period}, för "
    "{owner}:\n\n{missing}\n\n"
    "Lämna svaren {deadline}: fyll i formuläret och skicka det som bilaga i ett svar på "
    "detta meddelande."
)
REMINDER_ATTACHED = "Formuläret bifogas igen."
REMINDER_NOT_ATTACHED = "Använd formuläret från det första utskicket."
MISSING_FORM = "Formuläret har inte kommit in ({rows})."
MISSING_ROW = "  - {what} {id} {name}"
UNIT_BODY = (
    "Här är enhetens egen uppföljning av {board}s nämndplan {year}, {period}: {unit}.\n\n"
    "{sentence}\n\nRapporten bifogas: {files}. Den öppnas i en webbläsare och kan skrivas ut."
)
UNIT_SENTENCE = (
    "Av de {total} delmål som enheten bedömer är enhetens bedömning {period} att {phrases}."
)
UNIT_SENTENCE_NONE = "Enheten har inte bedömt något av sina {total} delmål {period}."
UNIT_NO_SUBGOALS = "Enheten bedömer inga delmål."
UNIT_NOT_REPORTED = {
    1: "{n} delmål har enheten inte rapporterat.",
    2: "{n} delmål har enheten inte rapporterat.",
}
UNIT_GAPS = "Inte rapporterat: {gaps}."
SIGNATURE = "Meddelandet är skickat automatiskt av hsn-report. Frågor besvaras av {sender}."

# --- log and command lines ---
LOG_SENDING = "Skickar {n} meddelanden ({kind}, {period}) via {server}, paus {pause} s."
LOG_DELIVERED = "Levererat till {address} ({key}): {reply}"
LOG_REFUSED = "Nekat för {address} ({key}): {reply}"
LOG_SKIPPED = (
    "{n} mottagare har redan fått samma innehåll och får inget nytt (--igen skickar ändå)."
)
LOG_TODAY = "{n} mottagare har redan påmints i dag och påminns inte igen förrän i morgon."
LOG_NOTHING = "Inget att skicka: alla har redan fått sitt."
LOG_DRY_RUN = "Provkörning: inget skickades; {n} meddelanden finns i {folder}"
LOG_DONE = "Klart: {delivered} levererade, {refused} nekade, {unsent} inte skickade. Se {record}."
LOG_CAP = (
    "Gränsen för en körning ({cap} meddelanden, max_per_korning under [utskick]) är nådd: "
    "{n} skickas vid nästa körning."
)
LOG_NO_ADDRESS = (
    "{key} har ingen e-postadress ({where}): {what} skickas inte. Lägg till adressen och kör "
    "kommandot igen; bara det som saknas skickas då."
)
WHERE_OWNERS = "ingen rad i ansvariga"
WHERE_UNIT = "ingen e_post i enheter"
LOG_NO_REPORT = "{unit}: ingen rapport att skicka ({reason})."
LOG_UNIT_BUSY = "{unit}: rapporten görs om just nu ({reason}); den skickas vid nästa körning."
REASON_NO_REPORT = "ingen publicerad rapport"
UNKNOWN_UNIT = "okänd enhet {unit}: giltiga är t.ex. {sample}, eller alla."
NO_UNITS = "data har inga basenheter (tabellen enheter saknas eller är tom)."
LOG_CHANGED = (
    "{file} har ändrats sedan den skrevs (SHA-256 {found} i stället för {expected}): "
    "den skickas inte till {address}."
)
LOG_MISSING = "{file} finns inte längre: den skickas inte till {address}."
LOG_SESSION_FAILED = "Utskicket avbröts: {reason} {n} mottagare fick inget."
INVALID_DATA = "{n} fel i {path}: ingen påminnelse skickas utifrån ogiltiga data."
LOG_NO_REMINDERS = "Alla formulär har kommit in och är ifyllda: ingen påminnelse behövs."
LOG_REMINDERS = "{n} av {total} har svar som saknas."

KIND_FORMS = "formulär"
KIND_REMINDERS = "påminnelser"
KIND_UNIT_REPORTS = "enheternas rapporter"

REASON_NO_ADDRESS = "ingen e-postadress"
REASON_CHANGED = "filen har ändrats sedan den skrevs"
REASON_MISSING = "filen finns inte längre"
REASON_CAP = "gränsen per körning nådd"
REASON_SESSION = "förbindelsen med servern bröts"

PREVIEW_FOLDER = "provutskick-{kind}-{period}"
