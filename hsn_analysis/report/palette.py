"""The one status palette shared by charts and HTML, so a status looks the same everywhere.

Colours never carry a status alone: every status also has a symbol (`labels.STATUS_SYMBOL`) and a
word. The three colours are dark or light enough that the text on them keeps a contrast ratio of
at least 4.5:1 (WCAG AA), on screen and on a greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Swatch:
    """A status colour: `fill` for areas and markers, `text` for writing on top of it."""

    fill: str
    text: str


STATUS_SWATCH: dict[str, Swatch] = {
    "gron": Swatch("#2E7D32", "#FFFFFF"),
    "gul": Swatch("#F2C12E", "#2B2100"),
    "rod": Swatch("#B3261E", "#FFFFFF"),
    "ej_bedomd": Swatch("#C9CED6", "#1F2933"),
    "helar": Swatch("#D9E2EF", "#1F3A5F"),
    "utfall_saknas": Swatch("#E4E7EB", "#1F2933"),
    "malvarde_saknas": Swatch("#E4E7EB", "#1F2933"),
    "jamforelse_saknas": Swatch("#E4E7EB", "#1F2933"),
    "ingen": Swatch("#EEF0F3", "#1F2933"),
}

# The report's own colours: headings, rules, lines that are not a status.
INK = "#1F2933"
BRAND = "#1F3A5F"
MUTED = "#5F6B7A"
GRID = "#D5DAE1"
TARGET_LINE = "#1F3A5F"
VALUE_LINE = "#5F6B7A"
