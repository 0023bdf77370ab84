"""The analyst's tables: rule results in the words and rounded figures the report shows.

Each function takes a frame from `rules` and returns a new display frame; the codes stay in
their own columns (`status_kod`, the ids) so that an analyst can still filter on them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from hsn_analysis.periods import Period
from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.signals import Signal
from hsn_analysis.vocabulary import Change, IndicatorStatus, SubgoalStatus, TargetType
from hsn_analysis.words import analyst_text as text
from hsn_analysis.words import labels, report_text, signals_text, unit_text
from hsn_analysis.words.formatting import format_number, format_percent
from hsn_analysis.words.signals_json import assurance_reason, no_signal_reason

_TREND = (TargetType.INCREASE, TargetType.DECREASE)


def subgoal_status_word(code: str) -> str:
    """`gron` → `● Kommer att uppnås`: the symbol and the word of the report."""
    return f"{labels.STATUS_SYMBOL[code]} {labels.SUBGOAL_STATUS_LABEL[SubgoalStatus(code)]}"


def indicator_status_word(code: str, kind: str) -> str:
    """The report's words for an indicator status; öka/minska say which way the value moved."""
    return f"{labels.STATUS_SYMBOL[code]} {labels.indicator_status_text(code, kind)}"


def _value_text(row: pd.Series) -> str:
    if row["status"] == IndicatorStatus.NOT_DUE:
        if pd.isna(row["senaste_helar_varde"]):
            return report_text.FULL_YEAR_NONE
        return report_text.FULL_YEAR_LATEST.format(
            year=int(row["senaste_helar_ar"]), value=format_number(row["senaste_helar_varde"])
        )
    return format_number(row["varde"]) or "–"


def _target_text(row: pd.Series) -> str:
    if row["maltyp"] in _TREND:
        compared = format_number(row["jamforelsevarde"])
        return report_text.COMPARISON[row["maltyp"]].format(value=compared) if compared else "–"
    return format_number(row["malvarde"]) or "–"


def _date_text(value: object) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def subgoal_table(subgoals: pd.DataFrame) -> pd.DataFrame:
    """One row per delmål: status and change in words, the assessment text, author and date."""
    return pd.DataFrame(
        {
            "mal_id": subgoals["mal_id"].to_numpy(),
            "delmal_id": subgoals["delmal_id"].to_numpy(),
            text.SUBGOAL: subgoals["namn"].to_numpy(),
            text.STATUS: [subgoal_status_word(s) for s in subgoals["status"]],
            text.CHANGE: [labels.CHANGE_LABEL[Change(c)] for c in subgoals["forandring"]],
            text.ASSESSMENT: subgoals["kommentar"].to_numpy(),
            text.AUTHOR: subgoals["forfattare"].to_numpy(),
            text.DATE: [_date_text(d) for d in subgoals["datum"]],
            "status_kod": subgoals["status"].to_numpy(),
            "forandring_kod": subgoals["forandring"].to_numpy(),
        }
    )


def indicator_table(indicators: pd.DataFrame, *, with_period: bool = False) -> pd.DataFrame:
    """One row per indicator row of `indicator_results`: status, utfall, målvärde (or what an
    öka/minska indicator is compared with) and måluppfyllelse as the report shows them."""
    rows = [row for _, row in indicators.iterrows()]
    columns: dict[str, object] = {}
    if with_period:
        columns[text.PERIOD] = [Period.parse(r["period"]).short_label for r in rows]
    else:
        columns["delmal_id"] = indicators["delmal_id"].to_numpy()
        columns["indikator_id"] = indicators["indikator_id"].to_numpy()
        columns[text.INDICATOR] = indicators["namn"].to_numpy()
    columns |= {
        text.STATUS: [indicator_status_word(r["status"], r["maltyp"]) for r in rows],
        text.VALUE: [_value_text(r) for r in rows],
        text.TARGET: [_target_text(r) for r in rows],
        text.FULFILMENT: [format_percent(r["uppfyllelse"]) or "–" for r in rows],
        text.UNIT: indicators["enhet"].to_numpy(),
        "status_kod": indicators["status"].to_numpy(),
    }
    if with_period:
        columns["period"] = indicators["period"].to_numpy()
    return pd.DataFrame(columns)


def goal_table(goals: pd.DataFrame) -> pd.DataFrame:
    """One row per mål: its rolled-up status and how many delmål have each status."""
    short = labels.SHORT_STATUS
    return pd.DataFrame(
        {
            "mal_id": goals["mal_id"].to_numpy(),
            text.GOAL: goals["namn"].to_numpy(),
            text.STATUS: [subgoal_status_word(s) for s in goals["status"]],
            text.COUNT: goals["antal"].to_numpy(),
            short["gron"]: goals["gron"].to_numpy(),
            short["gul"]: goals["gul"].to_numpy(),
            short["rod"]: goals["rod"].to_numpy(),
            short["ej_bedomd"]: goals["ej_bedomd"].to_numpy(),
            "status_kod": goals["status"].to_numpy(),
        }
    )


