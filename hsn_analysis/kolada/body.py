"""A Kolada answer's bytes as a JSON object, within a nesting depth and with non-finite
numbers kept visible (the json module would turn `NaN` and `1e999` into floats silently)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from hsn_analysis.kolada.errors import KoladaBadReply
from hsn_analysis.words import kolada_text as text

MAX_DEPTH = 32  # a v3 data answer is 5 deep (answer, values, row, values, entry)


@dataclass(frozen=True)
class NonFinite:
    """A `NaN`, `Infinity` or `-Infinity` the server wrote where a number belongs."""

    name: str

    def __str__(self) -> str:
        return self.name


def parse(body: bytes, url: str, max_depth: int = MAX_DEPTH) -> dict[str, Any]:
    """The JSON object in `body`; KoladaBadReply naming `url` when it is not one, or deeper
    than `max_depth`."""
    try:
        document = json.loads(body, parse_constant=NonFinite)
    except RecursionError:
        raise KoladaBadReply(url, text.TOO_DEEP.format(limit=max_depth)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KoladaBadReply(url, text.NOT_JSON.format(error=exc)) from None
    if not isinstance(document, dict):
        raise KoladaBadReply(url, text.NOT_OBJECT)
    if depth(document, max_depth) > max_depth:
        raise KoladaBadReply(url, text.TOO_DEEP.format(limit=max_depth))
    return document


def depth(document: object, stop: int) -> int:
    """How deep lists and objects nest in `document` (a scalar is 0), counted without
    recursion and given up on once past `stop`."""
    deepest = 0
    stack: list[tuple[object, int]] = [(document, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: list[object] = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        if deepest > stop:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def finite_number(value: object) -> float | None:
    """`value` as a float when it is a finite JSON number; None otherwise (text, true/false,
    NaN, Infinity, a number too large for a float)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            return None
        return number if math.isfinite(number) else None
    return None


def shown(value: object) -> str:
    """How a value that is not a number is named in a warning."""
    if isinstance(value, str):
        return f'texten "{value[:40]}"'
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return "ett JSON-objekt" if isinstance(value, dict) else "en JSON-lista"
    return str(value)
