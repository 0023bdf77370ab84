"""Counted words: a number and its noun in the right number ("1 rapport", "2 rapporter")."""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ERRORS",
    "GOALS",
    "INDICATORS",
    "REPORTS",
    "ROWS",
    "SUBGOALS",
    "UNITS",
    "UNIT_REPORTS",
    "WARNINGS",
    "Noun",
    "counted",
]


class Noun(NamedTuple):
    """A noun's singular and plural (indefinite) forms."""

    one: str
    many: str


ERRORS = Noun("fel", "fel")
WARNINGS = Noun("varning", "varningar")
ROWS = Noun("rad", "rader")
REPORTS = Noun("rapport", "rapporter")
UNIT_REPORTS = Noun("enhetsrapport", "enhetsrapporter")
UNITS = Noun("enhet", "enheter")
GOALS = Noun("mål", "mål")
SUBGOALS = Noun("delmål", "delmål")
INDICATORS = Noun("indikator", "indikatorer")


def counted(n: int, noun: Noun) -> str:
    """`n` and `noun` agreeing with it: the singular for exactly 1 (and −1), else the plural
    ("0 rapporter", "1 rapport", "2 rapporter")."""
    return f"{n} {noun.one if abs(n) == 1 else noun.many}"
