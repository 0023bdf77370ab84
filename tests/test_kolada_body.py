"""A Kolada answer's body: nesting is capped, and a value that is not a finite number is named
in a counted warning, never written as `nan` and never dropped without a word."""

from __future__ import annotations

import logging
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kolada_server import FakeKolada, Reply, example_kpis, serve
from test_kolada import YEARS, client, fetch
from test_kolada import dataset as dataset  # the example data with one mapped key figure

from hsn_analysis.kolada.body import NonFinite, depth, finite_number, parse
from hsn_analysis.kolada.command import fetch_into
from hsn_analysis.kolada.errors import KoladaBadReply
from hsn_analysis.reading.validation import check_dataset


def test_a_deeply_nested_body_is_a_failure_not_a_recursion_error(dataset):
    deep = b'{"values": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    result = fetch(FakeKolada(example_kpis(), faults=[("/data/", Reply(200, deep))]), dataset)
    assert len(result.failures) == 1
    assert "nästlat djupare än gränsen 32 nivåer" in result.failures[0]


def test_a_body_nested_past_the_limit_but_within_python_is_refused_too():
    body = b'{"values": ' + b"[" * 40 + b"]" * 40 + b"}"
    with pytest.raises(KoladaBadReply, match="djupare"):
        parse(body, "http://x/v3")
    assert depth(parse(body, "http://x/v3", max_depth=50), stop=50) == 41


@given(st.recursive(st.none() | st.integers(), lambda c: st.lists(c, max_size=3), max_leaves=20))
def test_depth_counts_lists_within_lists(document):
    def nested(node):  # the plain recursive definition
        return 1 + max((nested(c) for c in node), default=0) if isinstance(node, list) else 0

    assert depth(document, stop=1000) == nested(document)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (55.5, 55.5),
        (12, 12.0),
        ("55.5", None),
        ("", None),
        (True, None),
        (NonFinite("NaN"), None),
        (math.inf, None),
        (10**400, None),
        ([1], None),
    ],
)
def test_only_a_finite_json_number_is_a_value(value, number):
    assert finite_number(value) == number


def test_nan_infinity_and_text_values_are_named_warnings_and_left_out(dataset, tmp_path, caplog):
    kpis = example_kpis()
    kpis["N79176"].values["0001", 2024] = math.nan
    kpis["N79176"].values["0003", 2024] = math.inf
    kpis["N79176"].values["0004", 2024] = "55.5"  # a number sent as text
    folder = tmp_path / "data"
    with caplog.at_level(logging.WARNING, logger="hsn_analysis"), serve(FakeKolada(kpis)) as url:
        result = fetch_into(dataset, folder, YEARS, client(url))
    assert result.ok, result.failures
    assert result.warnings == [
        "N79176: värdet för område 0001 år 2024 (kön T) är NaN, inte ett ändligt tal; det "
        "lämnas bort ur jamforelser.csv.",
        "N79176: värdet för område 0003 år 2024 (kön T) är Infinity, inte ett ändligt tal; det "
        "lämnas bort ur jamforelser.csv.",
        'N79176: värdet för område 0004 år 2024 (kön T) är texten "55.5", inte ett ändligt tal; '
        "det lämnas bort ur jamforelser.csv.",
    ]
    assert "3 värden från Kolada lämnades bort" in caplog.text
    written = (folder / "jamforelser.csv").read_text(encoding="utf-8-sig")
    assert "nan" not in written.lower() and "inf" not in written.lower()
    assert len(result.rows) == 66 - 3
    checked = check_dataset(folder)
    assert checked.ok, [str(p) for p in checked.problems]


def test_a_nan_written_by_the_server_itself_is_caught(dataset):
    page = (
        b'{"values": [{"kpi": "N79176", "municipality": "0024", "period": 2024, "values": '
        b'[{"gender": "T", "value": NaN, "status": ""}], "isdeleted": false}], "next_url": null}'
    )
    result = fetch(FakeKolada(example_kpis(), faults=[("/data/", Reply(200, page))]), dataset)
    assert "område 0024 år 2024 (kön T) är NaN" in result.warnings[0]
    assert all(not (r["omrade_id"] == "0024" and r["ar"] == 2024) for r in result.rows)


def test_a_row_that_is_not_an_object_names_the_request(dataset):
    page = b'{"values": [[1, 2]], "next_url": null}'
    result = fetch(FakeKolada(example_kpis(), faults=[("/data/", Reply(200, page))]), dataset)
    assert len(result.failures) == 1
    assert "/data/kpi/N79176/municipality/" in result.failures[0]
    assert "rad 1 i values är inte ett JSON-objekt" in result.failures[0]
