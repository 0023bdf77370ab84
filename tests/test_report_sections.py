"""The report's sections as HTML fragments, rendered in-process from tiny literal datasets and
from the example data (the notebook run end to end is tested in test_runner.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import os
import platform
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from builders import make_dataset, make_report
from conftest import RUN_STARTED  # the run time of the example report built in conftest

from hsn_analysis import __version__
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.problems import Problem
from hsn_analysis.report import sections as report
from hsn_analysis.report.goals import MAX_TABLE_ROWS, indicator_table, target_description
from hsn_analysis.vocabulary import RollupRule, Severity
from hsn_analysis.words import report_text

NBSP = "\u00a0"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
APPENDIX_IDS = ["helar", "avvikelser", "datakvalitet", "om-rapporten"]


# --- reading HTML back -------------------------------------------------------------------------

_VOID = {"br", "img", "hr", "meta", "input", "link", "wbr"}


class Page(HTMLParser):
    """Every element with its attributes and its whole text, and every table row's cells."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.rows: list[dict] = []
        self._open: list[dict] = []
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag == "tr":
            self.rows.append({"attrs": dict(attrs), "cells": [], "header": False})
        elif tag in ("td", "th") and self.rows:
            self.rows[-1]["cells"].append("")
            self.rows[-1]["header"] |= tag == "th"
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open and self._open.pop()["tag"] != tag:
            pass

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data
        if any(e["tag"] in ("td", "th") for e in self._open) and self.rows:
            self.rows[-1]["cells"][-1] += data

    def texts(self, tag: str, css_class: str | None = None) -> list[str]:
        return [
            e["text"]
            for e in self.elements
            if e["tag"] == tag and (css_class is None or e["attrs"].get("class") == css_class)
        ]

    def attr(self, tag: str, name: str) -> list[str]:
        return [e["attrs"][name] for e in self.elements if e["tag"] == tag and name in e["attrs"]]

    @property
    def ids(self) -> list[str]:
        return [e["attrs"]["id"] for e in self.elements if "id" in e["attrs"]]

    @property
    def body_rows(self) -> list[dict]:
        return [row for row in self.rows if not row["header"]]


def articles(html: str) -> dict[str, str]:
    """Each delmål article's HTML by its id."""
    parts = re.findall(r'<article class="delmal" id="([^"]+)">(.*?)</article>', html, flags=re.S)
    return dict(parts)


def nav_hrefs(title_html: str) -> list[str]:
    nav = re.search(r"<nav.*?</nav>", title_html, flags=re.S).group(0)
    return [href.removeprefix("#") for href in Page(nav).attr("a", "href")]


# --- datasets ----------------------------------------------------------------------------------

COMMENT = 'Första stycket.\n\nAndra <b>stycket</b> & "mer"'


def plan_dataset(**kwargs):
    """Three mål (one without delmål) and five delmål covering every status and change."""
    return make_dataset(
        goals=[
            {"mal_id": "M1", "namn": "Trygga uppväxtvillkor"},
            {"mal_id": "M2", "namn": "En hållbar region"},
            {"mal_id": "M3", "namn": "Mål utan delmål"},
        ],
        subgoals=[
            {"delmal_id": "D1", "mal_id": "M1", "namn": "Fler barn får stöd i första linjen"},
            {"delmal_id": "D2", "mal_id": "M1", "namn": "Kortare väntetider till BUP"},
            {"delmal_id": "D3", "mal_id": "M2", "namn": "Delmål utan indikatorer"},
            {"delmal_id": "D4", "mal_id": "M2", "namn": "Delmål som inte är bedömt"},
            {"delmal_id": "D5", "mal_id": "M2", "namn": "Nytt delmål i år"},
        ],
        indicators=[
            {"indikator_id": "I1", "delmal_id": "D1", "maltyp": "minst", "malvarde": 80},
            {
                "indikator_id": "I2",
                "delmal_id": "D2",
                "maltyp": "högst",
                "malvarde": 20,
                "enhet": "dagar",
            },
            {"indikator_id": "I4", "delmal_id": "D4", "malvarde": 50, "frekvens": "helår"},
            {"indikator_id": "I5", "delmal_id": "D4", "malvarde": 50, "frekvens": "helår"},
            {"indikator_id": "I6", "delmal_id": "D5", "maltyp": "öka", "enhet": "antal"},
            {"indikator_id": "I7", "delmal_id": "D5", "maltyp": "minska", "enhet": ""},
            {"indikator_id": "I8", "delmal_id": "D5", "maltyp": "ingen", "enhet": "antal"},
        ],
        outcomes=[
            {"indikator_id": "I1", "period": "2025-T2", "varde": 70},
            {"indikator_id": "I1", "period": "2025-T1", "varde": 60},
            {"indikator_id": "I1", "period": "2024-T3", "varde": 85},
            {"indikator_id": "I2", "period": "2025-T2", "varde": 18},
            {"indikator_id": "I4", "period": "2023-T3", "varde": 40},
            {"indikator_id": "I4", "period": "2024-T3", "varde": 46.3},
            {"indikator_id": "I6", "period": "2024-T2", "varde": 3010},
            {"indikator_id": "I6", "period": "2025-T2", "varde": 3405},
            {"indikator_id": "I7", "period": "2024-T2", "varde": 579.3},
            {"indikator_id": "I7", "period": "2025-T2", "varde": 583.6},
            {"indikator_id": "I8", "period": "2025-T2", "varde": 1187},
        ],
        assessments=[
            {
                "delmal_id": "D1",
                "period": "2025-T2",
                "status": "gron",
                "kommentar": COMMENT,
                "forfattare": "Anna Andersson",
                "datum": "2025-09-24",
            },
            {"delmal_id": "D1", "period": "2025-T1", "status": "rod"},
            {
                "delmal_id": "D2",
                "period": "2025-T2",
                "status": "rod",
                "kommentar": "Väntetiderna har ökat.",
                "forfattare": "Bo Berg",
                "datum": "2025-09-25",
            },
            {"delmal_id": "D2", "period": "2025-T1", "status": "gron"},
            {"delmal_id": "D3", "period": "2025-T2", "status": "gul", "datum": "2025-09-20"},
            {"delmal_id": "D3", "period": "2025-T1", "status": "gul"},
            {"delmal_id": "D4", "period": "2025-T1", "status": "gul"},
            {"delmal_id": "D5", "period": "2025-T2", "status": "gron", "datum": "2025-09-21"},
        ],
        **kwargs,
    )


def clean_dataset(**kwargs):
    """One assessed delmål with one green tertial indicator: nothing to remark on."""
    return make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80}],
        outcomes=[{"indikator_id": "I1", "period": "2025-T2", "varde": 85}],
        assessments=[{"delmal_id": "D1", "period": "2025-T2", "status": "gron"}],
        **kwargs,
    )


def with_settings(dataset, **changes):
    return dataclasses.replace(dataset, settings=dataclasses.replace(dataset.settings, **changes))


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(example_sections):
    """The example's 2025-T2 report, built once per session (conftest) at RUN_STARTED."""
    return example_sections.report


