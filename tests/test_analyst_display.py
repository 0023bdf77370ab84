"""The analyst's tables show whole and escaped, in JupyterLab and in a terminal."""

import pandas as pd

from hsn_analysis.analyst.display import Summary, Table

LONG = "En mycket lång bedömningstext " * 5


def test_a_table_shows_every_text_whole_in_html_and_in_text():
    table = Table(pd.DataFrame({"Bedömning": [LONG]}), "Rubrik")
    assert LONG.strip() in table._repr_html_()
    assert LONG.strip() in str(table)


def test_text_from_data_is_escaped_in_the_html():
    table = Table(pd.DataFrame({"<th>": ["<script>alert(1)</script>"]}), "<b>titel</b>")
    shown = table._repr_html_()
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "&lt;th&gt;" in shown and "&lt;b&gt;titel&lt;/b&gt;" in shown


def test_a_summary_prints_as_its_sentence_and_shows_title_sentence_and_table():
    summary = Summary("HSN <T2>", "Av nämndens 2 delmål …", Table(pd.DataFrame({"Mål": ["M1"]})))
    assert str(summary) == "Av nämndens 2 delmål …"
    shown = summary._repr_html_()
    assert "HSN &lt;T2&gt;" in shown and "Av nämndens 2 delmål" in shown and "<td>M1</td>" in shown
