"""The report's Swedish sentences: the count sentence (§1) and the change summary (§5.5)."""

import pandas as pd
import pytest

from hsn_analysis.periods import Period
from hsn_analysis.rules.rollup import StatusCounts
from hsn_analysis.words.narrative import change_sentence, count_sentence

T1, T2, T3 = Period(2025, 1), Period(2025, 2), Period(2025, 3)


def counts(green=0, yellow=0, red=0, not_assessed=0):
    return StatusCounts(green + yellow + red + not_assessed, green, yellow, red, not_assessed)


def test_count_sentence_is_the_seed_sentence_word_for_word():
    assert count_sentence(StatusCounts(23, 5, 13, 5, 0), Period(2023, 2)) == (
        "Av nämndens 23 delmål är bedömningen per augusti att 5 inte kommer att uppnås, "
        "13 delvis kommer att uppnås och 5 kommer att uppnås."
    )


@pytest.mark.parametrize(
    ("period", "phrase"), [(T1, "per april"), (T2, "per augusti"), (T3, "för helåret")]
)
def test_count_sentence_names_the_period_as_the_board_says_it(period, phrase):
    assert count_sentence(counts(green=2, red=1), period) == (
        f"Av nämndens 3 delmål är bedömningen {phrase} att 1 inte kommer att uppnås "
        "och 2 kommer att uppnås."
    )


def test_count_sentence_leaves_out_a_status_with_no_delmal():
    assert count_sentence(counts(green=3, yellow=10), T2) == (
        "Av nämndens 13 delmål är bedömningen per augusti att 10 delvis kommer att uppnås "
        "och 3 kommer att uppnås."
    )


@pytest.mark.parametrize(
    ("given", "phrase"),
    [
        (counts(green=13), "alla 13 kommer att uppnås"),
        (counts(yellow=4), "alla 4 delvis kommer att uppnås"),
        (counts(red=2), "alla 2 inte kommer att uppnås"),
    ],
)
def test_count_sentence_says_alla_when_one_status_covers_every_delmal(given, phrase):
    total = given.total
    assert count_sentence(given, T2) == (
        f"Av nämndens {total} delmål är bedömningen per augusti att {phrase}."
    )


@pytest.mark.parametrize(
    ("not_assessed", "tail"),
    [(1, "1 delmål är inte bedömt."), (2, "2 delmål är inte bedömda.")],
)
def test_count_sentence_mentions_not_assessed_delmal_in_singular_or_plural(not_assessed, tail):
    sentence = count_sentence(counts(green=1, red=2, not_assessed=not_assessed), T2)
    total = 3 + not_assessed
    assert sentence == (
        f"Av nämndens {total} delmål är bedömningen per augusti att 2 inte kommer att uppnås "
        f"och 1 kommer att uppnås. {tail}"
    )


def test_count_sentence_with_a_single_assessed_delmal_among_unassessed_does_not_say_alla():
    assert count_sentence(counts(green=1, not_assessed=4), T1) == (
        "Av nämndens 5 delmål är bedömningen per april att 1 kommer att uppnås. "
        "4 delmål är inte bedömda."
    )


@pytest.mark.parametrize(
    ("period", "sentence"),
    [
        (T2, "Av nämndens 13 delmål har inget bedömts per augusti."),
        (T3, "Av nämndens 13 delmål har inget bedömts för helåret."),
    ],
)
def test_count_sentence_when_nothing_is_assessed(period, sentence):
    assert count_sentence(counts(not_assessed=13), period) == sentence


def test_count_sentence_for_a_board_with_one_delmal_or_none():
    assert count_sentence(counts(yellow=1), T1) == (
        "Bedömningen per april av nämndens enda delmål är att det delvis kommer att uppnås."
    )
    assert count_sentence(counts(not_assessed=1), T3) == (
        "Nämndens enda delmål har inte bedömts för helåret."
    )
    assert count_sentence(counts(), T2) == "Nämnden har inga delmål."


def changes(**how_many):
    """A subgoal_results-like frame with the given number of delmål per change value."""
    values = [change for change, n in how_many.items() for _ in range(n)]
    return pd.DataFrame({"forandring": pd.Series(values, dtype="str")})


@pytest.mark.parametrize(
    ("given", "sentence"),
    [
        (
            changes(battre=2, samre=1, oforandrad=10),
            "Sedan föregående tertial har 2 delmål fått en bättre bedömning och 1 en sämre; "
            "10 är oförändrade.",
        ),
        (
            changes(battre=1, oforandrad=1),
            "Sedan föregående tertial har 1 delmål fått en bättre bedömning; 1 är oförändrat.",
        ),
        (
            changes(samre=3),
            "Sedan föregående tertial har 3 delmål fått en sämre bedömning.",
        ),
        (
            changes(oforandrad=4, ny=2, ej_bedomd=1),
            "Sedan föregående tertial har inget delmål fått en ändrad bedömning; "
            "4 är oförändrade, 2 saknade bedömning då och 1 är inte bedömt nu.",
        ),
        (
            changes(samre=1, ej_bedomd=2),
            "Sedan föregående tertial har 1 delmål fått en sämre bedömning; 2 är inte bedömda nu.",
        ),
        (
            changes(oforandrad=12),
            "Sedan föregående tertial är bedömningen oförändrad för alla 12 delmål.",
        ),
        (
            changes(oforandrad=1),
            "Sedan föregående tertial är bedömningen av nämndens enda delmål oförändrad.",
        ),
        (changes(ej_bedomd=3), "Inget av nämndens delmål är bedömt detta tertial."),
        (changes(), "Nämnden har inga delmål."),
    ],
)
def test_change_sentence_summarises_changes_leaving_out_zero_parts(given, sentence):
    assert change_sentence(given) == sentence
