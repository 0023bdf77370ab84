"""Per indicator: its SPC chart and its comparison with the regions; and their account in
"Om rapporten" (the SPC variant, the comparison file's SHA-256 and fetch time)."""

from __future__ import annotations

from hsn_analysis.periods import Period
from hsn_analysis.report import spc_chart
from hsn_analysis.report.chart_images import benchmark_chart_key
from hsn_analysis.report.context import Report
from hsn_analysis.report.markup import chart as chart_html
from hsn_analysis.report.markup import esc, table
from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.signals import NoSignal, Signal
from hsn_analysis.rules.spc import Assurance, Variation
from hsn_analysis.words import signals_text as text
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.signals_json import assurance_reason, no_signal_reason

COMPARISON_FILE = "jamforelser"
_ICON_COLOURS = {
    "forbattring": "#1F5C99",
    "forsamring": "#9A4700",
    "hog": "#5A3488",
    "lag": "#5A3488",
    "slumpmassig": "#4A5563",
    "klarar": "#1F5C99",
    "klarar_inte": "#9A4700",
    "varierar": "#4A5563",
    "ej_bedombar": "#4A5563",
}


def icon(code: str, labels: dict[str, tuple[str, str]]) -> str:
    """An icon as symbol and word, never colour alone."""
    symbol, word = labels[code]
    colour = _ICON_COLOURS.get(code, "#1F2933")
    return (
        f'<span class="ikon ikon-{esc(code)}" style="color:{colour}">'
        f'<span class="symbol" aria-hidden="true">{esc(symbol)}</span> {esc(word)}</span>'
    )


def variation_icon(variation: Variation) -> str:
    return icon(variation.value, text.VARIATION_LABELS)


def assurance_icon(assurance: Assurance | None) -> str:
    if assurance is None:
        return esc(text.NO_ASSURANCE)
    return icon(assurance.value, text.ASSURANCE_LABELS)


def signal_cells(signal: Signal | None) -> tuple[str, str]:
    """The overview's variation and assurance cells: the icons, or the one phrase that says
    why there is no signal; an assurance that cannot be read says why beside it."""
    if signal is None or signal.result is None:
        reason = text.SHORT_SERIES if signal is None else no_signal_reason(signal)
        return f'<span class="meta">{esc(reason or text.SHORT_SERIES)}</span>', esc(
            text.NO_ASSURANCE
        )
    return variation_icon(signal.result.variation), assurance_cell(signal)


def assurance_cell(signal: Signal) -> str:
    """The assurance icon, with its reason when it is not assessable."""
    result = signal.result
    cell = assurance_icon(None if result is None else result.assurance)
    why = assurance_reason(signal)
    return f'{cell} <span class="meta">({esc(why)})</span>' if why else cell


def rank_text(found: Benchmark) -> str:
    """`plats 4 av 21, där 1 är bäst`, or "–" when the direction is neutral."""
    if found.rank is None:
        return text.NO_RANK
    return text.RANK_TEXT.format(rank=found.rank, count=found.count)


def measure_text(found: Benchmark) -> str:
    """`i Koladas <title> (<unit>)` when the key figure is another measure than the
    indicator, else ""."""
    if not found.other_measure:
        return ""
    unit = text.RANK_MEASURE_UNIT.format(unit=found.unit) if found.unit else ""
    return text.RANK_MEASURE.format(title=found.title or found.kpi or "–", unit=unit)


def rank_cell(found: Benchmark) -> str:
    """The comparison table's rank, with the key figure's title and unit under it (a line
    that may wrap) when Kolada measures something else than the indicator."""
    measure = measure_text(found)
    rank = esc(rank_text(found))
    return f'{rank}<br><span class="meta">{esc(measure)}</span>' if measure else rank


def overview_rank(found: Benchmark | None) -> str:
    """The overview's rank cell: `4 av 21`, with the key figure's title and unit beside it
    when Kolada measures something else than the indicator."""
    if found is None or found.rank is None:
        return esc(text.NO_RANK)
    rank = esc(f"{found.rank} av {found.count}")
    measure = measure_text(found)
    return f'{rank} <span class="meta">{esc(measure)}</span>' if measure else rank


def _with_unit(value: float | None, unit: str) -> str:
    number = format_number(value)
    if not number:
        return "–"
    return f"{number}\u00a0{unit}" if unit and unit.lower() != "antal" else number


def spc_block(signal: Signal, indicator: object) -> str:
    """One line under the chart: the variation and assurance icons (symbol and word), the
    points counted and what they are; the XmR chart itself is the indicator's chart
    (`goals.indicator_chart`). Without a signal, the one phrase that says why."""
    result = signal.result
    if result is None:
        reason = esc(no_signal_reason(signal) or "")
        return (
            f'<p class="spc-block"><strong>{esc(text.SPC_HEADING)}:</strong> '
            f"{esc(text.SPC_NONE.format(reason=reason))}</p>"
        )
    restart = getattr(indicator, "spc_fran", "")
    line = text.SPC_LINE.format(
        variation=variation_icon(result.variation),
        assurance=assurance_cell(signal),
        points=result.count,
        restart=esc(text.SPC_RESTART.format(period=Period.parse(restart).short_label))
        if restart
        else "",
    )
    basis = text.SPC_BASIS.get(signal.basis.value, "")
    if basis:
        line += " " + esc(basis)
    return f'<p class="spc-block"><strong>{esc(text.SPC_HEADING)}:</strong> {line}</p>'


