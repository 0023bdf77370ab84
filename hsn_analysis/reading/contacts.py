"""The data's people: `ansvariga` (who holds each role of the plan, one row per person) and the
optional `e_post` of `enheter` (the unit's chief), checked as every other input is.

An address must be one the mail can send to (the mail configuration's own rule); a name or a
role goes into a mail header, so it must be one line. A role of the plan without a person, or a
person of a role the plan does not have, is a warning: the report needs no addresses, but the
tertial's mail does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from hsn_analysis import dataset as ds
from hsn_analysis.problems import Problem
from hsn_analysis.reading.addresses import parse_address
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words import contacts as words

Column = Callable[[str], pd.Series]  # a column's text, or where it is filled, by name
Message = str | Callable[[str, int], str]
Found = tuple[dict[str, pd.Series], list[tuple[str, pd.Series, Message]]]

COLUMNS = {"ansvariga": ds.OWNER_COLUMNS}
REQUIRED = {"ansvariga": ("ansvarig", "e_post")}
FIELDS = (("ansvariga", "owners"),)  # the table and the Dataset field it becomes
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def role_key(role: str) -> str:
    """A role as it is matched between the plan and `ansvariga`: single spaces, any case."""
    return " ".join(role.split()).casefold()


def check_owner_table(text: Column, filled: Column) -> Found:
    """`ansvariga`: a sendable address per row, one-line role and name, no person twice."""
    addresses, problems = _addresses(text("e_post"), filled("e_post"))
    for column in ("ansvarig", "namn"):
        problems.append((column, text(column).str.contains(_CONTROL), words.MSG_ONE_LINE))
    keys = text("ansvarig").map(role_key) + "\x00" + addresses.str.lower()
    valid = filled("ansvarig") & (addresses != "")
    later = keys.duplicated() & valid
    if later.any():
        first = keys[valid & ~keys.duplicated() & keys.isin(set(keys[later]))]
        first_row = dict(zip(first, first.index, strict=True))
        problems.append(
            (
                "e_post",
                later,
                lambda _, row: words.MSG_SAME_PERSON.format(first=first_row[keys[row]]),
            )
        )
    return {"e_post": addresses}, problems


def check_unit_addresses(text: Column, filled: Column) -> Found:
    """`enheter.e_post` (optional): the chief's address, sendable when given."""
    addresses, problems = _addresses(text("e_post"), filled("e_post"))
    return {"e_post": addresses}, problems


ADDITIONS = {"ansvariga": check_owner_table, "enheter": check_unit_addresses}


def _addresses(
    cells: pd.Series, filled: pd.Series
) -> tuple[pd.Series, list[tuple[str, pd.Series, Message]]]:
    """Each filled cell as its address (addr-spec, "" when empty or bad) and its problems."""
    parsed: dict[int, str] = {}
    hints: dict[int, str] = {}
    for row, cell in cells[filled].items():
        address, hint = parse_address(cell)
        if address is not None and address.display_name:
            hint = words.MSG_ADDRESS_ONLY
        elif address is not None and hint is None:
            parsed[int(row)] = address.addr_spec
            continue
        hints[int(row)] = hint or ""
    addresses = pd.Series([parsed.get(int(r), "") for r in cells.index], index=cells.index)
    bad = pd.Series(cells.index.isin(list(hints)), index=cells.index)

    def message(_: str, row: int) -> str:
        hint = hints[row]
        return hint if hint == words.MSG_ADDRESS_ONLY else words.MSG_ADDRESS.format(hint=hint)

    return addresses.astype(object), [("e_post", bad, message)]


def plan_problems(tables: dict[str, Any]) -> list[Problem]:
    """Warnings between the plan and its people: a role of `delmal` or `indikatorer` with no
    person in `ansvariga`, a person of a role the plan lacks, a unit without an address when
    other units have one. `tables` are the validator's tables by name."""
    problems = []
    if "ansvariga" in tables:
        people = tables["ansvariga"]
        named = {role_key(r) for r in people.text("ansvarig")[people.filled("ansvarig")]}
        planned: set[str] = set()
        for name in ("delmal", "indikatorer"):
            if name not in tables:
                continue
            table = tables[name]
            roles = table.text("ansvarig")
            for row, role in roles[table.filled("ansvarig")].items():
                key = role_key(role)
                if key in planned or key in named:
                    planned.add(key)
                    continue
                planned.add(key)
                message = words.MSG_ROLE_WITHOUT_PERSON.format(role=role, owners=people.source)
                header = table.headers.get("ansvarig", "ansvarig")
                problems.append(
                    Problem(Severity.WARNING, table.source, message, int(row), header, role)
                )
        if {"delmal", "indikatorer"} <= set(tables):
            for row, role in people.text("ansvarig")[people.filled("ansvarig")].items():
                if role_key(role) not in planned:
                    message = words.MSG_PERSON_WITHOUT_ROLE.format(role=role)
                    header = people.headers.get("ansvarig", "ansvarig")
                    problems.append(
                        Problem(Severity.WARNING, people.source, message, int(row), header, role)
                    )
    if "enheter" in tables and tables["enheter"].filled("e_post").any():
        units = tables["enheter"]
        for row, unit in units.text("enhet_id")[~units.filled("e_post")].items():
            message = words.MSG_UNIT_WITHOUT_ADDRESS.format(unit=unit)
            header = units.headers.get("e_post", "e_post")
            problems.append(Problem(Severity.WARNING, units.source, message, int(row), header))
    return problems
