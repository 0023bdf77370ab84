"""How the analyst's answers show: whole, escaped tables in JupyterLab and in a terminal."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as it is shown: a missing value (NaN, NaT, None, pandas' NA) is an empty cell,
    never `nan` or `<NA>` (to_html's `na_rep` misses the nullable types' NA)."""
    return frame.astype(object).where(frame.notna(), "")


def _html_table(frame: pd.DataFrame) -> str:
    # to_html escapes every cell and header and, unlike the notebook repr, never cuts long texts
    # short: a delmål's name or an assessment is read whole.
    table: str = shown(frame).to_html(index=False, escape=True, border=0, classes="hsn-tabell")
    return table


@dataclass(frozen=True, eq=False)
class Table:
    """A table as the report shows it: Swedish words and rounded figures, codes in their own
    columns. `frame` is the same table as a DataFrame (index 0..n-1) to filter or export."""

    frame: pd.DataFrame
    title: str = ""

    def __len__(self) -> int:
        return len(self.frame)

    def _repr_html_(self) -> str:
        heading = f"<p><strong>{html.escape(self.title)}</strong></p>" if self.title else ""
        return heading + _html_table(self.frame)

    def __str__(self) -> str:
        body = (
            shown(self.frame).to_string(index=False, max_colwidth=None) if len(self.frame) else ""
        )
        return "\n".join(part for part in (self.title, body) if part)

    __repr__ = __str__


@dataclass(frozen=True, eq=False)
class Summary:
    """A period in brief: the count sentence (what `print` shows) and the mål with their
    rolled-up status."""

    title: str
    sentence: str
    goals: Table

    def __str__(self) -> str:
        return self.sentence

    def __repr__(self) -> str:
        return f"{self.title}\n{self.sentence}\n\n{self.goals}"

    def _repr_html_(self) -> str:
        return (
            f"<p><strong>{html.escape(self.title)}</strong></p>"
            f"<p>{html.escape(self.sentence)}</p>{_html_table(self.goals.frame)}"
        )