@pytest.fixture(scope="module")
def example_t3():
    return report.prepare("2025-T3", run_started=RUN_STARTED)


@pytest.fixture(scope="module")
def example_goals(example_sections):
    return example_sections.html["goal_sections"]


@pytest.fixture(scope="module")
def example_summary(example_sections):
    return example_sections.html["summary_section"]


@pytest.fixture(scope="module")
def plan():
    return make_report(plan_dataset())


@pytest.fixture(scope="module")
def plan_goals(plan):
    return report.goal_sections(plan).html


@pytest.fixture(scope="module")
def plan_summary(plan):
    return report.summary_section(plan).html


def subgoal_name(rep, delmal_id: str) -> str:
    return rep.subgoals.set_index("delmal_id").loc[delmal_id, "namn"]


# --- title -------------------------------------------------------------------------------------


def test_title_names_board_plan_year_period_and_run_time(example):
    page = Page(report.title_section(example).html)
    assert page.texts("p", "namnd") == ["Hälso- och sjukvårdsnämnden"]
    assert page.texts("h1") == ["Uppföljning av nämndplan 2025"]
    assert page.texts("p", "period") == ["Tertial 2 2025, per augusti"]
    assert page.texts("p", "skapad") == ["Rapporten skapades 2025-09-30 kl. 06:00."]


@pytest.mark.parametrize(
    ("period", "line"),
    [
        ("2025-T1", "Tertial 1 2025, per april"),
        ("2025-T2", "Tertial 2 2025, per augusti"),
        ("2025-T3", "Tertial 3 2025, helår"),
    ],
)
def test_title_describes_each_tertial_as_the_board_says_it(period, line):
    page = Page(report.title_section(make_report(clean_dataset(), period)).html)
    assert page.texts("p", "period") == [line]


@pytest.mark.parametrize(
    ("run_started", "shown"),
    [
        ("2025-09-30T06:00:00+02:00", "2025-09-30 kl. 06:00"),
        ("2025-09-30T04:00:00+00:00", "2025-09-30 kl. 06:00"),
        ("2025-09-29T23:15:00-05:00", "2025-09-30 kl. 06:15"),
        ("2025-01-15T05:00:00+00:00", "2025-01-15 kl. 06:00"),  # winter time, UTC+1
        ("2025-12-31T23:30:00+00:00", "2026-01-01 kl. 00:30"),
    ],
)
def test_title_shows_the_run_time_in_swedish_time(run_started, shown):
    rep = make_report(clean_dataset(), run_started=run_started)
    page = Page(report.title_section(rep).html)
    assert page.texts("p", "skapad") == [f"Rapporten skapades {shown}."]


def test_title_of_the_example_data_carries_the_example_banner(example):
    assert example.dataset.settings.example_data
    page = Page(report.title_section(example).html)
    (banner,) = page.texts("p", "exempeldata")
    assert banner.startswith("EXEMPELDATA:")
    assert "påhittade" in banner


@pytest.mark.parametrize("example_data", [False, True])
def test_title_banner_appears_only_when_the_settings_say_example_data(example_data):
    dataset = with_settings(clean_dataset(), example_data=example_data)
    html = report.title_section(make_report(dataset)).html
    assert ('class="exempeldata"' in html) is example_data
    assert ("EXEMPELDATA" in html) is example_data


def test_title_contents_link_every_goal_section_and_the_appendix_of_the_example(
    example, example_goals
):
    hrefs = nav_hrefs(report.title_section(example).html)
    goal_ids = [i for i in Page(example_goals).ids if i.startswith("mal-")]
    assert len(goal_ids) == 7
    # The example has basenheter: their overview comes after the goals.
    assert hrefs == ["sammanfattning", "oversikt", *goal_ids, "basenheter", *APPENDIX_IDS]


def test_title_contents_link_only_ids_that_the_sections_produce(plan, plan_goals, plan_summary):
    produced = set(Page(plan_goals + plan_summary).ids)
    for section in (
        report.overview_section,
        report.full_year_section,
        report.deviation_section,
        report.data_quality_section,
        report.about_section,
    ):
        produced |= set(Page(section(plan).html).ids)
    hrefs = nav_hrefs(report.title_section(plan).html)
    assert hrefs == ["sammanfattning", "oversikt", "mal-1", "mal-2", "mal-3", *APPENDIX_IDS]
    assert set(hrefs) <= produced


def test_title_contents_name_each_goal_with_id_and_name(plan):
    nav = re.search(r"<nav.*?</nav>", report.title_section(plan).html, flags=re.S).group(0)
    assert Page(nav).texts("a")[2:5] == [
        "M1 Trygga uppväxtvillkor",
        "M2 En hållbar region",
        "M3 Mål utan delmål",
    ]


# --- summary -----------------------------------------------------------------------------------


def key_figures(html: str) -> list[tuple[str, str]]:
    block = re.search(r'<div class="nyckeltal">.*?</div></div>', html, flags=re.S).group(0)
    page = Page(block)
    return list(zip(page.texts("span", "antal"), page.texts("span", "text"), strict=True))


def list_after(html: str, heading: str) -> str:
    """The HTML between a `<h3>` heading and the next `<h3>`."""
    return re.search(rf"<h3>{re.escape(heading)}.*?</h3>(.*?)(?:<h3>|</section>)", html).group(1)


def test_summary_opens_with_the_count_sentence(plan_summary, example_summary):
    assert Page(plan_summary).texts("p", "ingress") == [
        "Av nämndens 5 delmål är bedömningen per augusti att 1 inte kommer att uppnås, "
        "1 delvis kommer att uppnås och 2 kommer att uppnås. 1 delmål är inte bedömt."
    ]
    assert Page(example_summary).texts("p", "ingress") == [
        "Av nämndens 13 delmål är bedömningen per augusti att 3 inte kommer att uppnås, "
        "6 delvis kommer att uppnås och 3 kommer att uppnås. 1 delmål är inte bedömt."
    ]


def test_summary_key_figures_count_each_status_worst_first(plan_summary, example_summary):
    assert key_figures(plan_summary) == [
        ("1", "■ kommer inte att uppnås"),
        ("1", "▲ kommer delvis att uppnås"),
        ("2", "● kommer att uppnås"),
        ("1", "○ är inte bedömt"),  # one delmål: singular
    ]
    assert [n for n, _ in key_figures(example_summary)] == ["3", "6", "3", "1"]


def test_summary_lists_red_and_green_delmal_linking_to_their_articles(
    plan, plan_summary, plan_goals
):
    article_ids = set(articles(plan_goals))
    for heading, expected, goals in [
        (report_text.RED_LIST, ["D2"], ["(M1)"]),
        (report_text.GREEN_LIST, ["D1", "D5"], ["(M1)", "(M2)"]),
    ]:
        page = Page(list_after(plan_summary, heading))
        assert page.texts("a") == [subgoal_name(plan, d) for d in expected]
        assert page.texts("span", "meta") == goals
        links = [href.removeprefix("#") for href in page.attr("a", "href")]
        assert len(links) == len(expected)
        assert set(links) <= article_ids


