"""Swedish messages about the data's people and addresses: `ansvariga` and `enheter.e_post`."""

from __future__ import annotations

MSG_ADDRESS = "Ogiltig e-postadress: {hint}"
MSG_ADDRESS_ONLY = (
    "Skriv bara adressen (namn@region.se) i e_post; personens namn hör hemma i kolumnen namn."
)
MSG_ONE_LINE = (
    "Texten får inte innehålla radbrytningar eller andra styrtecken: den används i e-postens "
    "rubrik. Skriv den på en rad."
)
MSG_SAME_PERSON = (
    "Samma ansvarig och e-postadress finns redan på rad {first}. Varje person ska stå en gång "
    "per ansvarig."
)
MSG_ROLE_WITHOUT_PERSON = (
    "Ansvarig '{role}' har ingen person i {owners}: formuläret för {role} kan inte mejlas. "
    "Lägg till en rad med ansvarig, namn och e_post."
)
MSG_PERSON_WITHOUT_ROLE = (
    "Ansvarig '{role}' finns inte i planen (kolumnen ansvarig i delmal eller indikatorer): "
    "ett stavfel? Raden används inte."
)
MSG_UNIT_WITHOUT_ADDRESS = (
    "Enheten {unit} har ingen e_post: dess formulär och rapport kan inte mejlas till enhetens chef."
)
