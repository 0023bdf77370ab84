"""Swedish messages about how values were measured: `matning`, `taljare` and `namnare`."""

from __future__ import annotations

MSG_MEASUREMENT = (
    "Okänt sätt att mäta. Giltiga värden: tertial (värdet gäller tertialen ensam; standard) "
    "eller hittills_i_ar (värdet gäller året hittills: T1, T1–T2, helåret vid T3)."
)
MSG_PART_ALONE = (
    "Täljare och nämnare anges tillsammans: kolumnen {other} är tom på den här raden. "
    "Fyll i båda eller ingen av dem."
)
MSG_PART_NEGATIVE = "Täljaren kan inte vara negativ."
MSG_DENOMINATOR = "Nämnaren måste vara större än 0."
MSG_RATIO = (
    "Värdet stämmer inte med täljare och nämnare: {top} / {bottom} = {expected}. Värdet ska "
    "vara kvoten (avrundad som värdet är skrivet)."
)
MSG_RATIO_PERCENT = (
    "Värdet stämmer inte med täljare och nämnare: {top} / {bottom} × 100 = {expected} %. "
    "Värdet ska vara kvoten i procent (avrundad som värdet är skrivet)."
)
MSG_LOOKS_YEAR_TO_DATE = (
    "Indikatorn {id} ser ut att vara mätt hittills i år: värdena stiger inom varje år och "
    "faller vid T1 åren {years}. Är värdena räknade hittills i år, skriv hittills_i_ar i "
    "kolumnen matning; annars räknas styrdiagrammets gränser på årets sågtand, inte på "
    "verksamheten."
)