def test_summary_links_point_at_the_article_of_the_named_delmal(
    example, example_summary, example_goals
):
    by_id = {
        article_id: Page(html).texts("h3")[0]
        for article_id, html in articles(example_goals).items()
    }
    page = Page(example_summary)
    links = [
        e for e in page.elements if e["tag"] == "a" and e["attrs"]["href"].startswith("#delmal-")
    ]
    assert links
    for link in links:
        assert by_id[link["attrs"]["href"][1:]] == link["text"]


def test_summary_says_so_when_no_delmal_is_red(plan_summary):
    clean = report.summary_section(make_report(clean_dataset())).html
    assert Page(list_after(clean, report_text.RED_LIST)).texts("p", "inga") == ["Inga delmål."]


def changes_table(html: str) -> list[list[str]]:
    block = re.search(r'<table class="forandringar">.*?</table>', html, flags=re.S).group(0)
    return [row["cells"] for row in Page(block).body_rows]


def test_summary_change_table_lists_exactly_better_worse_and_new_delmal(plan, plan_summary):
    rows = changes_table(plan_summary)
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        (subgoal_name(plan, "D1"), "■ Uppnås ej", "● Uppnås", "Förbättrad"),
        (subgoal_name(plan, "D2"), "● Uppnås", "■ Uppnås ej", "Försämrad"),
        (subgoal_name(plan, "D5"), "○ Ej bedömd", "● Uppnås", "Ny bedömning"),
    ]
    header = Page(plan_summary).rows
    assert ["Delmål", "Mål", "Tertial 1 2025", "Tertial 2 2025", "Förändring"] in [
        r["cells"] for r in header if r["header"]
    ]


def test_summary_change_table_of_the_example_matches_the_computed_changes(example, example_summary):
    shown = example.subgoals.loc[example.subgoals["forandring"].isin(["battre", "samre", "ny"])]
    assert [row[0] for row in changes_table(example_summary)] == list(shown["namn"])
    assert len(shown) == 5


def test_summary_says_so_when_no_delmal_changed():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80}],
        assessments=[
            {"delmal_id": "D1", "period": "2025-T2", "status": "gul"},
            {"delmal_id": "D1", "period": "2025-T1", "status": "gul"},
        ],
    )
    html = report.summary_section(make_report(dataset)).html
    assert "forandringar" not in html
    assert "Inget delmål har fått en ändrad bedömning." in html


# --- goal sections -----------------------------------------------------------------------------


def test_goal_sections_show_every_delmal_in_plan_order(plan, plan_goals, example, example_goals):
    assert Page(plan_goals).texts("h3") == list(plan.subgoals["namn"])
    assert Page(example_goals).texts("h3") == list(example.dataset.subgoals["namn"])


def test_goal_sections_are_one_section_per_goal_with_id_and_name(plan_goals):
    page = Page(plan_goals)
    assert [e["attrs"]["id"] for e in page.elements if e["tag"] == "section"] == [
        "mal-1",
        "mal-2",
        "mal-3",
    ]
    assert page.texts("h2") == [
        "M1 Trygga uppväxtvillkor",
        "M2 En hållbar region",
        "M3 Mål utan delmål",
    ]


def test_goal_without_delmal_says_so(plan_goals):
    last = plan_goals[plan_goals.index('id="mal-3"') :]
    assert "Målet har inga delmål i planen." in last


def test_goal_sections_show_the_assessment_comment_as_escaped_paragraphs(plan_goals):
    d1 = articles(plan_goals)["delmal-1"]
    assert (
        '<div class="kommentar"><p>Första stycket.</p>'
        "<p>Andra &lt;b&gt;stycket&lt;/b&gt; &amp; &quot;mer&quot;</p></div>"
    ) in d1
    assert "<b>" not in d1


def test_goal_sections_sign_each_assessment_with_author_and_date(plan_goals):
    page = Page(articles(plan_goals)["delmal-1"])
    assert page.texts("p", "signatur") == ["Bedömt av Anna Andersson, 2025-09-24"]


@pytest.mark.parametrize(
    ("author", "date", "signature"),
    [
        ("Anna Andersson", "2025-09-24", "Bedömt av Anna Andersson, 2025-09-24"),
        ("", "2025-09-24", "Bedömt 2025-09-24"),
        ("Anna Andersson", None, "Bedömt av Anna Andersson"),
        ("", None, None),  # nothing known: no signature line at all
    ],
)
def test_signature_leaves_out_what_is_missing(author, date, signature):
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}],
        assessments=[
            {
                "delmal_id": "D1",
                "period": "2025-T2",
                "status": "gul",
                "kommentar": "Text.",
                "forfattare": author,
                "datum": date,
            }
        ],
    )
    page = Page(report.goal_sections(make_report(dataset)).html)
    assert page.texts("p", "signatur") == ([signature] if signature else [])


def test_goal_sections_say_a_not_assessed_delmal_is_not_assessed(plan_goals):
    d4 = articles(plan_goals)["delmal-4"]
    page = Page(d4)
    assert page.texts("p", "ej-bedomd") == ["Delmålet är inte bedömt för Tertial 2 2025."]
    assert page.texts("p", "signatur") == []
    assert "Ej bedömd" in page.texts("div", "bedomning")[0]


def test_goal_sections_tell_the_change_since_the_previous_tertial(plan_goals):
    changes = {
        article_id: Page(html).texts("span", "forandring")
        for article_id, html in articles(plan_goals).items()
    }
    assert changes == {
        "delmal-1": ["Förbättrad sedan Tertial 1 2025 (då: Uppnås ej)"],
        "delmal-2": ["Försämrad sedan Tertial 1 2025 (då: Uppnås)"],
        "delmal-3": ["Oförändrad sedan Tertial 1 2025"],
        "delmal-4": [],
        "delmal-5": [report_text.CHANGE_TEXT["ny"].format(previous="Tertial 1 2025", before="")],
    }


def test_goal_sections_say_when_a_delmal_has_no_indicators(plan_goals):
    page = Page(articles(plan_goals)["delmal-3"])
    assert page.texts("p", "inga")[-1] == "Delmålet har inga indikatorer."
    assert "<table" not in articles(plan_goals)["delmal-3"]


def test_goal_sections_have_one_chart_and_one_table_per_indicator(plan, plan_goals):
    per_subgoal = plan.dataset.indicators.groupby("delmal_id").size()
    for n, (_, html) in enumerate(articles(plan_goals).items()):
        expected = int(per_subgoal.get(plan.subgoals["delmal_id"].iloc[n], 0))
        assert html.count("<figure") == expected
        assert html.count("<table") == expected
        assert html.count('<div class="indikator">') == expected


