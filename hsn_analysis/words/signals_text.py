"""Swedish text of the comparisons (Kolada) and the signals (SPC): messages, labels, report text."""

from __future__ import annotations

# --- reading: the optional Kolada and SPC columns, the jamforelser input --------------------
KOLADA_ID_HINT = (
    "Ange regionens id i Kolada med fyra siffror inom citattecken, t.ex. "
    'kolada_id = "0024" för Region Västerbotten (riket 0000 är jämförelsen, inte en region).'
)
MSG_KOLADA_KPI = (
    "Okänt nyckeltals-id. Ett id i Kolada är en bokstav och fem siffror, t.ex. N79176 eller U20462."
)
MSG_KOLADA_GENDER = "Okänt kön. Giltiga värden: T (totalt), K (kvinnor), M (män)."
MSG_AREA_ID = "Okänt område. Ange Koladas id med fyra siffror, t.ex. 0024 (0000 är riket)."
MSG_YEAR = "Inte ett år. Skriv året med fyra siffror, t.ex. 2024."
MSG_TWO_COMPARISONS = (
    "Indikatorn {id} har redan ett värde för område {area} år {year} på rad {first}. Det får "
    "bara finnas ett värde per indikator, år och område."
)
JAMFORELSER_EXAMPLE_HEADERS = "indikator_id, ar, omrade_id, omrade, varde"

# --- kolada: the fetch ------------------------------------------------------------------------
KOLADA_NO_MAPPING = (
    "Ingen indikator har kolada_kpi i indikatorer: det finns inget att hämta. Ange nyckeltalets "
    "id i Kolada (t.ex. N79176) i kolumnen kolada_kpi."
)
KOLADA_NO_REGION_ID = (
    "Inställningen kolada_id saknas. " + KOLADA_ID_HINT + " Utan den går det inte att säga "
    "vilken region som är vår."
)
KOLADA_PROGRESS = "{kpi} ({indicator}): {rows} värden för {areas} områden, år {years}"
KOLADA_EMPTY_YEARS = "{kpi} ({indicator}): Kolada har inga värden för år {years} än"
KOLADA_UNKNOWN_KPI = "{kpi} ({indicator}): nyckeltalet finns inte i Kolada. Kontrollera id:t."
KOLADA_NO_OWN_VALUE = (
    "{kpi} ({indicator}): Kolada har inget värde för vår region ({region}) något av åren "
    "{years}; jämförelsen kan inte göras."
)
KOLADA_UNREACHABLE = (
    "Kolada svarar inte ({url}: {reason}). Inget hämtades och den tidigare filen "
    "jamforelser.csv lämnas orörd. Försök igen senare eller ange en spegel med --bas-url."
)
KOLADA_BAD_REPLY = (
    "Kolada svarade med något som inte går att läsa ({url}: {reason}). Inget skrevs; den "
    "tidigare filen jamforelser.csv lämnas orörd."
)
KOLADA_HTTP_ERROR = (
    "Kolada svarade {status} på {url}. Inget skrevs; den tidigare filen jamforelser.csv "
    "lämnas orörd."
)
KOLADA_FAILED = "Hämtningen misslyckades för {n} nyckeltal; jamforelser.csv skrevs inte om."
KOLADA_WROTE = "Skrev {path}: {rows} rader för {kpis} nyckeltal."
KOLADA_BAD_YEARS = "Ogiltiga år '{text}'. Skriv t.ex. --ar 2021..2025 eller --ar 2024."
KOLADA_NOT_FOLDER = (
    "--data måste vara en mapp med CSV-filer: jamforelser.csv skrivs i den. En arbetsbok "
    "({path}) fylls på för hand med bladet jamforelser."
)

