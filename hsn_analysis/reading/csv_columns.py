"""CSV text to columns, lean on memory: what `loading` does with the rows of a large file.

A large `utfall` has millions of rows; as Python lists of strings they would take several times
the file's size. The rows are therefore moved into columns a chunk at a time, and each text
that repeats in a column (ids, periods, numbers) is kept once.
"""

from __future__ import annotations

import re

import numpy as np

SHARE_DECIDED_ROWS = 1_000_000  # rows after which a column that seldom repeats is only stripped


class Columns:
    """The body of a table as columns of stripped text ("" for a missing cell), filled a chunk
    of rows at a time so that the rows as lists never all exist at once.

    A text met again in a column is kept once: ids, periods and numbers repeat by the million
    in a large `utfall`. That needs a dict of the column's distinct texts, which is wasted on a
    column whose texts seldom repeat (comments), so a long column with more distinct texts
    than half its rows is only stripped from then on.
    """

    def __init__(self, width: int) -> None:
        self.columns: list[list[str]] = [[] for _ in range(width)]
        self.seen: list[StrippedTexts | None] = [StrippedTexts() for _ in range(width)]
        self.rows = 0

    def add(self, chunk: list[list[str]]) -> None:
        width = len(self.columns)
        widths = set(map(len, chunk))
        if (longest := max(widths)) > width:  # values right of every earlier row
            self.columns += [[""] * self.rows for _ in range(longest - width)]
            self.seen += [StrippedTexts() for _ in range(longest - width)]
            width = longest
        if widths != {width}:  # blank lines and short rows
            chunk = [r if len(r) == width else r + [""] * (width - len(r)) for r in chunk]
        self.rows += len(chunk)
        # Column by column in plain Python (map is C speed): pandas' string methods cost more.
        for i, cells in enumerate(zip(*chunk, strict=True)):
            seen = self.seen[i]
            self.columns[i].extend(map(str.strip if seen is None else seen.__getitem__, cells))
            if seen is not None and self.rows >= SHARE_DECIDED_ROWS and len(seen) > self.rows // 2:
                self.seen[i] = None

    def arrays(self) -> list[np.ndarray]:
        """The columns as object arrays; each list is emptied once it is copied."""
        arrays = []
        for column in self.columns:
            arrays.append(np.fromiter(column, dtype=object, count=len(column)))
            column.clear()
        self.seen.clear()
        return arrays


class StrippedTexts(dict[str, str]):
    """Each cell as written → its stripped text, one object per distinct text."""

    def __missing__(self, cell: str) -> str:
        text = self[cell] = cell.strip()
        return text


def detect_delimiter(text: str) -> str:
    """The separator used in the first non-blank line (outside quotes); `;` when unclear."""
    line = next((ln for ln in text[:100_000].splitlines() if ln.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = {d: unquoted.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])  # ties keep the order above: Swedish Excel's `;`
    return best if counts[best] else ";"
