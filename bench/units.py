"""Part 6 of the benchmark: every basenhet's report of 2025-T2 with --jobs 2, against one unit
report run alone, side by side. Target: the amortised time per report of the batch at most
0,25 × the time of one unit report alone."""

from __future__ import annotations

from pathlib import Path

from bench.commands import BIN, PERIOD
from bench.measure import run_commands
from bench.parts import HEADERS, Section, _cells, _times, failure, progress, shown
from bench.stats import pair_ratios, spread
from bench.text import heading, number, table, verdict

RATIO_TARGET = 0.25  # amortised batch time per report / one unit report alone
ONE_UNIT = "PV01"


def unit_command(out: Path, unit: str, jobs: int = 1) -> list[str]:
    """The unit reports of the example data: one unit, or `alla`."""
    command = [str(BIN / "hsn-report"), "run", "--period", PERIOD, "--enhet", unit]
    return [*command, "--jobs", str(jobs), "--out", str(out)]


def _reports(out: Path) -> int:
    return len(list((out / PERIOD / "enheter").glob(f"*/uppfoljning-{PERIOD}-*.html")))


def units(runs: int, work: Path) -> Section:
    """`runs` pairs of (one unit alone, every unit with --jobs 2), after one warm-up run."""
    lines = heading(
        f"6. Enhetsrapporter {PERIOD}: en enhet ensam och alla enheter med --jobs 2 i följd, "
        f"{_times(runs)} av varje; en körning som uppvärmning räknas inte"
    )
    failures: list[str] = []
    progress("enhetsrapporter uppvärmning")
    warm_up = run_commands([unit_command(work / "enhet-uppvarmning", ONE_UNIT)], cwd=work)
    if not warm_up.ok:
        failures.append(failure("enhetsrapport uppvärmning", warm_up, work))
        return Section(lines, {}, failures)
    alone: list[float] = []
    batch: list[float] = []
    per_report: list[float] = []
    count = 0
    for i in range(runs):
        progress(f"en enhet {i + 1}/{runs}")
        single = run_commands([unit_command(work / f"enhet-en-{i}", ONE_UNIT)], cwd=work)
        progress(f"alla enheter --jobs 2 {i + 1}/{runs}")
        out = work / f"enhet-alla-{i}"
        every = run_commands([unit_command(out, "alla", jobs=2)], cwd=work)
        if i == 0:
            lines.append(f"  kommandon: {shown(single.commands[0], work)}")
            lines.append(f"             {shown(every.commands[0], work)}")
        for label, run in (("en enhet", single), ("alla enheter", every)):
            if not run.ok:
                failures.append(failure(label, run, work))
        if failures:
            return Section(lines, {"ensam": alone, "alla": batch}, failures)
        count = _reports(out)
        alone.append(single.seconds)
        batch.append(every.seconds)
        per_report.append(every.seconds / count)
    ratios = pair_ratios(per_report, alone)
    rows = [
        (f"en enhetsrapport ensam ({ONE_UNIT})", *_cells(alone), ""),
        (f"alla {count} enhetsrapporter, --jobs 2", *_cells(batch), ""),
        ("  per rapport (amorterat)", *_cells(per_report), ""),
        (
            "kvot amorterad / ensam (median av kvoterna per par)",
            *_cells(ratios, "", decimals=3),
            verdict(spread(ratios).median <= RATIO_TARGET, f"≤ {number(RATIO_TARGET, 2)}"),
        ),
    ]
    lines += ["", *table(HEADERS, rows)]
    raw = {"ensam": alone, "alla": batch, "per_rapport": per_report, "kvot": ratios, "n": count}
    return Section(lines, raw, failures)
