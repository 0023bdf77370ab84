"""Ids that become file and folder names, safe by construction.

A basenhet's `enhet_id` names the folder and files of its report (`enheter/PV01/…-PV01.html`).
An id is refused by validation when it could name anything else: a path separator or `..`
would put the report outside its folder, a control character breaks the operator's log and
shell, and the names and characters Windows reserves (CON, NUL, COM1, `:`, a trailing dot)
make a file that the secretaries, who open the reports from a Windows share, cannot open.

`output_path` is the second line of defence: every writer of the reports builds its paths with
it, so a name that slipped past validation (or a caller that skipped it) still cannot point a
write outside the output folder.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from hsn_analysis.problems import Problem
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words import file_names as words

# Windows refuses these as a name, with or without an extension (`nul.txt` too).
RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")}
)
WINDOWS_CHARACTERS = '<>:"|?*'
# Room for the longest file made from an id (`uppfoljning-2025-T2-<id>.MISSLYCKAD.ipynb`) within
# the 255 bytes a file name may have, with Swedish letters taking two bytes each.
MAX_LENGTH = 100


def name_problem(name: str) -> str | None:
    """Why `name` cannot be one file or folder name (a Swedish clause), or None if it can."""
    if "/" in name or "\\" in name:
        return words.REASON_SEPARATOR
    if name in (".", ".."):
        return words.REASON_DOTS
    if any(unicodedata.category(c) == "Cc" for c in name):
        return words.REASON_CONTROL
    for character in WINDOWS_CHARACTERS:
        if character in name:
            return words.REASON_WINDOWS_CHARACTER.format(character=character)
    if name.split(".")[0].strip().casefold() in RESERVED:
        return words.REASON_RESERVED.format(name=name.split(".")[0].strip().upper())
    if name.endswith((".", " ")):
        return words.REASON_TRAILING
    if len(name) > MAX_LENGTH:
        return words.REASON_LONG.format(limit=MAX_LENGTH)
    return None


def check_file_names(validator: Any, table: Any, column: str) -> None:
    """Add a located error for every filled cell of `column` that cannot name a file or folder
    (`validator` and `table` as `validation` has them; the cell's own problems, such as an empty
    one, are checked there)."""
    values = table.text(column)
    header = table.headers.get(column, column)
    for row, value in values[table.filled(column)].items():
        reason = name_problem(value)
        if reason is not None:
            message = words.MSG_UNSAFE_ID.format(column=header, reason=reason)
            validator.problems.append(
                Problem(Severity.ERROR, table.source, message, int(row), header, value)
            )


class UnsafeOutputPath(ValueError):
    """A path a writer was about to use does not lie inside its output folder."""


def output_path(root: Path, *names: str) -> Path:
    """`root / name / …`, after checking that each name is one safe file or folder name and that
    the result, with links followed, lies inside `root`; UnsafeOutputPath otherwise.

    Called by every writer before it writes anything: the check holds whatever validation did.
    """
    path = root
    for name in names:
        reason = words.REASON_EMPTY if not name else name_problem(name)
        if reason is not None:
            raise UnsafeOutputPath(
                words.MSG_UNSAFE_OUTPUT.format(name=name, root=root, reason=reason)
            )
        path = path / name
    resolved_root = root.resolve()
    if not path.resolve().is_relative_to(resolved_root):
        raise UnsafeOutputPath(words.MSG_OUTSIDE_OUTPUT.format(path=path, root=root))
    return path