def benchmark_block(report: Report, found: Benchmark, indicator: object, region_name: str) -> str:
    """Our value beside riket's and the median region's, the rank, and the regions as dots.

    Kolada's key figure is often measured otherwise than our own outcome (per 1 000
    inhabitants, say): its values go without our unit, and its title names what they are.
    """
    unit = ""
    rows = [
        [esc(text.BENCHMARK_OWN.format(name=region_name)), esc(_with_unit(found.own, unit))],
        [esc(text.BENCHMARK_COUNTRY), esc(_with_unit(found.country, unit))],
        [esc(text.BENCHMARK_MEDIAN), esc(_with_unit(found.median, unit))],
        [
            esc(text.BENCHMARK_RANK),
            rank_cell(found),
        ],
    ]
    heading = text.BENCHMARK_HEADING.format(year=found.year)
    alt = text.BENCHMARK_CHART_ALT.format(
        count=found.count,
        year=found.year,
        name=indicator.namn,  # type: ignore[attr-defined]
        own=_with_unit(found.own, unit),
        country=_with_unit(found.country, unit),
        rank=rank_text(found),
    )
    drawn = report.chart(
        benchmark_chart_key(indicator.indikator_id),  # type: ignore[attr-defined]
        lambda: spc_chart.benchmark_chart(found),
    )
    chart = chart_html(drawn, alt, css_class="regioner")
    source = text.BENCHMARK_SOURCE.format(
        kpi=found.kpi or "–", title=found.title or "–", fetched=found.fetched[:10] or "–"
    )
    other = ""
    if found.other_measure:
        unit = text.RANK_MEASURE_UNIT.format(unit=found.unit) if found.unit else ""
        own_unit = getattr(indicator, "enhet", "") or "värde"
        note = text.BENCHMARK_OTHER_MEASURE.format(
            title=found.title or found.kpi or "–", unit=unit, own_unit=own_unit
        )
        other = f'<p class="meta">{esc(note)}</p>'
    return (
        f'<div class="jamforelse-block"><h5>{esc(heading)}</h5>{other}'
        f'<div class="jamforelse-innehall">'
        f"{table(text.BENCHMARK_HEADERS, rows, numeric=[1], css_class='jamforelse')}{chart}</div>"
        f'<p class="meta">{esc(source)}</p></div>'
    )


def signal_blocks(report: Report, indicator: object) -> str:
    """The SPC chart (12 points or more) and the comparison (when there is one) of one
    indicator; "" when it has neither."""
    indicator_id = indicator.indikator_id  # type: ignore[attr-defined]
    parts = []
    signal = report.signals.get(indicator_id)
    # A short series shows its trend chart and no line; a year-to-date share without its
    # parts says why it has no signal.
    if signal is not None and (
        signal.result is not None or signal.reason is NoSignal.YEAR_TO_DATE_RATIO
    ):
        parts.append(spc_block(signal, indicator))
    found = report.benchmarks.get(indicator_id)
    if found is not None:
        parts.append(benchmark_block(report, found, indicator, region_name(report, found)))
    return f'<div class="signaler">{"".join(parts)}</div>' if parts else ""


def region_name(report: Report, found: Benchmark) -> str:
    """Our region's name as the comparison file has it (its id when it has none)."""
    rows = report.dataset.comparisons
    names = rows.loc[rows["omrade_id"] == found.region, "omrade"]
    names = names[names != ""]
    return str(names.iloc[0]) if len(names) else found.region


def about_signals(report: Report) -> str:
    """The SPC variant, and where the comparisons came from (file, SHA-256, fetch time)."""
    parts = [f"<h3>{esc(text.ABOUT_SIGNALS_HEADING)}</h3>", f"<p>{esc(text.ABOUT_SPC)}</p>"]
    sources = report.dataset.sources
    source = next((s for s in sources if s.name.lower().startswith(COMPARISON_FILE)), None)
    if source is None and len(sources) == 1:  # a workbook: its sheet jamforelser
        source = sources[0]
    if source is None or report.dataset.comparisons.empty:
        parts.append(f"<p>{esc(text.ABOUT_NO_COMPARISONS)}</p>")
        return "".join(parts)
    times = sorted(t for t in report.dataset.comparisons["hamtad"] if t)
    about = text.ABOUT_COMPARISONS.format(
        file=source.name, sha=source.sha256, fetched=times[-1] if times else "–"
    )
    parts.append(f"<p>{esc(about)}</p>")
    return "".join(parts)
