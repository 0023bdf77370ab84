"""The report's overview table, per-indicator SPC and comparison blocks, their charts and their
account in Om rapporten; and that a report run touches no network."""

from __future__ import annotations

import re
import shutil

import pytest
from builders import small_example
from conftest import REPORT_SECTIONS, RUN_STARTED
from kolada_server import FakeKolada, Kpi, UnthrottledClient, example_kpis, serve
from matplotlib.figure import Figure
from test_report_sections import Page

from hsn_analysis.cli import EXIT_OK, main
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.report import sections as report
from hsn_analysis.report.spc_chart import benchmark_chart, spc_chart, spc_chart_alt
from hsn_analysis.rules.signals import indicator_benchmarks
from hsn_analysis.runs.runner import run_report


@pytest.fixture(scope="module")
def example(example_sections):
    return example_sections.report


@pytest.fixture(scope="module")
def overview(example_sections):
    return example_sections.html["overview_section"]


@pytest.fixture(scope="module")
def goals(example_sections):
    return example_sections.html["goal_sections"]


def overview_rows(html: str) -> dict[str, list[str]]:
    rows = Page(html).body_rows
    return {re.search(r"\((I[\d.]+)\)", r["cells"][0]).group(1): r["cells"] for r in rows}


def indicator_html(goals: str, indicator_id: str) -> str:
    blocks = re.findall(
        r'<div class="indikator">.*?(?=<div class="indikator">|</article>)', goals, flags=re.S
    )
    return next(b for b in blocks if f"{indicator_id} ·" in b)


def test_the_overview_has_one_row_per_indicator_with_every_column(example, overview):
    page = Page(overview)
    headers = [c for row in page.rows if row["header"] for c in row["cells"]]
    assert headers == [
        "Indikator",
        "Status",
        "Mål­upp­fyllelse",
        "För­ändring sedan T2 2024",
        "Variation",
        "Säkring",
        "Plats bland regio­nerna",
    ]
    rows = overview_rows(overview)
    assert list(rows) == list(example.dataset.indicators["indikator_id"])
    # I1.1.1: 71,2 in T2 2025 against 61,0 in T2 2024; 14 points rising, the last outside the
    # upper limit: the process has changed, and the limits say nothing about the target.
    outside = "? Ej bedömbar (senaste punkten ligger utanför gränsen)"
    assert rows["I1.1.1"][2:] == ["101,71", "+10,2", "▲ Förbättring", outside, "–"]
    shift = "? Ej bedömbar (senaste punkterna ligger på ena sidan om medelvärdet)"
    kolada = "8 av 21 i Koladas Utskrivningsklara patienter kvar i slutenvård, dagar per 1 000 "
    assert rows["I2.3.2"][3:6] == ["-2", "▲ Förbättring", shift]
    assert (
        rows["I2.3.2"][6].startswith(kolada) and "(dagar per 1 000 invånare)" in rows["I2.3.2"][6]
    )
    # helår: 4 points, not due
    assert rows["I2.4.1"][3:] == ["–", "för kort serie (4 punkter, 12 behövs)", "–", "–"]
    # a share measured year to date, without its numerator and denominator
    assert rows["I4.2.4"][4:6] == ["andel hittills i år utan täljare och nämnare", "–"]


def test_every_icon_has_a_word_beside_its_symbol(overview, goals):
    icons = re.findall(
        r'<span class="ikon[^"]*"[^>]*>(.*?)</span></span>|'
        r'<span class="ikon[^"]*"[^>]*><span[^>]*>[^<]*</span>([^<]*)</span>',
        overview + goals,
    )
    words = [b.strip() for _, b in icons if b.strip()]
    assert len(words) > 20
    assert set(words) <= {
        "Förbättring",
        "Försämring",
        "Slumpmässig variation",
        "Ovanligt högt",
        "Ovanligt lågt",
        "Klarar målet",
        "Klarar inte målet",
        "Ibland, ibland inte",
        "Ej bedömbar",
    }