def test_goal_sections_of_the_example_have_one_chart_with_alt_text_per_indicator(
    example, example_goals
):
    page = Page(example_goals)
    n = len(example.dataset.indicators)
    with_signals = sum(signal.result is not None for signal in example.signals.values())
    # the tertial indicators with 14 points, but I4.2.4: a share measured year to date
    # without its numerator and denominator has no honest per-tertial series
    assert with_signals == 22
    # The SPC chart is the indicator's chart where there are signals; the trend chart elsewhere.
    assert example_goals.count('<figure class="chart trend spc">') == with_signals
    assert example_goals.count('<figure class="chart trend">') == n - with_signals
    assert example_goals.count('<table class="">') == n  # each indicator's own table
    alts = page.attr("img", "alt")
    charts = [alt for alt in alts if not alt.startswith("Punktdiagram")]
    assert len(charts) == n
    # An SPC chart's alt text tells the signals and then, as a trend chart's, every value.
    assert (
        sorted(alt.split(" ")[0] for alt in charts)
        == ["Linjediagram"] * (n - with_signals) + ["Styrdiagram"] * with_signals
    )
    assert all("Linjediagram" in alt for alt in charts)
    assert [alt for alt in alts if alt.startswith("Punktdiagram")] and len(alts) == n + 2


def test_each_indicator_table_marks_only_its_first_row_as_the_report_period(example_goals):
    tables = re.findall(r'<table class="">.*?</table>', example_goals, flags=re.S)
    assert tables
    for html in tables:
        rows = Page(html).body_rows
        assert rows[0]["attrs"] == {"class": "rapportperiod"}
        assert rows[0]["cells"][0] == "T2 2025"
        # The rows under it are earlier periods, and the comments of their values (notrad).
        assert all(row["attrs"] in ({}, {"class": "notrad"}) for row in rows[1:])


def test_indicator_meta_names_id_the_report_periods_target_and_frequency(example_goals):
    page = Page(example_goals)
    # Where the example data names who reports an indicator, the line ends with it (issue 15).
    metas = [m.split(" · Ansvarig: ")[0] for m in page.texts("p", "meta")]
    assert f"I1.1.1 · Målvärde: minst 70{NBSP}% · följs per tertial" in metas
    # I3.1.1's plan target is 300 for the year; the T2 outcome row carries 200.
    assert "I3.1.1 · Målvärde: minst 200 · följs per tertial" in metas  # antal is no unit
    assert "I5.1.3 · Följs utan målvärde · följs per tertial" in metas
    assert f"I2.4.1 · Målvärde: minst 80{NBSP}% · följs per helår" in metas


def many_periods_report(n_earlier: int):
    """One indicator with a value in 2025-T2 and in the `n_earlier` tertials before it."""
    period = Period(2025, 2)
    codes = [period.code]
    for _ in range(n_earlier):
        period = period.previous
        codes.append(period.code)
    outcomes = [
        {"indikator_id": "I1", "period": code, "varde": 50 + i} for i, code in enumerate(codes)
    ]
    dataset = make_dataset(indicators=[{"indikator_id": "I1", "malvarde": 80}], outcomes=outcomes)
    return make_report(dataset)


def test_indicator_table_lists_history_newest_first():
    rep = many_periods_report(4)
    rows = Page(indicator_table(rep.history("I1"), "Utfall för I1")).body_rows
    assert [row["cells"][0] for row in rows] == [
        "T2 2025",
        "T1 2025",
        "T3 2024",
        "T2 2024",
        "T1 2024",
    ]
    assert [row["cells"][2] for row in rows] == ["50", "51", "52", "53", "54"]


def test_indicator_table_cuts_long_histories_and_says_so():
    rep = many_periods_report(11)
    html = indicator_table(rep.history("I1"), "Utfall för I1")
    rows = Page(html).body_rows
    assert len(rows) == MAX_TABLE_ROWS == 9
    assert [row["cells"][0] for row in rows][:3] == ["T2 2025", "T1 2025", "T3 2024"]
    assert rows[-1]["cells"][0] == "T3 2022"
    assert Page(html).texts("p", "meta") == [
        "Tabellen visar de 9 senaste perioderna av 12; diagrammet visar alla."
    ]


def test_indicator_table_of_exactly_the_maximum_has_no_cut_note():
    rep = many_periods_report(MAX_TABLE_ROWS - 1)
    html = indicator_table(rep.history("I1"), "Utfall för I1")
    assert len(Page(html).body_rows) == MAX_TABLE_ROWS
    assert "Tabellen visar" not in html


def test_indicator_table_headers_carry_the_unit_and_right_align_the_numbers(plan):
    html = indicator_table(plan.history("I2"), "Utfall för I2")
    page = Page(html)
    assert page.rows[0]["cells"][:3] == ["Period", "Status", "Utfall (dagar)"]
    assert page.texts("caption") == ["Utfall för I2"]
    assert html.count('<td class="num">') == 3
    no_unit = Page(indicator_table(plan.history("I7"), "x")).rows[0]["cells"][2]
    assert no_unit == "Utfall"


# --- indicator cells ---------------------------------------------------------------------------


def indicator(maltyp, malvarde=float("nan"), enhet="%"):
    return SimpleNamespace(maltyp=maltyp, malvarde=malvarde, enhet=enhet)


@pytest.mark.parametrize(
    ("given", "description"),
    [
        (indicator("minst", 80), f"Målvärde: minst 80{NBSP}%"),
        (indicator("minst", 12.5, ""), "Målvärde: minst 12,5"),
        (indicator("högst", 1800, "antal"), f"Målvärde: högst 1{NBSP}800"),
        (indicator("högst", 20, "patienter per dag"), f"Målvärde: högst 20{NBSP}patienter per dag"),
        (indicator("minst", 0), f"Målvärde: minst 0{NBSP}%"),
        (indicator("öka"), "Ska öka jämfört med samma period föregående år"),
        (indicator("minska"), "Ska minska jämfört med samma period föregående år"),
        (indicator("ingen"), "Följs utan målvärde"),
        (indicator("minst"), "Målvärde saknas"),
        (indicator("högst", None), "Målvärde saknas"),
    ],
)
def test_target_description_for_each_target_type(given, description):
    assert target_description(given) == description


def test_target_description_reads_a_result_row_too(plan):
    row = plan.history("I2").iloc[0]
    assert target_description(row) == f"Målvärde: högst 20{NBSP}dagar"


def report_row_cells(rep, indicator_id: str) -> list[str]:
    return Page(indicator_table(rep.history(indicator_id), "x")).body_rows[0]["cells"]


def test_full_year_indicator_in_t2_shows_its_latest_full_year_value(plan):
    period, status, value, target, fulfilment = report_row_cells(plan, "I4")
    assert (period, status, value, target, fulfilment) == (
        "T2 2025",
        "◷ Vid helår",
        f"helår 2024: 46,3{NBSP}%",
        "50",
        "–",
    )


def test_full_year_indicator_without_any_full_year_value_says_none_yet(plan):
    assert report_row_cells(plan, "I5")[2] == "inget helårsvärde än"


