"""How long one CSV value may be, and the message when one is longer.

Python's csv reader refuses a value over 131 072 characters by default, which the reading took
for an unclosed quote. A long comment pasted from a document is a few hundred thousand
characters at most; a value of several megabytes is a broken file, said as too long.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager

MAX_VALUE_CHARS = 4_000_000  # characters in one value: about 4 MB of text

_TOO_LONG = "field larger than field limit"  # the csv module's own words for this error


@contextmanager
def long_values(limit: int | None = None) -> Iterator[None]:
    """Within the block csv reads values of up to `limit` characters (MAX_VALUE_CHARS by
    default); the process-wide setting is restored after."""
    previous = csv.field_size_limit(MAX_VALUE_CHARS if limit is None else limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def is_too_long(error: csv.Error) -> bool:
    """Whether the reader stopped at a value over the limit (not at a broken quote)."""
    return _TOO_LONG in str(error)
