"""Swedish reasons for a Kolada answer the client refuses (hostile or broken servers)."""

from __future__ import annotations

# --- where the client may go -----------------------------------------------------------------
OFF_HOST = (
    "adressen {url} ligger utanför {origin}; hämtningen följer bara adresser på den "
    "konfigurerade servern (--bas-url)"
)
BAD_SCHEME = "adressen {url} är inte http eller https; bara API:ets egen server används"
TOO_MANY_REDIRECTS = "fler än {n} omdirigeringar i rad"
ANSWERED = "svarade {status}"
REDIRECT_WITHOUT_LOCATION = "svarade {status} utan Location"
NEXT_NOT_ADDRESS = "{key} är inte en adress eller ett sidnummer"
NEXT_SEEN = "{key} pekar på en sida som redan hämtats"

# --- how long and how much -----------------------------------------------------------------
REQUEST_DEADLINE = "svaret kom inte fram inom {seconds:g} s (gräns per anrop)"
FETCH_DEADLINE = "hela hämtningen tog mer än {seconds:g} s (gräns per hämtning)"
NO_ANSWER = "inget svar inom {seconds:g} s"
TOO_LARGE = "svaret är större än gränsen {limit} byte"
TOO_DEEP = "JSON-svaret är nästlat djupare än gränsen {limit} nivåer"
TRUNCATED = "svaret bröts av efter {got} byte{expected}"
TRUNCATED_EXPECTED = " av utlovade {n}"

# --- what the answer holds -----------------------------------------------------------------
NOT_JSON = "inte JSON ({error})"
NOT_OBJECT = "svaret är inte ett JSON-objekt"
NO_VALUES = "svaret saknar listan values"
ROW_NOT_OBJECT = "rad {n} i values är inte ett JSON-objekt"
ROW_INCOMPLETE = "rad {n} i values saknar municipality, period eller values"

# --- a value left out, said as a warning ---------------------------------------------------
VALUE_LEFT_OUT = (
    "{kpi}: värdet för område {area} år {year} (kön {gender}) är {value!s}, inte ett ändligt "
    "tal; det lämnas bort ur jamforelser.csv."
)
VALUES_LEFT_OUT = "{n} värden från Kolada lämnades bort (se varningarna ovan)."

# --- the fetch's failure -------------------------------------------------------------------
KOLADA_OFF_HOST = (
    "Kolada-hämtningen stoppades: {reason}. Inget skrevs; den tidigare filen "
    "jamforelser.csv lämnas orörd. Kontrollera --bas-url, eller att servern är den rätta."
)

# --- the command `hsn-report kolada` ----------------------------------------------------------
COMMAND_HELP = "hämta jämförelser från Kolada till data"
DATA_HELP = "mapp med CSV-filer"
YEARS_HELP = "år att hämta, t.ex. 2021..2025 (standard: planåret och 4 till)"
BASE_URL_HELP = "API:ets adress"
INVALID_DATA = "{errors} i {path}: inget hämtas till ogiltiga data."
