"""Swedish messages of the safeguards that keep a report whole: input that would be cut or
misread, implausible values, file-system failures and runs that never finished."""

import errno

# --- reading: a quote that swallows rows, formulas without values, hidden and empty sheets ---
MSG_GLUED_ROWS = (
    'Ett citattecken (") i början av ett värde i kolumn {column} öppnas här men {closes}, så '
    "raderna efter den ({lines}) har lästs som en del av detta enda värde och skulle ha "
    "försvunnit ur rapporten. Ta bort citattecknet eller avsluta det i samma cell; ett "
    'citattecken inne i en text skrivs som två ("").'
)
CLOSES_AT = "stängs först på textrad {line}"
CLOSES_NEVER = "stängs aldrig"
GLUED_LINES = "textrad {first}–{last}"
GLUED_LINE = "textrad {first}"
MSG_VALUE_TOO_LONG = (
    "Ett värde på raden är längre än {limit} tecken och läses inte. Så långa värden är "
    'oftast ett citattecken (") som aldrig avslutas, så att resten av filen blir ett enda '
    "värde; kontrollera citattecknen, eller korta texten."
)
MSG_FORMULA_NO_VALUE = (
    "Cell {cell} har formeln {formula} men inget sparat värde (filen är skriven av ett program "
    "som inte räknar formler), så cellen skulle ha lästs som tom. Öppna arbetsboken i Excel, "
    "spara den och försök igen, eller skriv värdet i stället för formeln."
)
MSG_HIDDEN_SHEET = (
    "Bladet {title} är dolt i Excel men läses som {name}.{visible} Kontrollera att det är "
    "rätt blad, eller visa det (högerklicka på en bladflik → Ta fram)."
)
HIDDEN_LOOKALIKES = " Synliga blad med liknande namn läses inte: {titles}."
MSG_EMPTY_TABLE = (
    "{what} har kolumnrubriker men inga rader med värden; inget läses från den. "
    "Kontrollera att det är rätt fil eller blad."
)

# --- validation: values far from what is plausible (warnings) ---
MSG_PERCENT_IMPLAUSIBLE = (
    "Värdet är en andel i procent men ligger utanför 0–100. Kontrollera värdet (t.ex. att "
    "det inte är skrivet i promille eller som ett antal)."
)
MSG_MAGNITUDE_IMPLAUSIBLE = (
    "Värdet skiljer sig mer än {factor} gånger från indikatorns övriga värden (medianen är "
    "{median}). Kontrollera värdet (t.ex. decimaltecken eller enhet)."
)

# --- file-system failures: one sentence each (what, where, what to do) ---
FS_FULL = "disken är full när {path} skrivs; frigör utrymme (eller välj en annan mapp med --out)"
FS_DENIED = (
    "{path} går inte att skriva: mappen är skrivskyddad eller användaren saknar skrivrätt; "
    "ge skrivrätt eller välj en annan mapp med --out"
)
FS_NOT_FOLDER = (
    "{path} kan inte bli en mapp eftersom en fil med det namnet (eller en fil på vägen dit) "
    "redan finns; ange en mapp med --out"
)
FS_OTHER = "{path} går inte att använda ({reason}); kontrollera mappen och disken"
FS_RUN_KEPT = (
    "steget {step} misslyckades: {what}. Ingen ny rapport publicerades, en tidigare rapport för "
    "perioden finns kvar orörd och inget mejl skickas."
)
FS_COMMAND = "{what}."
STEP_FILES = "skrivning"

# --- runs that never finished ---
MSG_DEAD_RUN = (
    "Den förra körningen av {period} (startad {started}, process {pid} på {host}) avslutades "
    "aldrig, t.ex. för att den dödades eller disken blev full; dess arbetsmappar tas bort."
)
MSG_DEAD_RUN_SEND = (
    "den senaste körningen av {period} (startad {started}) avslutades aldrig (den kan ha dödats "
    "eller disken blev full), så rapporten som finns är inte den senaste. Kör om rapporten först."
)
INDEX_UNFINISHED_NOTE = (
    "Körningen startade men avslutades aldrig (t.ex. dödad eller full disk); den gällande "
    "rapporten, om någon, är oförändrad."
)
UNKNOWN = "okänt"

# --- a fault in the program itself ---
MSG_BUG = (
    "programfel i hsn-report ({error}); det är en bugg, inte ett fel i data. Rapportera det till "
    "dem som förvaltar hsn-report med hela loggen ovan. Ingen ny rapport publicerades och inget "
    "mejl skickades."
)
READ_TABLES = "Läste {tables}."
READ_TABLE = "{source} ({rows})"  # rows: words.counting.counted(n, ROWS)


# Failures of the place written to (not of the program): full, not writable, not a folder.
_FULL = (errno.ENOSPC, errno.EDQUOT)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)
_NOT_FOLDER = (errno.ENOTDIR, errno.EEXIST, errno.EISDIR)


def is_file_system_failure(error: OSError) -> bool:
    """Whether `error` is the disk's or the folder's fault (exit 8), not the program's."""
    return error.errno in (*_FULL, *_DENIED, *_NOT_FOLDER)


def file_system_sentence(error: OSError) -> str:
    """What went wrong with the file system and what to do, as a clause of one sentence."""
    path = error.filename or UNKNOWN
    if error.errno in _FULL:
        return FS_FULL.format(path=path)
    if error.errno in _DENIED:
        return FS_DENIED.format(path=path)
    if error.errno in _NOT_FOLDER:
        return FS_NOT_FOLDER.format(path=path)
    return FS_OTHER.format(path=path, reason=error.strerror or type(error).__name__)


# The period's lock (runs.locking): who is refused reads who holds it.
LOCK_BUSY = "en annan körning pågår{who}; låsfil {path}"
LOCK_HOLDER = "{purpose}, pid {pid} på {host}, {started}"
