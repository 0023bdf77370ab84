"""Swedish words for the synthetic plan: names, comments, status words and authors.

Drawn at random by bench/synthetic.py, so that names and texts vary as in a real plan.
"""

GOAL_THEMES = [
    "Trygga uppväxtvillkor",
    "Ett attraktivt och hållbart län",
    "Tillgänglig vård med god kvalitet och kontinuitet",
    "God och jämlik hälsa",
    "Hållbar kompetensförsörjning",
    "Ekonomi i balans",
    "Nära vård",
    "Säker vård",
    "Stärkt civil beredskap",
    "Digitala vårdtjänster",
]
SUBJECTS = [
    "Andelen patienter som får vård inom vårdgarantin",
    "Väntetiden till första besök i specialiserad vård",
    "Andelen barn och unga som får stöd av första linjen",
    "Antalet vårdskador",
    "Andelen invånare med fast läkarkontakt",
    "Personalomsättningen",
    "Andelen digitala vårdbesök",
    "Kostnaden för hyrpersonal",
    "Andelen hembesök till nyfödda",
    "Överbeläggningarna på sjukhusen",
    "Andelen patienter som rekommenderar vården",
    "Antalet utskrivningsklara patienter som väntar",
]
CHANGES = ["ska öka", "ska minska", "ska förbättras", "ska vara jämlik", "ska följas upp"]
PLACES = ["i hela regionen", "i Umeå", "i Skellefteå", "i Lycksele", "i inlandet", "på sjukhusen"]
TOPICS = [
    "patienter med vårdplan",
    "besök inom 90 dagar",
    "operationer inom vårdgarantin",
    "barn med fullständigt vaccinationsskydd",
    "vårdrelaterade infektioner",
    "återinskrivningar inom 30 dagar",
    "samtal till 1177 besvarade inom 3 minuter",
    "utskrivningar med samordnad plan",
    "tobaksfria patienter före operation",
    "genomförda hälsosamtal",
    "medarbetare med hållbart arbetsliv",
    "läkemedelsgenomgångar hos äldre",
]
OUTCOME_COMMENTS = [
    "Preliminär siffra",
    "Ny mätmetod från denna period",
    "Data från två av tre sjukhus",
    "Inrapporteringen försenad",
    "Korrigerat värde",
]
STATUS_WORDS = [  # per colour: the usual word, the plan's long form, a colour word
    ("uppnås", "Kommer att uppnås", "grön"),
    ("delvis", "Kommer delvis att uppnås", "gul"),
    ("uppnås ej", "Kommer inte att uppnås", "röd"),
]
JUDGEMENTS = [
    "Den sammantagna bedömningen är att delmålet kommer att uppnås.",
    "Bedömningen är att delmålet delvis kommer att uppnås.",
    "Bedömningen är att delmålet inte kommer att uppnås under året.",
]
REASONS = [
    "Utfallet har förbättrats sedan förra tertialen.",
    "Vakanser har begränsat möjligheten att ta emot fler patienter.",
    "Ett nytt arbetssätt infördes under våren och effekten väntas synas under hösten.",
    "Utfallet varierar mellan verksamheterna och skillnaderna analyseras.",
    "Insatserna fortsätter enligt plan.",
    "Resultatet påverkas av en ökad efterfrågan under perioden.",
]
AUTHORS = [
    "Verksamhetschef barn- och ungdomspsykiatrin",
    "Områdeschef primärvård",
    "Hälso- och sjukvårdsdirektör",
    "Chef för hälsoval",
    "Verksamhetschef akutsjukvård",
    "Utvecklingsledare kvalitet",
    "Chefläkare",
    "Personaldirektör",
    "Ekonomidirektör",
    "Beredskapssamordnare",
]
SETTINGS = """\
namn = "Syntetisk nämnd (benchmark)"
ar = 2025
gul_fran = 90
malstatus_regel = "majoritet"
exempeldata = true
"""