def period_comparison_table(changes: pd.DataFrame, earlier: Period, later: Period) -> pd.DataFrame:
    """Each delmål's status in two periods side by side, with the change in words."""
    return pd.DataFrame(
        {
            "mal_id": changes["mal_id"].to_numpy(),
            "delmal_id": changes["delmal_id"].to_numpy(),
            text.SUBGOAL: changes["namn"].to_numpy(),
            earlier.short_label: [subgoal_status_word(s) for s in changes["status_fore"]],
            later.short_label: [subgoal_status_word(s) for s in changes["status_efter"]],
            text.CHANGE: [labels.CHANGE_LABEL[Change(c)] for c in changes["forandring"]],
            "forandring_kod": changes["forandring"].to_numpy(),
        }
    )


def value_comparison_table(values: pd.DataFrame, earlier: Period, later: Period) -> pd.DataFrame:
    """Each indicator's value in two periods and the change, rounded as the report rounds."""
    return pd.DataFrame(
        {
            "delmal_id": values["delmal_id"].to_numpy(),
            "indikator_id": values["indikator_id"].to_numpy(),
            text.INDICATOR: values["namn"].to_numpy(),
            earlier.short_label: [format_number(v) or "–" for v in values["varde_fore"]],
            later.short_label: [format_number(v) or "–" for v in values["varde_efter"]],
            text.CHANGE: [format_number(v) or "–" for v in values["forandring"]],
            text.UNIT: values["enhet"].to_numpy(),
        }
    )


def deviation_table(deviations: pd.DataFrame) -> pd.DataFrame:
    """Delmål whose assessment and indicators point opposite ways, in the report's words."""
    return pd.DataFrame(
        {
            "mal_id": deviations["mal_id"].to_numpy(),
            "delmal_id": deviations["delmal_id"].to_numpy(),
            text.SUBGOAL: deviations["namn"].to_numpy(),
            text.STATUS: [subgoal_status_word(s) for s in deviations["status"]],
            text.DEVIATION: [labels.DEVIATION_LABEL[d] for d in deviations["avvikelse"]],
            text.INDICATORS: [", ".join(ids) for ids in deviations["indikatorer"]],
            "avvikelse_kod": deviations["avvikelse"].to_numpy(),
        }
    )


def signal_table(
    indicators: pd.DataFrame,
    signals: Mapping[str, Signal],
    benchmarks: Mapping[str, Benchmark | None],
) -> pd.DataFrame:
    """Per indicator of the period: what its signal rests on, its SPC icons (from 12 points)
    or why there are none, why an assurance cannot be read, where the latest special cause
    began (a suggested `spc_fran`, for the analyst to judge) and its rank among the regions,
    in the words of the report's overview. `indicators` are the period's rows."""
    rows = []
    for row in indicators.itertuples(index=False):
        signal, compared = signals.get(row.indikator_id), benchmarks.get(row.indikator_id)
        found = None if signal is None else signal.result
        variation = "" if found is None else signals_text.VARIATION_LABELS[found.variation][1]
        if found is None:
            variation = (no_signal_reason(signal) if signal else "") or signals_text.SHORT_SERIES
        assurance = ""
        if found is not None and found.assurance is not None:
            assurance = signals_text.ASSURANCE_LABELS[found.assurance][1]
        rank = ""
        if compared is not None and compared.rank is not None:
            rank = signals_text.RANK_TEXT.format(rank=compared.rank, count=compared.count)
        rows.append(
            {
                "indikator_id": row.indikator_id,
                text.INDICATOR: row.namn,
                text.SPC_BASIS: "" if signal is None else signal.basis.value,
                text.SPC_POINTS: "" if found is None else str(found.count),
                text.VARIATION: variation,
                text.ASSURANCE: assurance,
                text.ASSURANCE_REASON: (assurance_reason(signal) if signal else None) or "",
                text.SUGGESTED_START: "" if found is None else found.suggested_start or "",
                text.BENCHMARK_YEAR: "" if compared is None else str(compared.year),
                text.RANK: rank,
                "variation_kod": "" if found is None else found.variation.value,
            }
        )
    columns = ["indikator_id", text.INDICATOR, text.SPC_BASIS, text.SPC_POINTS, text.VARIATION]
    columns += [text.ASSURANCE, text.ASSURANCE_REASON, text.SUGGESTED_START]
    columns += [text.BENCHMARK_YEAR, text.RANK, "variation_kod"]
    return pd.DataFrame(rows, columns=columns)


def unit_matrix_table(matrix: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Units × delmål: each unit's own status in the report's short words, by område."""
    named = units.set_index("enhet_id")
    frame = pd.DataFrame(
        {
            "enhet_id": matrix.index.to_numpy(),
            text.UNIT_NAME: [named.at[u, "namn"] for u in matrix.index],
            text.AREA: [named.at[u, "omrade"] for u in matrix.index],
        }
    )
    for subgoal in matrix.columns:
        frame[subgoal] = [
            f"{unit_text.UNIT_SYMBOL[s]} {unit_text.SHORT_UNIT_STATUS[s]}" for s in matrix[subgoal]
        ]
    return frame
