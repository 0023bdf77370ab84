"""The report's sentences in Swedish: the count sentence and the change summary."""

from __future__ import annotations

import pandas as pd

from hsn_analysis.periods import Period
from hsn_analysis.rules.rollup import StatusCounts
from hsn_analysis.vocabulary import Change
from hsn_analysis.words import labels


def _number(n: int) -> int:
    """The key of a singular/plural table: 1 or 2 (= more than one)."""
    return 1 if n == 1 else 2


def _enumerate(parts: list[str]) -> str:
    """`a`, `a och b`, `a, b och c`."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {labels.AND} {parts[-1]}"


def count_sentence(counts: StatusCounts, period: Period) -> str:
    """The §1 sentence: "Av nämndens 23 delmål är bedömningen per augusti att 5 inte kommer att
    uppnås, 13 delvis kommer att uppnås och 5 kommer att uppnås."

    Statuses come worst first; a status with no delmål is left out; one status covering every
    assessed delmål reads "alla 13"; not-assessed delmål get a second sentence.
    """
    when = labels.PERIOD_IN_SENTENCE[period.tertial]
    if counts.total == 0:
        return labels.NO_SUBGOALS
    by_status = {status: counts.of(status) for status in ("rod", "gul", "gron")}
    present = {status: n for status, n in by_status.items() if n > 0}
    if not present:
        if counts.total == 1:
            return labels.COUNT_ONE_NOT_ASSESSED.format(period=when)
        return labels.COUNT_NONE_ASSESSED.format(total=counts.total, period=when)
    if counts.total == 1:
        (status,) = present
        phrase = labels.COUNT_PHRASE[status].format(n=labels.IT)
        return labels.COUNT_ONLY_ONE.format(period=when, phrase=phrase)
    if len(present) == 1 and sum(present.values()) > 1:
        (status, n), *_ = present.items()
        phrases = labels.COUNT_PHRASE[status].format(n=labels.COUNT_ALL.format(n=n))
    else:
        phrases = _enumerate([labels.COUNT_PHRASE[s].format(n=n) for s, n in present.items()])
    sentence = labels.COUNT_SENTENCE.format(total=counts.total, period=when, phrases=phrases)
    if counts.not_assessed:
        template = labels.COUNT_NOT_ASSESSED[_number(counts.not_assessed)]
        sentence += " " + template.format(n=counts.not_assessed)
    return sentence


def change_sentence(subgoals: pd.DataFrame) -> str:
    """One sentence on how the assessments changed since the previous tertial.

    "Sedan föregående tertial har 2 delmål fått en bättre bedömning och 1 en sämre; 10 är
    oförändrade." Parts with no delmål are left out. `subgoals` is `TertialResult.subgoals`.
    """
    changes = subgoals["forandring"].value_counts()
    count = {change: int(changes.get(change.value, 0)) for change in Change}
    total = len(subgoals)
    if total == 0:
        return labels.NO_SUBGOALS
    if count[Change.NOT_ASSESSED] == total:
        return labels.CHANGE_NOTHING_ASSESSED
    if count[Change.UNCHANGED] == total:
        return labels.CHANGE_ALL_UNCHANGED[_number(total)].format(n=total)

    better, worse = count[Change.BETTER], count[Change.WORSE]
    if better and worse:
        main = labels.CHANGE_BOTH.format(better=better, worse=worse)
    elif better:
        main = labels.CHANGE_BETTER.format(better=better)
    elif worse:
        main = labels.CHANGE_WORSE.format(worse=worse)
    else:
        main = labels.CHANGE_NONE
    rest = [
        table[_number(count[change])].format(n=count[change])
        for change, table in (
            (Change.UNCHANGED, labels.CHANGE_UNCHANGED),
            (Change.NEW, labels.CHANGE_NEW),
            (Change.NOT_ASSESSED, labels.CHANGE_NOT_ASSESSED),
        )
        if count[change]
    ]
    tail = f"; {_enumerate(rest)}" if rest else ""
    return f"{labels.CHANGE_INTRO} {main}{tail}."
