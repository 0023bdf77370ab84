"""A synthetic plan at a large region's scale, written as the CSV folder the loader reads.

Full size: 40 mål, 10 000 delmål, 150 000 indicators, outcomes for the 15 tertials 2021-T1 …
2025-T3 (≈ 2,2 million rows) and one assessment per delmål and tertial. Everything is drawn with
vectorised numpy/pandas from a fixed seed, so one size always gives the same files and the full
size takes seconds. The data is valid: `check_dataset` finds no errors, only a
warning per deliberately missing outcome.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bench.words import (
    AUTHORS,
    CHANGES,
    GOAL_THEMES,
    JUDGEMENTS,
    OUTCOME_COMMENTS,
    PLACES,
    REASONS,
    SETTINGS,
    STATUS_WORDS,
    SUBJECTS,
    TOPICS,
)

# Bump when the generated data changes: cached datasets of other versions are regenerated.
VERSION = 1
SEED = 20_250_531

GOALS, SUBGOALS, INDICATORS = 40, 10_000, 150_000
YEARS = tuple(range(2021, 2026))
PERIODS = tuple(f"{year}-T{tertial}" for year in YEARS for tertial in (1, 2, 3))
FULL_YEAR_SHARE = 0.02  # helår indicators: values at T3 only
MISSING_SHARE = 0.0005  # outcome rows left out (each gives the validator's "utfall saknas" warning)
MARKER = "klar.json"  # written last: a folder without it is an interrupted generation

KINDS = np.array(["minst", "högst", "öka", "minska", "ingen"], dtype=object)
KIND_SHARES = [0.45, 0.25, 0.11, 0.11, 0.08]
MINST, HOGST, OKA, MINSKA, INGEN = range(5)
UNITS = np.array(["%", "antal", "dagar", "timmar"], dtype=object)
PERCENT, COUNT, DAYS, HOURS = range(4)
# Per maltyp (rows, in KINDS order) the shares of each unit (columns, in UNITS order).
UNIT_SHARES = np.array(
    [
        [0.75, 0.25, 0.00, 0.00],
        [0.30, 0.20, 0.30, 0.20],
        [0.40, 0.60, 0.00, 0.00],
        [0.40, 0.60, 0.00, 0.00],
        [0.30, 0.70, 0.00, 0.00],
    ]
)
DECIMALS = np.array([1, 0, 0, 1])  # per unit, as the values are written

MEASURES = {
    PERCENT: "Andel",
    COUNT: "Antal",
    DAYS: "Väntetid i dagar för",
    HOURS: "Tid i timmar för",
}


@dataclass(frozen=True)
class Sizes:
    """How many of each the generator makes at one scale."""

    goals: int
    subgoals: int
    indicators: int
    full_year: int  # helår indicators
    missing: int  # outcome rows left out

    @property
    def periods(self) -> int:
        return len(PERIODS)

    @property
    def outcome_rows(self) -> int:
        per_tertial = (self.indicators - self.full_year) * len(PERIODS)
        return per_tertial + self.full_year * len(YEARS) - self.missing

    @property
    def assessment_rows(self) -> int:
        return self.subgoals * len(PERIODS)


def sizes(scale: float = 1.0) -> Sizes:
    """The sizes at `scale` (1.0 = full size, 0.01 → 1 500 indicators and 100 delmål)."""
    indicators = max(1, round(INDICATORS * scale))
    subgoals = min(indicators, max(1, round(SUBGOALS * scale)))
    goals = min(GOALS, max(1, subgoals // 5))  # small scales keep a few delmål per mål
    full_year = round(indicators * FULL_YEAR_SHARE)
    due = (indicators - full_year) * len(PERIODS) + full_year * len(YEARS)
    return Sizes(goals, subgoals, indicators, full_year, round(due * MISSING_SHARE))


@dataclass(frozen=True)
class Cached:
    """A generated dataset folder and how it was made."""

    folder: Path
    sizes: Sizes
    seconds: float  # generation time (when it was generated, also if reused now)
    bytes: int  # size on disk of the CSV and TOML files
    reused: bool


def cached(root: Path, scale: float = 1.0) -> Cached:
    """The dataset of `scale` under `root`, generated unless this VERSION already made it."""
    folder = root / f"synthetic-v{VERSION}-skala-{scale:g}"
    for stale in root.glob("synthetic-v*"):  # other versions are never read again
        if not stale.name.startswith(f"synthetic-v{VERSION}-"):
            shutil.rmtree(stale)
    marker = folder / MARKER
    if marker.exists():
        record = json.loads(marker.read_text(encoding="utf-8"))
        return Cached(folder, sizes(scale), record["seconds"], _disk_bytes(folder), True)
    partial = root / f".{folder.name}.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    started = time.perf_counter()
    made = generate(partial, scale)
    seconds = time.perf_counter() - started
    record = {"version": VERSION, "scale": scale, "seconds": seconds, **asdict(made)}
    (partial / MARKER).write_text(json.dumps(record, indent=1), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)  # a cache folder with a marker is always complete
    return Cached(folder, made, seconds, _disk_bytes(folder), False)


def _disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.name != MARKER)


def generate(folder: Path, scale: float = 1.0) -> Sizes:
    """Write installningar.toml and the five CSV files of `scale` into `folder`."""
    size = sizes(scale)
    rng = np.random.default_rng(SEED)
    goals, subgoals, plan = _plan(rng, size)
    tables = {
        "mal": goals,
        "delmal": subgoals,
        "indikatorer": plan.indicators,
        "utfall": _outcomes(rng, plan, size),
        "bedomningar": _assessments(rng, subgoals["delmal_id"].to_numpy(), size),
    }
    (folder / "installningar.toml").write_text(SETTINGS, encoding="utf-8")
    for name, table in tables.items():
        # As Swedish Excel saves "CSV UTF-8": `;`, a byte-order mark and CRLF line ends.
        table.to_csv(
            folder / f"{name}.csv",
            sep=";",
            index=False,
            encoding="utf-8-sig",
            lineterminator="\r\n",
        )
    return size


# --- the plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """The indicator table as written, and the per-indicator draws the outcomes follow."""

    indicators: pd.DataFrame
    unit: np.ndarray  # index into UNITS
    full_year: np.ndarray  # bool
    level: np.ndarray  # the value around 2023-T2
    trend: np.ndarray  # relative change per tertial
    target: np.ndarray  # the target that applies now (NaN: maltyp without one)
    target_from: np.ndarray  # first period index whose utfall row names its target; 99: none
    old_target: np.ndarray  # the target before period index `change_at` (NaN: never changed)
    change_at: np.ndarray
    style: np.ndarray  # how numbers are written: PLAIN, GROUPED or WITH_PERCENT


PLAIN, GROUPED, WITH_PERCENT = range(3)


def _plan(rng: np.random.Generator, size: Sizes) -> tuple[pd.DataFrame, pd.DataFrame, _Plan]:
    goal_no = np.arange(1, size.goals + 1)
    themes = np.array(GOAL_THEMES, dtype=object)[(goal_no - 1) % len(GOAL_THEMES)]
    goals = pd.DataFrame({"mal_id": _join("M", goal_no), "namn": themes})

    sub_goal = _spread(rng, size.goals, size.subgoals, shape=2.0)
    sub_key = _join(goal_no[sub_goal], ".", _rank_within(sub_goal))
    subgoals = pd.DataFrame(
        {
            "delmal_id": _join("D", sub_key),
            "mal_id": goals["mal_id"].to_numpy()[sub_goal],
            "namn": _join(
                _pick(rng, SUBJECTS, size.subgoals),
                " ",
                _pick(rng, CHANGES, size.subgoals),
                " ",
                _pick(rng, PLACES, size.subgoals),
            ),
        }
    )

    n = size.indicators
    ind_sub = _spread(rng, size.subgoals, n, shape=1.5)  # from 1 to some 60 per delmål
    kind = rng.choice(len(KINDS), size=n, p=KIND_SHARES)
    unit = (rng.random(n)[:, None] > UNIT_SHARES.cumsum(axis=1)[kind]).sum(axis=1)
    full_year = np.zeros(n, dtype=bool)
    full_year[rng.choice(n, size=size.full_year, replace=False)] = True
    level = np.select(
        [unit == PERCENT, unit == COUNT, unit == DAYS],
        [rng.uniform(20, 95, n), np.exp(rng.normal(np.log(300), 1.2, n)), rng.uniform(5, 120, n)],
        rng.uniform(1, 48, n),
    ).clip(0.5, 50_000)
    target_decimals = np.where(unit == HOURS, 1, 0)

    # A target near today's level: a little above it for minst, around or below it for högst.
    has_goal = (kind == MINST) | (kind == HOGST)
    ratio = np.where(kind == MINST, rng.uniform(1.0, 1.2, n), rng.uniform(0.85, 1.1, n))
    raw = np.where(unit == PERCENT, np.minimum(level * ratio, 100), level * ratio)
    target = np.where(has_goal, _round(raw, target_decimals), np.nan)
    # A few högst counts aim at 0 ("inga vårdskador"); their values are small counts.
    zero = (kind == HOGST) & (unit == COUNT) & (rng.random(n) < 0.05)
    target[zero] = 0.0
    level[zero] = rng.uniform(0.3, 3, zero.sum())
    # Some targets are given only in utfall, from some period on (before it: "målvärde
    # saknas"); others changed over the years, and every utfall row names the one then applying.
    draw = rng.random(n)
    only_in_outcomes = has_goal & ~zero & (draw < 0.08)
    changed = has_goal & ~zero & (draw >= 0.08) & (draw < 0.20)
    target_from = np.select([only_in_outcomes, changed], [rng.integers(0, 7, n), 0], 99)
    change_at = np.where(changed, rng.integers(3, 13, n), 0)
    earlier = np.where(kind == MINST, rng.uniform(0.85, 0.97, n), rng.uniform(1.05, 1.2, n))
    old_target = np.where(changed, _round(target * earlier, target_decimals), np.nan)
    # Whole indicators are written one way, as each unit's own spreadsheet formats its column.
    styled = rng.random(n)
    style = np.select(
        [(unit == COUNT) & (styled < 0.3), (unit == PERCENT) & (styled < 0.05)],
        [GROUPED, WITH_PERCENT],
        PLAIN,
    )

    measures = np.array([MEASURES[u] for u in range(len(UNITS))], dtype=object)
    names = _join(measures[unit], " ", _pick(rng, TOPICS, n), " ", _pick(rng, PLACES, n))
    yellow_from = np.where(rng.random(n) < 0.1, _pick(rng, ["80", "85", "95"], n), "")
    sub_keys = np.asarray(sub_key, dtype=object)
    indicators = pd.DataFrame(
        {
            "indikator_id": _join("I", sub_keys[ind_sub], ".", _rank_within(ind_sub)),
            "delmal_id": subgoals["delmal_id"].to_numpy()[ind_sub],
            "namn": names,
            "maltyp": KINDS[kind],
            "malvarde": _numbers(
                np.where(only_in_outcomes, np.nan, target), target_decimals, style
            ),
            "enhet": UNITS[unit],
            "frekvens": np.where(full_year, "helår", "tertial").astype(object),
            "gul_fran": yellow_from,
        }
    )
    plan = _Plan(
        indicators=indicators,
        unit=unit,
        full_year=full_year,
        level=level,
        trend=rng.normal(0, 0.01, n),
        target=target,
        target_from=target_from,
        old_target=old_target,
        change_at=change_at,
        style=style,
    )
    return goals, subgoals, plan


# --- outcomes and assessments --------------------------------------------------------------


def _outcomes(rng: np.random.Generator, plan: _Plan, size: Sizes) -> pd.DataFrame:
    """One row per indicator and due tertial, in plan order then period order."""
    due = np.ones((size.indicators, len(PERIODS)), dtype=bool)
    due[plan.full_year] = np.arange(len(PERIODS)) % 3 == 2  # helår: T3 only
    ind, per = np.nonzero(due)
    unit = plan.unit[ind]
    centre = per - 7  # 2023-T2, the middle of the history
    value = plan.level[ind] * (1 + plan.trend[ind] * centre) * rng.normal(1, 0.03, len(ind))
    zero_target = plan.target[ind] == 0
    value = np.where(zero_target, rng.poisson(plan.level[ind]), value)
    value = np.where(unit == PERCENT, value.clip(0, 100), value.clip(0, None))
    decimals = DECIMALS[unit]
    value = _round(value, decimals)

    row_target = np.where(per < plan.change_at[ind], plan.old_target[ind], plan.target[ind])
    row_target = np.where(per >= plan.target_from[ind], row_target, np.nan)
    target_decimals = np.where(unit == HOURS, 1, 0)
    comment = np.where(rng.random(len(ind)) < 0.015, _pick(rng, OUTCOME_COMMENTS, len(ind)), "")
    frame = pd.DataFrame(
        {
            "indikator_id": plan.indicators["indikator_id"].to_numpy()[ind],
            "period": np.array(PERIODS, dtype=object)[per],
            "varde": _numbers(value, decimals, plan.style[ind]),
            "malvarde": _numbers(row_target, target_decimals, plan.style[ind]),
            "kommentar": comment,
        }
    )
    # Leave a few rows out, never one carrying a target (an indicator might lose its only one).
    candidates = np.flatnonzero(np.isnan(row_target))
    missing = rng.choice(candidates, size=size.missing, replace=False)
    return frame.drop(index=missing).reset_index(drop=True)


def _assessments(rng: np.random.Generator, subgoal_ids: np.ndarray, size: Sizes) -> pd.DataFrame:
    """Every delmål assessed every tertial; a status mostly keeps to the previous one."""
    n, periods = size.subgoals, len(PERIODS)
    colour = np.empty((n, periods), dtype=np.int64)
    shares = [0.3, 0.45, 0.25]  # grön, gul, röd
    colour[:, 0] = rng.choice(3, size=n, p=shares)
    for p in range(1, periods):
        redraw = rng.random(n) < 0.25
        colour[:, p] = np.where(redraw, rng.choice(3, size=n, p=shares), colour[:, p - 1])
    colour = colour.ravel()  # delmål-major, as the plan is followed up
    rows = len(colour)
    variant = rng.choice(3, size=rows, p=[0.8, 0.17, 0.03])
    words = np.array(STATUS_WORDS, dtype=object)[colour, variant]
    comment = _join(np.array(JUDGEMENTS, dtype=object)[colour], " ", _pick(rng, REASONS, rows))
    comment = np.where(rng.random(rows) < 0.02, "", comment)
    period_end = np.array(
        [f"{y}-{m}" for y in YEARS for m in ("04-30", "08-31", "12-31")], dtype="datetime64[D]"
    )
    dated = period_end[np.tile(np.arange(periods), n)] + rng.integers(7, 45, rows)
    return pd.DataFrame(
        {
            "delmal_id": np.repeat(subgoal_ids, periods),
            "period": np.tile(np.array(PERIODS, dtype=object), n),
            "status": words,
            "kommentar": comment,
            "forfattare": _pick(rng, AUTHORS, rows),
            "datum": np.datetime_as_string(dated, unit="D"),
        }
    )


# --- vectorised helpers --------------------------------------------------------------------


def _join(*parts: object) -> np.ndarray:
    """Element-wise concatenation of texts and numbers (a str repeats) as an object array."""
    joined: pd.Series | None = None
    for part in parts:
        text = part if isinstance(part, str) else pd.Series(np.asarray(part)).astype(str)
        joined = text if joined is None else joined + text
    assert isinstance(joined, pd.Series), "at least one part must be an array"
    return joined.to_numpy(dtype=object)


def _pick(rng: np.random.Generator, pool: list[str], n: int) -> np.ndarray:
    return np.array(pool, dtype=object)[rng.integers(0, len(pool), n)]


def _spread(rng: np.random.Generator, parents: int, children: int, shape: float) -> np.ndarray:
    """The parent of each child, sorted: every parent gets one, the rest unevenly (gamma)."""
    weights = rng.gamma(shape, size=parents)
    extra = rng.choice(parents, size=children - parents, p=weights / weights.sum())
    return np.sort(np.concatenate([np.arange(parents), extra]))


def _rank_within(parent: np.ndarray) -> np.ndarray:
    """1, 2, 3, … within each run of equal values of a sorted array."""
    return np.arange(len(parent)) - np.searchsorted(parent, parent) + 1


def _round(values: np.ndarray, decimals: np.ndarray | int) -> np.ndarray:
    scale = 10.0 ** np.asarray(decimals)
    return np.rint(values * scale) / scale


def _numbers(values: np.ndarray, decimals: np.ndarray, style: np.ndarray) -> np.ndarray:
    """Non-negative numbers with at most one decimal as Swedish Excel writes them: decimal
    comma, "" for NaN, GROUPED with a no-break space between thousands, WITH_PERCENT with " %"."""
    values = np.asarray(values, dtype=float)
    decimals = np.broadcast_to(decimals, values.shape)
    style = np.broadcast_to(style, values.shape)
    missing = np.isnan(values)
    tenths = np.rint(np.where(missing, 0, values) * 10).astype(np.int64)
    whole = tenths // 10
    text = pd.Series(whole).astype(str).to_numpy(dtype=object)
    grouped = (style == GROUPED) & (whole >= 1000)  # values stay below a million
    thousands = pd.Series(whole[grouped] // 1000).astype(str)
    rest = pd.Series(whole[grouped] % 1000).astype(str).str.zfill(3)
    text[grouped] = (thousands + "\u00a0" + rest).to_numpy(dtype=object)
    one = decimals == 1
    text[one] = _join(text[one], ",", tenths[one] % 10)
    percent = style == WITH_PERCENT
    text[percent] = _join(text[percent], " %")
    text[missing] = ""
    return text