# --- the report -------------------------------------------------------------------------------
VARIATION_LABELS = {
    "forbattring": ("▲", "Förbättring"),
    "forsamring": ("▼", "Försämring"),
    "slumpmassig": ("●", "Slumpmässig variation"),
    "hog": ("↑", "Ovanligt högt"),
    "lag": ("↓", "Ovanligt lågt"),
}
ASSURANCE_LABELS = {
    "klarar": ("✔", "Klarar målet"),
    "klarar_inte": ("✖", "Klarar inte målet"),
    "varierar": ("≈", "Ibland, ibland inte"),
    "ej_bedombar": ("?", "Ej bedömbar"),
}
SHORT_SERIES = "för kort serie"
# Why an indicator has no signal: one short phrase in place of the icons (and in the JSON).
NO_SIGNAL_REASONS = {
    "for_kort_serie": "för kort serie ({points} punkter, 12 behövs)",
    "hittills_i_ar_utan_taljare": "andel hittills i år utan täljare och nämnare",
}
# Why the assurance is not assessable: the rule of the latest point, or a target on the year
# to date beside a chart of the tertials' own amounts.
ASSURANCE_REASONS = {
    "utanfor_grans": "senaste punkten ligger utanför gränsen",
    "trend": "senaste punkterna är en trend",
    "tva_av_tre": "senaste punkterna ligger nära gränsen",
    "niva": "senaste punkterna ligger på ena sidan om medelvärdet",
    "mal_for_hittills_i_ar": "målet gäller hittills i år, diagrammet tertialens belopp",
}
NO_ASSURANCE = "–"
RULE_LABELS = {
    "utanfor_grans": "punkt utanför gränsen",
    "trend": "7 punkter i rad stigande eller fallande",
    "tva_av_tre": "2 av 3 punkter nära gränsen",
    "niva": "7 punkter i rad på samma sida om medelvärdet",
}
RANK_TEXT = "plats {rank} av {count}, där 1 är bäst"
RANK_NEUTRAL = "plats {rank} av {count} från högsta värdet (ingen riktning)"
# Where Kolada's key figure is another measure than the indicator, the rank says in what.
RANK_MEASURE = "i Koladas {title}{unit}"
RANK_MEASURE_UNIT = " ({unit})"
BENCHMARK_OTHER_MEASURE = (
    "Kolada mäter inte samma sak som indikatorn: värdena nedan är nyckeltalet {title}{unit}, "
    "inte indikatorns {own_unit}."
)
NO_RANK = "–"

OVERVIEW_HEADING = "Översikt över indikatorerna"
OVERVIEW_INTRO = (
    "Alla indikatorer för {period}: status, måluppfyllelse, förändring sedan samma period "
    "förra året, signaler enligt Making Data Count (variation och säkring, från minst 12 "
    "punkter) och plats bland regionerna i Kolada."
)
OVERVIEW_HEADERS = [
    "Indikator",
    "Status",
    "Mål­upp­fyllelse",
    "För­ändring sedan {previous}",
    "Variation",
    "Säkring",
    "Plats bland regio­nerna",
]
BENCHMARK_HEADING = "Jämförelse med andra regioner ({year})"
BENCHMARK_HEADERS = ["", "Värde"]
BENCHMARK_OWN = "Vår region ({name})"
BENCHMARK_COUNTRY = "Riket"
BENCHMARK_MEDIAN = "Medianregionen"
BENCHMARK_RANK = "Plats"
BENCHMARK_SOURCE = "Källa: Kolada {kpi} ({title}), hämtad {fetched}."
BENCHMARK_CHART_ALT = (
    "Punktdiagram över {count} regioners värden {year} för {name}. Vår region {own}, "
    "riket {country}, {rank}."
)
BENCHMARK_CHART_TITLE = "Regionerna {year}"
BENCHMARK_CHART_OWN = "Vår region"
BENCHMARK_CHART_COUNTRY = "Riket"