def test_an_indicator_with_comparison_data_shows_riket_median_and_rank(goals):
    html = indicator_html(goals, "I2.3.2")
    rows = {r["cells"][0]: r["cells"][1] for r in Page(html).body_rows if len(r["cells"]) == 2}
    assert rows["Riket"] == "4,7" and rows["Medianregionen"] == "4,7"
    assert rows["Vår region (Region Västerbotten)"] == "4,2"
    # lower is better (högst); Kolada's key figure is a rate, our indicator patients per day
    assert rows["Plats"] == (
        "plats 8 av 21, där 1 är bästi Koladas Utskrivningsklara patienter kvar i slutenvård, "
        "dagar per 1 000 invånare (exempeldata, påhittade värden) (dagar per 1 000 invånare)"
    )  # (the page's text of the cell: a line break between the rank and the measure)
    assert "Kolada mäter inte samma sak som indikatorn" in html
    assert "inte indikatorns patienter per dag (snitt)" in html
    assert "Jämförelse med andra regioner (2024)" in html
    alts = Page(html).attr("img", "alt")
    assert any(a.startswith("Punktdiagram över 21 regioners värden 2024") for a in alts)
    assert any(a.startswith("Styrdiagram för Antalet utskrivningsklara") for a in alts)


def test_the_spc_block_appears_only_with_12_points_or_more(goals):
    assert "spc-block" in indicator_html(goals, "I1.1.1")
    assert "spc-block" not in indicator_html(goals, "I2.4.1")  # helår: 4 points
    assert "jamforelse-block" not in indicator_html(goals, "I1.1.1")  # no Kolada mapping


def test_the_spc_chart_draws_limits_centre_target_and_marks_special_causes(example):
    result = example.signals["I2.3.2"].result
    fig = spc_chart(result, target=20.0)
    assert isinstance(fig, Figure)
    gids = {line.get_gid() for line in fig.axes[0].get_lines()}
    assert {"value", "mean", "limit-undre", "limit-ovre", "target"} <= gids
    assert {"signal-forbattring", "signal-forsamring"} <= gids  # the shift down and the high start
    alt = spc_chart_alt(result, "Utskrivningsklara", 20.0)
    assert "14 punkter från T1 2021 till T2 2025" in alt and "målvärde 20" in alt
    assert "T1 2025 (punkt utanför gränsen)" in alt


def test_the_spc_chart_shades_the_report_period_and_draws_each_periods_own_target(example):
    from hsn_analysis.periods import Period

    result = example.signals["I1.2.1"].result  # its target was raised from 80 to 90 % in 2025
    periods = list(result.points["period"])
    targets = {p: (90.0 if p.startswith("2025") else 80.0) for p in periods}
    fig = spc_chart(result, 90.0, Period.parse("2025-T2"), "%", targets)
    ax = fig.axes[0]
    lines = {line.get_gid(): line for line in ax.get_lines()}
    assert set(lines["target"].get_ydata()) == {80.0, 90.0}  # a step, not 90 all along
    band = next(p for p in ax.patches if p.get_gid() == "report-period")
    x0 = band.get_x()  # a Rectangle in matplotlib >= 3.9
    assert x0 == pytest.approx(periods.index("2025-T2") - 0.5)
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["T2"]
    assert ax.get_ylabel() == "%"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:4] == ["Utfall", "Medelvärde", "Processgränser", "Målvärde"]


def test_an_indicators_spc_chart_gets_the_targets_its_table_shows(example, monkeypatch):
    from hsn_analysis.report import goals
    from hsn_analysis.report import spc_chart as module

    seen = {}

    def spy(result, target, period, unit, targets, basis, **options):
        seen.update(target=target, period=period.code, unit=unit, targets=targets)
        return spc_chart(result, target, period, unit, targets, basis, **options)

    monkeypatch.setattr(module, "spc_chart", spy)
    indicator = next(
        i for i in example.dataset.indicators.itertuples() if i.indikator_id == "I1.2.1"
    )
    history = example.history("I1.2.1")
    html = goals.indicator_chart(example, indicator, history)
    assert 'class="chart trend spc"' in html
    assert seen["period"] == "2025-T2" and seen["unit"] == "%"
    assert seen["targets"]["2025-T2"] == 90 and seen["targets"]["2024-T2"] == 80
    assert seen["target"] == 90