def test_full_year_indicator_in_t3_shows_its_own_value():
    dataset = make_dataset(
        indicators=[{"indikator_id": "H1", "malvarde": 80, "frekvens": "helår"}],
        outcomes=[
            {"indikator_id": "H1", "period": "2024-T3", "varde": 46.3},
            {"indikator_id": "H1", "period": "2025-T3", "varde": 63},
        ],
    )
    rows = Page(indicator_table(make_report(dataset, "2025-T3").history("H1"), "x")).body_rows
    assert [row["cells"] for row in rows] == [
        ["T3 2025", "■ Nås inte", "63", "80", "78,75"],
        ["T3 2024", "■ Nås inte", "46,3", "80", "57,88"],
    ]


@pytest.mark.parametrize(
    ("indicator_id", "cells"),
    [
        # öka/minska: no target or percentage, the last column is last year's value.
        ("I6", ["T2 2025", "● Rätt håll", f"3{NBSP}405", f"3{NBSP}010"]),
        ("I7", ["T2 2025", "■ Fel håll", "583,6", "579,3"]),
        ("I8", ["T2 2025", "· Inget mål", f"1{NBSP}187", "–", "–"]),
        ("I1", ["T2 2025", "■ Nås inte", "70", "80", "87,5"]),
        ("I2", ["T2 2025", "● Nås", "18", "20", "111,11"]),
    ],
)
def test_indicator_cells_of_the_report_period(plan, indicator_id, cells):
    assert report_row_cells(plan, indicator_id) == cells


def test_increase_without_last_years_value_shows_no_comparison():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "maltyp": "öka"}],
        outcomes=[{"indikator_id": "I1", "period": "2025-T2", "varde": 12}],
    )
    cells = report_row_cells(make_report(dataset), "I1")
    assert cells == ["T2 2025", "– Jfr saknas", "12", "–"]


@pytest.mark.parametrize(
    ("kind", "heading"), [("öka", "Ska öka från"), ("minska", "Ska minska från")]
)
def test_trend_indicator_table_is_headed_by_what_it_is_compared_with(plan, kind, heading):
    indicator_id = {"öka": "I6", "minska": "I7"}[kind]
    headers = Page(indicator_table(plan.history(indicator_id), "x")).rows[0]["cells"]
    assert headers[-1] == heading and len(headers) == 4


# --- full-year section -------------------------------------------------------------------------


def test_full_year_section_in_t2_lists_each_full_year_indicator_with_its_latest_value(example):
    html = report.full_year_section(example).html
    page = Page(html)
    assert page.ids == ["helar"]
    assert page.texts("p")[0] == report_text.FULL_YEAR_INTRO_EARLY
    assert page.rows[0]["cells"] == report_text.FULL_YEAR_HEADERS_EARLY
    assert [
        (r["cells"][0], r["cells"][2], r["cells"][3], r["cells"][4]) for r in page.body_rows
    ] == [
        (
            "Andel basenheter som frågar om våldsutsatthet och dokumenterar enligt regionens "
            "riktlinjer (I2.4.1)",
            "◷ Redovisas vid helår",
            f"helår 2024: 46,43{NBSP}%",
            "80",
        ),
        (
            'Utfall för "hållbart medarbetarengagemang för medarbetare" i '
            "medarbetarundersökning (MU) (I5.1.1)",
            "◷ Redovisas vid helår",
            f"helår 2024: 78{NBSP}index",
            "80",
        ),
        (
            'Utfall för genomförd checklista "SAM årlig uppföljning" (I5.1.4)',
            "◷ Redovisas vid helår",
            f"helår 2024: 83,02{NBSP}%",
            "100",
        ),
        (
            "Hållbart medarbetarengagemang för chefer ska öka (I5.2.1)",
            "◷ Redovisas vid helår",
            f"helår 2024: 79{NBSP}index",
            "–",
        ),
        (
            "Andel verksamheter som inventerat sitt användande av förbrukningsmaterial (I6.1.1)",
            "◷ Redovisas vid helår",
            f"helår 2024: 49,06{NBSP}%",
            "80",
        ),
    ]


def test_full_year_section_links_each_indicator_to_its_delmal(example, example_goals):
    page = Page(report.full_year_section(example).html)
    article_ids = set(articles(example_goals))
    hrefs = [href[1:] for href in page.attr("a", "href")]
    assert len(hrefs) == 5
    assert set(hrefs) <= article_ids


def test_full_year_section_in_t3_shows_values_and_fulfilment(example_t3):
    page = Page(report.full_year_section(example_t3).html)
    assert page.texts("p")[0] == "Utfallet för 2025 för de indikatorer som följs per helår."
    assert page.rows[0]["cells"][-1] == "Måluppfyllelse (%)"
    assert [(r["cells"][2], *r["cells"][3:]) for r in page.body_rows] == [
        # I2.4.1, I5.1.4 and I6.1.1 are made from the units' ja/nej (33 of 52, 46 of 50, …)
        ("■ Målvärdet nås inte", "63,46", "80", "79,33"),
        ("▲ Nära målvärdet", "79", "80", "98,75"),
        ("▲ Nära målvärdet", "92", "100", "92"),
        ("● Utvecklas åt rätt håll", "81", "öka från 79", "–"),
        ("■ Målvärdet nås inte", "70,37", "80", "87,96"),
    ]


def test_full_year_section_without_full_year_indicators_says_so():
    html = report.full_year_section(make_report(clean_dataset())).html
    assert Page(html).texts("p", "inga") == [
        "Nämndplanen har inga indikatorer som följs per helår."
    ]
    assert "<table" not in html


# --- deviations --------------------------------------------------------------------------------


def test_deviation_section_lists_both_kinds_with_the_indicators_named(plan):
    page = Page(report.deviation_section(plan).html)
    assert page.ids == ["avvikelser"]
    assert [row["cells"] for row in page.body_rows] == [
        [
            subgoal_name(plan, "D1"),
            "● Kommer att uppnås",
            "Delmålet bedöms uppnås men har röd indikator",
            "Indikator I1 (I1)",
        ],
        [
            subgoal_name(plan, "D2"),
            "■ Kommer inte att uppnås",
            "Delmålet bedöms inte uppnås men indikatorerna är gröna",
            "Indikator I2 (I2)",
        ],
        [
            subgoal_name(plan, "D5"),
            "● Kommer att uppnås",
            "Delmålet bedöms uppnås men har röd indikator",
            "Indikator I7 (I7)",  # minska, but the value went up
        ],
    ]
    assert page.attr("a", "href") == ["#delmal-1", "#delmal-2", "#delmal-5"]


def test_deviation_section_of_the_example_names_its_two_deviations(example):
    first_table = re.search(r"<table.*?</table>", report.deviation_section(example).html, re.S)
    cells = [row["cells"] for row in Page(first_table[0]).body_rows]  # then the units' table
    assert [c[0] for c in cells] == [subgoal_name(example, "D1.1"), subgoal_name(example, "D2.2")]
    assert "(I1.1.2)" in cells[0][3]
    assert "(I2.2.1)" in cells[1][3]
    assert "(I2.2.2)" in cells[1][3]
    assert "<br>" in report.deviation_section(example).html


