"""Text from the data made safe for a terminal or a log line."""

from __future__ import annotations

import re

# C0 and C1 controls (line breaks, escape sequences, DEL), Unicode line and paragraph
# separators, and the bidirectional overrides that can make a line read other than it is.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with each control character written as its escape (`\\n`, `\\x1b`, `\\u2028`), so
    that a value from the data stays on its line and cannot steer the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