def test_an_spc_chart_without_any_target_has_no_target_line_nor_its_legend(example):
    result = example.signals["I2.1.4"].result  # ska öka jämfört med samma period förra året
    fig = spc_chart(result, None, None, "", {})
    assert "target" not in {line.get_gid() for line in fig.axes[0].get_lines()}
    assert "Målvärde" not in [t.get_text() for t in fig.legends[0].get_texts()]


def test_the_regions_chart_marks_ours_apart_from_the_other_20(example):
    found = indicator_benchmarks(example.dataset, example.period)["I2.3.2"]
    lines = {line.get_gid(): line for line in benchmark_chart(found).axes[0].get_lines()}
    assert len(lines["regions"].get_xdata()) == 20
    assert list(lines["own"].get_xdata()) == [found.own]
    assert list(lines["country"].get_xdata()) == [found.country, found.country]


def test_om_rapporten_names_the_spc_variant_and_the_comparison_file(example):
    html = report.about_section(example).html
    assert "medelvärdet ± 2,66 × genomsnittligt glidande variationsvidd" in html
    assert "utan att avvikande variationsvidder sorteras bort" in html
    sha = next(s.sha256 for s in example.dataset.sources if s.name == "jamforelser.csv")
    assert f"jamforelser.csv (SHA-256 {sha}), hämtad från Kolada 2026-11-30T06:00:00+00:00" in html


def test_a_report_of_data_without_comparisons_says_so_and_ranks_nothing(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, folder)
    (folder / "jamforelser.csv").unlink()
    plain = report.prepare("2025-T2", folder, run_started=RUN_STARTED)
    assert "Data har ingen fil jamforelser" in report.about_section(plain).html
    rows = overview_rows(report.overview_section(plain).html)
    assert {cells[-1] for cells in rows.values()} == {"–"}


def test_building_a_report_attempts_no_network_access(example_sections):
    """conftest builds the example's report with every way to connect refused and recorded."""
    assert set(example_sections.html) == set(REPORT_SECTIONS)
    for name in REPORT_SECTIONS:
        assert example_sections.html[name], name
    assert example_sections.network_attempts == ()


def test_kolada_fetch_then_report_shows_ranks_riket_and_the_overview(tmp_path, monkeypatch):
    """The whole way: `hsn-report kolada` from a local server, then the real 2025-T2 run. On the
    example's mål M2 alone (both its indicators mapped to Kolada are M2's): the other six mål
    would only add charts for the run to draw. The client does not pause between requests to
    the local server (its politeness is test_kolada's)."""
    monkeypatch.setattr("hsn_analysis.kolada.client.KoladaClient", UnthrottledClient)
    folder = small_example(tmp_path / "data", goals=["M2"])
    (folder / "jamforelser.csv").unlink()
    kpis = example_kpis()
    kpis["U20462"] = Kpi("Fallskador 65+", dict(kpis["N79176"].values))
    with serve(FakeKolada(kpis)) as url:
        code = main(["kolada", "--data", str(folder), "--ar", "2022..2024", "--bas-url", url])
    assert code == EXIT_OK
    assert (folder / "jamforelser.csv").is_file()
    result = run_report("2025-T2", folder, tmp_path / "ut")
    html = result.html.read_text(encoding="utf-8")
    assert 'id="oversikt"' in html
    # region i has 50 + i + 2 in 2024; ours (0024) is the 20th of 21, lower is better: 20th
    assert (
        html.count('<td class="num">plats 20 av 21, där 1 är bäst<br><span class="meta">i Koladas ')
        == 2
    )
    rows = overview_rows(re.search(r'<table class="oversikt">.*?</table>', html, re.S).group(0))
    assert rows["I2.1.2"][-1].startswith("20 av 21 i Koladas Fallskador 65+")
    assert rows["I2.3.2"][-1].startswith("20 av 21 i Koladas")
    assert '<td>Riket</td><td class="num">60</td>' in html


