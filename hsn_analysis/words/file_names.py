"""Swedish words about ids that become file and folder names (a basenhet's id names its report's
folder and files)."""

from __future__ import annotations

# Why a value cannot name a file or folder; each ends a message that says what to do.
REASON_SEPARATOR = "innehåller snedstreck (/ eller \\), som delar upp en sökväg i mappar"
REASON_DOTS = "är . eller .., som i en sökväg betyder den här eller den överordnade mappen"
REASON_CONTROL = "innehåller ett styrtecken (t.ex. radbrytning eller tabb)"
REASON_WINDOWS_CHARACTER = "innehåller tecknet {character}, som Windows inte tillåter i filnamn"
REASON_RESERVED = (
    "är ett namn som Windows reserverar för en enhet ({name}) och inte kan vara filnamn"
)
REASON_TRAILING = "slutar med punkt eller mellanslag, vilket Windows tar bort ur filnamn"
REASON_LONG = "är längre än {limit} tecken"
REASON_EMPTY = "är tomt"

MSG_UNSAFE_ID = (
    "{column} blir namnet på en mapp och på filer i rapporten, men värdet {reason}. Välj ett "
    "id av bokstäver, siffror, bindestreck och understreck (t.ex. PV01)."
)
MSG_UNSAFE_OUTPUT = (
    "steget filer misslyckades: {name!r} kan inte bli en del av sökvägen i {root}: namnet "
    "{reason}. Inget skrevs."
)
MSG_OUTSIDE_OUTPUT = (
    "steget filer misslyckades: {path} ligger utanför utdatamappen {root}. Inget skrevs."
)