def test_deviation_section_without_deviations_says_so():
    page = Page(report.deviation_section(make_report(clean_dataset())).html)
    assert page.texts("p", "inga") == ["Inga avvikelser för Tertial 2 2025."]
    assert page.rows == []


# --- data quality ------------------------------------------------------------------------------

WARNING = Problem(
    Severity.WARNING,
    "utfall.csv",
    'Konstigt värde <b>här</b> & "där".',
    row=3,
    column="varde",
    value="<x>",
)


def gaps_dataset():
    dataset = make_dataset(
        subgoals=[
            {"delmal_id": "D1", "namn": "Bedömt delmål"},
            {"delmal_id": "D2", "namn": "Obedömt delmål"},
        ],
        indicators=[
            {"indikator_id": "G1", "namn": "Utan utfall", "malvarde": 80},
            {"indikator_id": "G2", "namn": "Utan målvärde"},
            {"indikator_id": "G3", "namn": "Utan jämförelse", "maltyp": "öka"},
            {"indikator_id": "G4", "namn": "Allt finns", "malvarde": 80},
            {"indikator_id": "G5", "namn": "Vid helår", "malvarde": 80, "frekvens": "helår"},
        ],
        outcomes=[
            {"indikator_id": "G1", "period": "2025-T1", "varde": 70},
            {"indikator_id": "G2", "period": "2025-T2", "varde": 70},
            {"indikator_id": "G3", "period": "2025-T2", "varde": 70},
            {"indikator_id": "G4", "period": "2025-T2", "varde": 90},
        ],
        assessments=[{"delmal_id": "D1", "period": "2025-T2", "status": "gul"}],
    )
    return dataclasses.replace(dataset, warnings=(WARNING,))


def test_data_quality_lists_not_assessed_delmal_gaps_and_escaped_warnings():
    rep = make_report(gaps_dataset())
    html = report.data_quality_section(rep).html
    page = Page(html)
    assert page.ids == ["datakvalitet"]
    assert page.texts("h3") == [
        "Delmål utan bedömning",
        "Indikatorer utan utfall, målvärde eller jämförelsevärde",
        "Varningar från kontrollen av indata",
    ]
    first_list = re.search(r"<ul.*?</ul>", html).group(0)
    assert Page(first_list).texts("a") == ["Obedömt delmål"]
    assert Page(first_list).attr("a", "href") == ["#delmal-2"]
    assert [row["cells"] for row in page.body_rows] == [
        ["Utan utfall (G1)", "Bedömt delmål", "– Utfall saknas"],
        ["Utan målvärde (G2)", "Bedömt delmål", "– Målvärde saknas"],
        ["Utan jämförelse (G3)", "Bedömt delmål", "– Jämförelsevärde saknas"],
    ]
    assert page.texts("li")[-1] == str(WARNING)
    assert "<b>" not in html and "<x>" not in html
    assert "&lt;b&gt;här&lt;/b&gt; &amp; &quot;där&quot;" in html


def test_data_quality_of_a_clean_dataset_says_all_is_well():
    page = Page(report.data_quality_section(make_report(clean_dataset())).html)
    assert page.texts("p", "inga") == [
        "Alla delmål är bedömda för Tertial 2 2025.",
        report_text.NO_MISSING_VALUES.format(period="Tertial 2 2025"),
        "Kontrollen av indata gav inga varningar.",
    ]


def test_data_quality_of_the_example_lists_its_gap_and_its_two_warnings(example):
    page = Page(report.data_quality_section(example).html)
    assert page.texts("a")[0] == subgoal_name(example, "D6.1")
    first_table = re.search(r"<table.*?</table>", report.data_quality_section(example).html, re.S)
    assert [row["cells"][0] for row in Page(first_table[0]).body_rows] == [
        "Andel basenheter som via vård och omsorgskollen följer upp patientens upplevelser av "
        "delaktig, trygghet och samordning (I4.1.2)"
    ]
    warnings = page.texts("li")[-2:]
    assert [w.split(":")[0] for w in warnings] == ["Varning", "Varning"]
    assert "I4.1.2" in warnings[0]
    assert "D6.1" in warnings[1]


# --- about -------------------------------------------------------------------------------------


def definitions(html: str) -> dict[str, str]:
    page = Page(html)
    return dict(zip(page.texts("dt"), page.texts("dd"), strict=True))


def test_about_lists_every_input_file_with_its_sha256(example):
    html = report.about_section(example).html
    rows = [row["cells"] for row in Page(html).body_rows]
    names = [s.name for s in example.dataset.sources]
    assert sorted(names) == sorted(p.name for p in EXAMPLE_DATA.iterdir())
    for name in names:
        digest = hashlib.sha256((EXAMPLE_DATA / name).read_bytes()).hexdigest()
        assert [name, digest] in rows
    assert f"Källa: {EXAMPLE_DATA.resolve()}" in Page(html).texts("p")


@pytest.mark.parametrize(("yellow_from", "shown"), [(90.0, "90"), (85.5, "85,5")])
def test_about_states_the_yellow_threshold(yellow_from, shown):
    rep = make_report(clean_dataset(yellow_from=yellow_from))
    colour_rule = definitions(report.about_section(rep).html)["Färg för indikatorer"]
    assert f"gul när den är minst {shown}{NBSP}% av målvärdet" in colour_rule


@pytest.mark.parametrize("rule", [RollupRule.MAJORITY, RollupRule.WORST])
def test_about_states_the_rollup_rule_in_words(rule):
    rep = make_report(clean_dataset(rollup_rule=rule))
    assert (
        definitions(report.about_section(rep).html)["Målets status"]
        == (report_text.RULE_TEXT[rule.value])
    )
    assert f"Regeln {rule.value}:" in report_text.RULE_TEXT[rule.value]


def test_about_lists_own_yellow_thresholds_only_when_there_are_some(example):
    assert definitions(report.about_section(example).html)["Egna gränser för gul"] == (
        f"I4.1.3 95{NBSP}%"
    )
    assert "Egna gränser för gul" not in report.about_section(make_report(clean_dataset())).html


def test_about_lists_parameters_version_and_run_time(example):
    html = report.about_section(example).html
    page = Page(html)
    rows = [row["cells"] for row in page.body_rows]
    assert ["Period", "2025-T2"] in rows
    assert ["Data", "–"] in rows
    assert ["Körningen startade", RUN_STARTED] in rows
    paragraphs = page.texts("p")
    assert (
        f"hsn-analysis {__version__}, Python {platform.python_version()}, "
        f"pandas {pd.__version__}, matplotlib "
    ) in " ".join(paragraphs)
    assert "Körningen startade 2025-09-30 kl. 06:00." in paragraphs
    assert page.texts("footer") == [
        f"Hälso- och sjukvårdsnämnden · Tertial 2 2025 · skapad med hsn-analysis {__version__}"
    ]