def test_spc_fran_restarts_the_limits_in_the_report_and_says_so():
    from builders import make_dataset, make_report

    periods = [f"{2021 + i // 3}-T{i % 3 + 1}" for i in range(14)]  # 2021-T1 … 2025-T2
    values = [90.0, 95.0] + [10.0, 14.0] * 6  # a new method from 2021-T3: far lower values
    dataset = make_dataset(
        indicators=[
            {"indikator_id": "I1", "maltyp": "minst", "malvarde": 30.0, "spc_fran": "2021-T3"}
        ],
        outcomes=[
            {"indikator_id": "I1", "period": p, "varde": v}
            for p, v in zip(periods, values, strict=True)
        ],
    )
    built = make_report(dataset)
    result = built.signals["I1"].result
    assert result.count == 12 and result.limits.mean == 12.0  # the old points are left out
    html = report.goal_sections(built).html
    assert "12 punkter, gränserna räknade från T3 2021." in html
    assert "14 punkter från T1 2021 till T2 2025" in html  # the chart still shows them all


def test_no_status_stands_beside_an_assurance_that_says_the_opposite_unexplained(overview):
    rows = overview_rows(overview)
    statuses = {cells[0]: cells[1] for cells in rows.values()}
    unreadable = 0
    for indicator, cells in rows.items():
        status, assurance = cells[1], cells[5]
        if status.endswith("Nås"):  # green
            assert "Klarar inte målet" not in assurance, indicator
        if status.endswith("Nås inte"):  # red
            assert "Klarar målet" not in assurance, indicator
        if "Ej bedömbar" in assurance:
            unreadable += 1
            assert re.search(r"Ej bedömbar \(.+\)$", assurance), indicator  # with its reason
    # The test meets what it guards: green and red indicators whose limits (across a trend)
    # would have said the opposite, as MDC's comparison alone does.
    assert unreadable >= 10 and len(set(statuses.values())) > 3
    assert rows["I1.1.1"][1] == "● Nås" and "Ej bedömbar" in rows["I1.1.1"][5]


def test_a_year_to_date_count_is_charted_by_tertial_amounts_and_says_so(example, goals):
    signal = example.signals["I2.1.2"]
    fig = spc_chart(signal.result, None, example.period, "antal", {}, signal.basis)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Tertialens eget belopp"
    assert ax.get_ylabel() == "antal per tertial"
    values = next(line for line in ax.get_lines() if line.get_gid() == "value").get_ydata()
    assert max(values) < 800  # 609 and 559 in 2025, never the year-to-date 1 168
    html = indicator_html(goals, "I2.1.2")
    assert "Punkterna är tertialens eget belopp (T1, T2 − T1, T3 − T2)" in html
    assert "Styrdiagram för Antal inläggningar på grund av fallskador (tertialens eget belopp)" in (
        html
    )


def test_a_year_to_date_share_without_its_parts_shows_why_it_has_no_signal(goals):
    html = indicator_html(goals, "I4.2.4")
    assert "ingen signal: andel hittills i år utan täljare och nämnare." in html
    assert 'class="chart trend"' in html  # its trend chart, no control chart


def test_drawn_limits_lie_within_the_measures_bounds():
    from builders import make_dataset, make_report

    periods = [f"{2021 + i // 3}-T{i % 3 + 1}" for i in range(14)]
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "maltyp": "högst", "malvarde": 30.0, "enhet": "antal"}],
        outcomes=[
            {"indikator_id": "I1", "period": p, "varde": v}
            for p, v in zip(periods, [0.0, 9.0] * 7, strict=True)
        ],
    )
    built = make_report(dataset)
    result = built.signals["I1"].result
    assert result.lower.computed < 0 and result.lower.bounded
    fig = spc_chart(result, 30.0)
    lower = next(line for line in fig.axes[0].get_lines() if line.get_gid() == "limit-undre")
    assert min(lower.get_ydata()) == 0.0
    alt = spc_chart_alt(result, "Antal", 30.0)
    assert "gränser 0 och " in alt


def test_data_quality_suggests_where_a_change_began_for_the_analyst_only(example):
    html = report.data_quality_section(example).html
    assert "Styrdiagram där processen har ändrats (för analytiker)" in html
    assert "Programmet räknar aldrig om gränserna av sig självt." in html
    row = next(r["cells"] for r in Page(html).body_rows if "(I1.1.1)" in r["cells"][0])
    suggested = example.signals["I1.1.1"].result.suggested_start
    assert row[1:3] == ["punkt utanför gränsen", f"{suggested} (T2 2022)"]
    # the board's overview names the reason, never the suggested restart
    assert suggested not in report.overview_section(example).html
