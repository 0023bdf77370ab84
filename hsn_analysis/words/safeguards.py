"""Swedish messages of the safeguards that keep a report whole: input that would be cut or
misread, implausible values, file-system failures and runs that never finished."""

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