SPC_HEADING = "Styrdiagram (Making Data Count)"
# The icons come as finished HTML (symbol and word); the rest is plain text.
SPC_LINE = "variation {variation}, säkring {assurance}; {points} punkter{restart}."
SPC_RESTART = ", gränserna räknade från {period}"
SPC_NONE = "ingen signal: {reason}."
# What the points are, when they are not the values as given.
SPC_BASIS = {
    "tertialbelopp": "Punkterna är tertialens eget belopp (T1, T2 − T1, T3 − T2): värdena "
    "är räknade hittills i år. Målet gäller värdet hittills i år och ritas inte.",
    "tertialkvot": "Punkterna är tertialens egen kvot av täljare och nämnare: värdena är "
    "räknade hittills i år.",
}
SPC_TITLE = {
    "tertialbelopp": "Tertialens eget belopp",
    "tertialkvot": "Tertialens egen kvot",
}
SPC_AXIS_PER_TERTIAL = "{unit} per tertial"
SPC_SIGNALS = "Särskilda orsaker: {signals}."
SPC_NO_SIGNALS = "Inga särskilda orsaker: variationen är slumpmässig."
SPC_CHART_ALT = (
    "Styrdiagram för {name} med {points} punkter från {first} till {last}: medelvärde {mean}, "
    "gränser {lower} och {upper}{target}. {signals}"
)
SPC_CHART_TARGET = ", målvärde {target}"
SPC_LEGEND_MEAN = "Medelvärde"
SPC_LEGEND_LIMITS = "Processgränser"
SPC_LEGEND_TARGET = "Målvärde"
SPC_LEGEND_IMPROVEMENT = "Förbättring"
SPC_LEGEND_CONCERN = "Försämring"
SPC_LEGEND_NEUTRAL = "Särskild orsak"

ABOUT_SIGNALS_HEADING = "Signaler och jämförelser"
ABOUT_SPC = (
    "Signalerna följer NHS England Making Data Count: ett XmR-diagram med medelvärdet som "
    "mittlinje och processgränserna medelvärdet ± 2,66 × genomsnittligt glidande variationsvidd, "
    "utan att avvikande variationsvidder sorteras bort (som i Making Data Counts Excel-verktyg). "
    "Särskilda orsaker i ordningen: en punkt utanför gränserna; 7 punkter i rad stigande eller "
    "fallande; 2 av 3 punkter nära eller utanför en gräns, alla tre på samma sida om "
    "medelvärdet; 7 punkter i rad på samma sida om medelvärdet. Förbättringsriktningen kommer "
    "från måltypen (minst och öka: uppåt, högst och minska: nedåt, ingen: neutral). Variationen "
    "gäller den senaste punkten, säkringen jämför målvärdet med gränserna, men bara när den "
    "senaste punkten är slumpmässig: ingår den i en särskild orsak har processen ändrats och "
    "säkringen är ej bedömbar. Gränserna visas inom det mätetalet kan anta (antal och andelar "
    "aldrig under 0, andelar aldrig över 100 %). Värden mätta hittills i år visas som "
    "tertialens eget belopp eller, för andelar med täljare och nämnare, tertialens egen kvot. "
    "Signaler visas bara för serier med minst 12 punkter."
)
ABOUT_COMPARISONS = (
    "Jämförelserna med andra regioner kommer ur filen {file} (SHA-256 {sha}), hämtad från "
    "Kolada {fetched}. Rapporten hämtar inget från nätet. Platsen räknas bland de 21 "
    "regionerna så att 1 är bäst i indikatorns riktning; riket ingår inte bland dem."
)
ABOUT_NO_COMPARISONS = "Data har ingen fil jamforelser: rapporten har inga jämförelser."
OVERVIEW_RANK_NOTE = (
    "Plats räknas bland de 21 regionerna så att 1 är bäst i indikatorns riktning, för det "
    "senaste år som har jämförelsedata. Variation och säkring: se Om rapporten."
)

# --- Datakvalitet: charts whose process has changed (for the analyst) --------------------------
RESTART_HEADING = "Styrdiagram där processen har ändrats (för analytiker)"
RESTART_INTRO = (
    "Den senaste punkten ingår i en särskild orsak, så gränserna är räknade över en förändring "
    "och säkringen kan inte bedömas. Är orsaken känd och bestående (t.ex. en ny arbetsmetod) "
    "kan perioden där förändringen började skrivas i kolumnen spc_fran i indikatorer; då "
    "räknas nya gränser från den, när det finns minst 12 punkter. Programmet räknar aldrig om "
    "gränserna av sig självt."
)
RESTART_HEADERS = ["Indikator", "Senaste punkten", "Föreslagen spc_fran", "Punkter sedan dess"]
RESTART_POINTS = "{points} (minst {needed} behövs)"