# --- escaping ----------------------------------------------------------------------------------

EVIL = '<script>alert(1)</script> "quotes" & ampersands'
EVIL_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; ampersands"


def evil_report():
    dataset = make_dataset(
        goals=[{"mal_id": "M1", "namn": f"Mål {EVIL}"}],
        subgoals=[
            {"delmal_id": "D1", "mal_id": "M1", "namn": f"Grönt {EVIL}"},
            {"delmal_id": "D2", "mal_id": "M1", "namn": f"Rött {EVIL}"},
            {"delmal_id": "D3", "mal_id": "M1", "namn": f"Obedömt {EVIL}"},
        ],
        indicators=[
            {"indikator_id": "I1", "delmal_id": "D1", "namn": f"Röd {EVIL}", "malvarde": 80},
            {"indikator_id": "I2", "delmal_id": "D2", "namn": f"Grön {EVIL}", "malvarde": 80},
            {
                "indikator_id": "I3",
                "delmal_id": "D3",
                "namn": f"Helår {EVIL}",
                "malvarde": 80,
                "frekvens": "helår",
                "enhet": EVIL,
            },
            {"indikator_id": "I4", "delmal_id": "D3", "namn": f"Saknas {EVIL}", "malvarde": 80},
        ],
        outcomes=[
            {"indikator_id": "I1", "period": "2025-T2", "varde": 10},
            {"indikator_id": "I2", "period": "2025-T2", "varde": 90},
            {"indikator_id": "I3", "period": "2024-T3", "varde": 50},
        ],
        assessments=[
            {
                "delmal_id": "D1",
                "period": "2025-T2",
                "status": "gron",
                "kommentar": f"Kommentar {EVIL}\nRad två {EVIL}",
                "forfattare": f"Författare {EVIL}",
                "datum": "2025-09-24",
            },
            {"delmal_id": "D1", "period": "2025-T1", "status": "rod"},
            {
                "delmal_id": "D2",
                "period": "2025-T2",
                "status": "rod",
                "kommentar": EVIL,
                "forfattare": EVIL,
            },
        ],
    )
    dataset = dataclasses.replace(
        dataset,
        warnings=(Problem(Severity.WARNING, "utfall.csv", f"Varning {EVIL}", value=EVIL),),
    )
    return make_report(with_settings(dataset, board_name=f"Nämnden {EVIL}"))


ALL_SECTIONS = [
    report.title_section,
    report.summary_section,
    report.goal_sections,
    report.full_year_section,
    report.deviation_section,
    report.data_quality_section,
    report.about_section,
]


@pytest.fixture(scope="module")
def evil_sections():
    rep = evil_report()
    return {section.__name__: section(rep).html for section in ALL_SECTIONS}


def test_text_from_input_is_never_raw_html_in_any_section(evil_sections):
    everything = "".join(evil_sections.values())
    assert "<script" not in everything.lower()
    assert '"quotes"' not in everything
    assert "& ampersands" not in everything
    assert EVIL_ESCAPED in everything


@pytest.mark.parametrize(
    ("section", "minimum"),
    [
        ("title_section", 2),  # board, mål in the contents
        ("summary_section", 4),  # mål in the table, delmål in the lists and change table
        ("goal_sections", 12),  # names, comment, author, indicators, alt texts
        ("full_year_section", 2),  # indicator, delmål
        ("deviation_section", 4),  # two delmål, two indicators
        ("data_quality_section", 4),  # delmål, indicator, warning message and value
    ],
)
def test_each_section_shows_input_text_escaped(evil_sections, section, minimum):
    html = evil_sections[section]
    assert html.count(EVIL_ESCAPED) >= minimum
    assert "<script" not in html


def test_escaped_text_reads_back_as_the_original_words(evil_sections):
    page = Page(evil_sections["goal_sections"])
    assert page.texts("h2") == [f"M1 Mål {EVIL}"]
    assert page.texts("h3")[:2] == [f"Grönt {EVIL}", f"Rött {EVIL}"]
    assert page.texts("p", "signatur")[0] == f"Bedömt av Författare {EVIL}, 2025-09-24"
    assert Page(evil_sections["goal_sections"]).texts("h4")[0] == f"Röd {EVIL}"


# --- snapshots ---------------------------------------------------------------------------------

_BREAK_BEFORE = re.compile(r"(?=<(?:section|h2|h3|table|tr|li|p)[\s>])")


def pretty(html: str) -> str:
    """One line per block element, so that a snapshot diff points at the changed row."""
    return _BREAK_BEFORE.sub("\n", html).lstrip("\n") + "\n"


def check_snapshot(html: str, path: Path) -> None:
    """Compare with the stored snapshot; `UPDATE_SNAPSHOTS=1` rewrites it instead."""
    actual = pretty(html)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(
            f"Snapshot {path} is missing. Create it with\n"
            f"    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_report_sections.py -k snapshot\n"
            "then read the file and check it is what the board secretary should see.",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{path.name} (stored)",
                tofile=f"{path.name} (rendered now)",
            )
        )
        pytest.fail(
            f"{path.name} differs from the rendered HTML. If the change is intended, rerun with "
            f"UPDATE_SNAPSHOTS=1 and review the diff of the snapshot file.\n{diff}",
            pytrace=False,
        )


@pytest.mark.parametrize(
    "section",
    [
        report.title_section,
        report.deviation_section,
        report.data_quality_section,
        report.full_year_section,
    ],
    ids=lambda f: f.__name__,
)
def test_example_section_matches_its_snapshot(example, section):
    check_snapshot(section(example).html, SNAPSHOTS / f"{section.__name__}.html")


def test_snapshot_check_fails_with_instructions_when_the_file_is_missing(tmp_path, monkeypatch):
    monkeypatch.delenv("UPDATE_SNAPSHOTS", raising=False)
    missing = tmp_path / "saknas.html"
    with pytest.raises(pytest.fail.Exception, match="UPDATE_SNAPSHOTS=1"):
        check_snapshot("<p>x</p>", missing)
    assert not missing.exists()


def test_snapshot_check_rewrites_the_file_when_asked_and_then_compares(tmp_path, monkeypatch):
    path = tmp_path / "avsnitt.html"
    monkeypatch.setenv("UPDATE_SNAPSHOTS", "1")
    check_snapshot("<section><h2>A</h2><p>x</p></section>", path)
    assert path.read_text(encoding="utf-8") == "<section>\n<h2>A</h2>\n<p>x</p></section>\n"
    monkeypatch.delenv("UPDATE_SNAPSHOTS")
    check_snapshot("<section><h2>A</h2><p>x</p></section>", path)
    with pytest.raises(pytest.fail.Exception, match=r"(?s)differs.*-<p>x</p>.*\+<p>y</p>"):
        check_snapshot("<section><h2>A</h2><p>y</p></section>", path)


# --- an outcome's comment beside its value (issue 12) ------------------------------------------


def commented_report():
    outcomes = [
        {"indikator_id": "I1", "period": "2025-T2", "varde": 91},
        {"indikator_id": "I1", "period": "2025-T1", "varde": 88, "kommentar": "Målvärdet höjt"},
    ]
    dataset = make_dataset(indicators=[{"indikator_id": "I1", "malvarde": 90}], outcomes=outcomes)
    return make_report(dataset)


def test_an_outcome_comment_stands_in_a_row_right_under_the_value_it_explains():
    html = indicator_table(commented_report().history("I1"), "Utfall för I1")
    page = Page(html)
    assert len(page.rows[0]["cells"]) == 5  # no comment column: the table fits beside its chart
    assert [(row["attrs"], row["cells"]) for row in page.body_rows] == [
        ({"class": "rapportperiod"}, ["T2 2025", "● Nås", "91", "90", "101,11"]),
        ({}, ["T1 2025", "▲ Nära", "88", "90", "97,78"]),
        ({"class": "notrad"}, ["Kommentar T1 2025: Målvärdet höjt"]),
    ]
    assert '<td colspan="5"><span class="utfallskommentar">' in html


def test_a_table_without_comments_has_no_comment_rows():
    html = indicator_table(many_periods_report(2).history("I1"), "x")
    assert all(row["attrs"] != {"class": "notrad"} for row in Page(html).body_rows)
    assert "utfallskommentar" not in html


def test_an_indicator_with_comments_keeps_its_chart_beside_the_table():
    html = report.goal_sections(commented_report()).html
    assert '<div class="indikator-innehall"><table' in html
    assert "med-kommentar" not in html


# --- the document's particulars and the printed page (issue 15) -------------------------------


def test_title_shows_the_document_particulars_that_the_settings_give():
    dataset = with_settings(
        clean_dataset(),
        case_number="HSN 2025/0412",
        document_date=dt.date(2025, 9, 22),
        document_version="1.0",
        decided_by="Nämnden <b>",
    )
    page = Page(report.title_section(make_report(dataset)).html)
    assert page.texts("dt") == ["Diarienummer", "Dokumentdatum", "Version", "Beslutsinstans"]
    assert page.texts("dd") == ["HSN 2025/0412", "2025-09-22", "1.0", "Nämnden <b>"]


def test_title_without_particulars_shows_no_empty_list():
    page = Page(report.title_section(make_report(clean_dataset())).html)
    assert page.texts("dl") == []


def test_only_the_given_particulars_are_shown():
    dataset = with_settings(clean_dataset(), document_version="2.1")
    page = Page(report.title_section(make_report(dataset)).html)
    assert page.texts("dt") == ["Version"] and page.texts("dd") == ["2.1"]


@pytest.mark.parametrize(
    ("case_number", "right"),
    [
        ("", '"Uppföljning Tertial 2 2025"'),
        ("HSN 1/2", '"Uppföljning Tertial 2 2025 · Dnr HSN 1/2"'),
    ],
)
def test_printed_pages_carry_board_period_and_case_number_and_page_numbers(case_number, right):
    dataset = with_settings(clean_dataset(), case_number=case_number)
    style = report.title_section(make_report(dataset)).html.split("</style>")[0]
    assert f"@top-right {{ content: {right}; }}" in style
    assert '@bottom-right { content: "Sida " counter(page) " av " counter(pages); }' in style


# --- the written analysis (issue 15) ------------------------------------------------------------


def test_a_delmal_shows_its_analysis_measures_and_forecast_escaped_under_the_comment():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80}],
        outcomes=[{"indikator_id": "I1", "period": "2025-T2", "varde": 85}],
        assessments=[
            {
                "delmal_id": "D1",
                "period": "2025-T2",
                "status": "gul",
                "kommentar": "Kommentar.",
                "analys": "Första stycket <script>.\n\nAndra stycket.",
                "atgarder": "- Rekrytera\n- Utbilda",
                "prognos": "rod",
            }
        ],
    )
    html = report.goal_sections(make_report(dataset)).html
    page = Page(html)
    assert page.texts("dt") == ["Analys", "Åtgärder", "Helårsprognos"]
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert html.index("Kommentar.") < html.index("Första stycket")
    assert "Kommer inte att uppnås" in page.texts("dd")[2]


def test_a_delmal_without_written_analysis_shows_no_empty_list():
    html = report.goal_sections(make_report(clean_dataset())).html
    assert 'class="analys"' not in html


def test_an_indicator_names_its_source_and_who_answers_for_it_when_the_data_has_them():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80, "kalla": "KPP"}],
        outcomes=[{"indikator_id": "I1", "period": "2025-T2", "varde": 85}],
        assessments=[{"delmal_id": "D1", "period": "2025-T2", "status": "gron"}],
    )
    with_owner = dataclasses.replace(
        dataset, indicators=dataset.indicators.assign(ansvarig="Chefläkare")
    )
    meta = Page(report.goal_sections(make_report(with_owner)).html).texts("p", "meta")
    assert any("Källa: KPP" in m and "Ansvarig: Chefläkare" in m for m in meta)
    plain = Page(report.goal_sections(make_report(dataset)).html).texts("p", "meta")
    assert not any("Ansvarig" in m for m in plain)


def test_the_administrations_summary_comes_first_in_sammanfattning_escaped():
    dataset = dataclasses.replace(
        clean_dataset(),
        analyses=pd.DataFrame(
            {
                "period": ["2025-T2", "2025-T2", "2025-T1"],
                "rubrik": ["Läget", "", "Gammalt"],
                "text": ["Stycke <b>.\n- punkt ett\n- punkt två", "Utan rubrik.", "Annan period."],
            }
        ),
    )
    html = report.summary_section(make_report(dataset)).html
    page = Page(html)
    assert html.index("Läget") < html.index('class="ingress"')
    assert "Stycke &lt;b&gt;." in html and "<b>" not in html
    assert page.texts("li")[:2] == ["punkt ett", "punkt två"]
    assert "Utan rubrik." in html and "Gammalt" not in html


def test_a_mal_shows_its_comment_under_the_heading_beside_its_rolled_up_status():
    dataset = dataclasses.replace(
        clean_dataset(),
        goal_assessments=pd.DataFrame(
            {
                "mal_id": ["M1", "M1"],
                "period": ["2025-T2", "2025-T1"],
                "kommentar": ["Målet går enligt plan.", "Förra tertialen."],
                "forfattare": ["Hälso- och sjukvårdsdirektör", ""],
                "datum": pd.to_datetime(["2025-09-24", None]),
            }
        ),
    )
    html = report.goal_sections(make_report(dataset)).html
    assert html.index('class="mal-huvud"') < html.index("Målet går enligt plan.")
    assert "status-gron" in html  # the rolled-up status is still there
    assert "Kommenterat av Hälso- och sjukvårdsdirektör, 2025-09-24" in html
    assert "Förra tertialen." not in html
