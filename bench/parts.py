"""The parts of the benchmark. Each returns a Section: the lines to print, the raw figures for
--json, and a description of every measured command that failed."""

from __future__ import annotations

import json
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import commands, synthetic
from bench.measure import Run, run_commands
from bench.stats import pair_ratios, spread
from bench.text import figure, heading, number, table, verdict

ROOT = Path(__file__).resolve().parent.parent
# report / floor, the report run writing its PDF/A too: ≤ 0,85 since the PDF is typeset by Typst
# while the kernel runs (≤ 1,2 with WeasyPrint laying the page out after it; ≤ 0,75 before it).
RATIO_TARGET = 0.85
LOAD_TARGET_S = 10.0
COMPUTE_TARGET_S = 3.0
PEAK_TARGET_BYTES = 1.5e9  # GB = 10⁹ byte
SPEEDUP_TARGET = 1.8  # batch, jobs 1 / jobs 2
BATCH_PERIODS = [f"{year}-T{tertial}" for year in (2024, 2025) for tertial in (1, 2, 3)]
HEADERS = ("mätning", "median", "min–max", "n", "")


@dataclass
class Section:
    lines: list[str]
    raw: dict[str, Any]
    failures: list[str] = field(default_factory=list)


def progress(message: str) -> None:
    """Progress goes to stderr, so that stdout holds only the tables."""
    print(f"  … {message}", file=sys.stderr, flush=True)


def shown(command: list[str], work: Path) -> str:
    """A command line as it ran, with the temporary folder as $TMP and project paths relative."""
    return shlex.join(command).replace(str(work), "$TMP").replace(f"{ROOT}/", "")


def failure(label: str, run: Run, work: Path) -> str:
    """A failed command: what ran, its exit code and the tail of its stderr."""
    tail = "\n".join(f"      {line}" for line in run.stderr_tail.splitlines())
    return f"{label}: exit {run.returncode}: {shown(run.last_command, work)}\n{tail}"


# --- 1–3: the naive pipeline (floor) and the report, alternating ---------------------------


def _floor(work: Path, i: int) -> tuple[Run, Path]:
    """One naive pipeline run and the HTML file it must leave."""
    folder = work / f"golv-{i}"
    folder.mkdir()
    commands.write_floor_notebook(folder / "in.ipynb")
    return run_commands(commands.floor_commands(folder), cwd=folder), folder / "out.html"


def _report(work: Path, i: int) -> tuple[Run, Path]:
    """One report run and the HTML file it must leave."""
    out = work / f"rapport-{i}"
    html = out / commands.PERIOD / f"uppfoljning-{commands.PERIOD}.html"
    return run_commands([commands.report_command(out)], cwd=work), html


def floor_and_report(kinds: list[str], pairs: int, work: Path) -> Section:
    """`pairs` alternating runs of each kind, after one warm-up pair that is not counted."""
    labels = {"floor": "golv", "report": "rapport"}
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    floor_steps: list[list[float]] = []
    shown_commands: dict[str, list[str]] = {}
    failures: list[str] = []
    active = list(kinds)
    for i in range(pairs + 1):  # 0 is the warm-up
        for kind in list(active):
            progress(f"{labels[kind]} {'uppvärmning' if i == 0 else f'{i}/{pairs}'}")
            run, html = _floor(work, i) if kind == "floor" else _report(work, i)
            shown_commands.setdefault(kind, [shown(c, work) for c in run.commands])
            problem = None if run.ok else failure(labels[kind], run, work)
            if run.ok and not html.exists():
                problem = f"{labels[kind]}: exit 0 men ingen {shown([str(html)], work)}"
            if problem:
                failures.append(problem)
                active.remove(kind)  # a failing command would only fail again
            elif i > 0:
                times[kind].append(run.seconds)
                if kind == "floor":
                    floor_steps.append(run.step_seconds)

    if len(kinds) == 2:
        title = f"1–3. Golv och rapport: {pairs} par i följd (golv, rapport, golv, rapport, …); "
        title += "ett första par som uppvärmning räknas inte"
    else:
        title = f"1–3. {labels[kinds[0]].capitalize()}: {_times(pairs)}; "
        title += "en första körning som uppvärmning räknas inte"
    lines = heading(title)
    for kind in kinds:
        for n, command in enumerate(shown_commands.get(kind, [])):
            lines.append(f"  {(labels[kind] + ':') if n == 0 else '':9}{command}")
    rows: list[tuple[str, ...]] = []
    if times.get("floor"):
        rows.append(("golv (papermill-CLI + nbconvert-CLI)", *_cells(times["floor"]), ""))
        for step, name in enumerate(("papermill", "jupyter nbconvert")):
            rows.append((f"  varav {name}", *_cells([s[step] for s in floor_steps]), ""))
    if times.get("report"):
        rows.append(("rapport (hsn-report run)", *_cells(times["report"]), ""))
    ratios: list[float] = []
    if len(times.get("floor", [])) == len(times.get("report", [])) == pairs:
        ratios = pair_ratios(times["report"], times["floor"])
        ratio = spread(ratios)
        met = verdict(ratio.median <= RATIO_TARGET, f"≤ {number(RATIO_TARGET)}")
        rows.append(("kvot rapport/golv (median av kvoterna per par)", *_cells(ratios, ""), met))
    if rows:
        lines += ["", *table(HEADERS, rows)]
    raw = {"sekunder": times, "golv_steg_sekunder": floor_steps, "kvoter_rapport_golv": ratios}
    return Section(lines, raw, failures)


def _cells(values: list[float], unit: str = "s", decimals: int = 2) -> tuple[str, str, str]:
    return (*figure(spread(values), unit, decimals), str(len(values)))


def _int(value: int) -> str:
    return number(value, 0)


def _times(n: int) -> str:
    return "1 körning" if n == 1 else f"{n} körningar"


# --- 4: the library at scale ---------------------------------------------------------------


def scale(repetitions: int, fraction: float, cache: Path, work: Path, profile: bool) -> Section:
    """Load+validate and compute on the synthetic dataset, each repetition a fresh process."""
    progress(f"syntetiska data, skala {fraction:g} (skapas om de inte finns i {cache})")
    data = synthetic.cached(cache, fraction)
    size = data.sizes
    made = "återanvänd från cachen, skapades" if data.reused else "skapad nu"
    lines = heading(f"4. Biblioteket i stor skala: {_times(repetitions)}, en ny process var")
    lines += [
        f"  data: {size.goals} mål, {_int(size.subgoals)} delmål, {_int(size.indicators)} "
        f"indikatorer ({_int(size.full_year)} helår), {size.periods} perioder "
        f"{synthetic.PERIODS[0]} … {synthetic.PERIODS[-1]},",
        f"        {_int(size.outcome_rows)} utfallsrader ({_int(size.missing)} avsiktligt "
        f"saknade), {_int(size.assessment_rows)} bedömningar",
        f"        {number(data.bytes / 1e6, 1)} MB på disk i {shown([str(data.folder)], work)}; "
        f"{made} på {number(data.seconds, 1)} s (generatorversion {synthetic.VERSION})",
    ]
    records: list[dict[str, Any]] = []
    failures: list[str] = []
    command = commands.probe_command(data.folder)
    lines.append(f"  kommando: {shown(command, work)}")
    for i in range(repetitions):
        progress(f"skala {i + 1}/{repetitions}")
        run = run_commands([command], cwd=work)
        record = _json(run.stdout)
        if not run.ok or record is None:
            errors = "\n".join(f"      {e}" for e in (record or {}).get("first_errors", []))
            failures.append(failure("skala", run, work) + (f"\n{errors}" if errors else ""))
            break
        records.append(record)
    if records:
        lines += ["", *table(HEADERS, _scale_rows(records, at_full_size=fraction == 1))]
        last = records[-1]
        lines.append(
            f"  period {last['period']}; {_int(last['rows']['resultatrader'])} resultatrader; "
            f"validering: {last['errors']} fel, {_int(last['warnings'])} varningar "
            "(de avsiktligt saknade utfallen)."
        )
        peak = spread([r["peak_bytes_compute"] for r in records]).median
        lines.append(
            f"  Minne: processens egen topp (VmHWM); GB = 10⁹ byte (topp {number(peak / 1e9)} GB "
            f"= {number(peak / 2**30)} GiB). Målen bedöms på medianen."
        )
        if fraction != 1:
            lines.append("  Målen gäller full storlek (--scale 1).")
    if profile and records:
        lines += _profile(data.folder, work, failures)
    raw = {
        "skala": fraction,
        "storlek": {**vars(size), "utfallsrader": size.outcome_rows},
        "disk_bytes": data.bytes,
        "generering_sekunder": data.seconds,
        "ateranvand": data.reused,
        "korningar": records,
    }
    return Section(lines, raw, failures)


def _json(text: str) -> dict[str, Any] | None:
    try:
        return json.loads(text.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return None


def _scale_rows(records: list[dict[str, Any]], at_full_size: bool) -> list[tuple[str, ...]]:
    def judged(met: bool, target: str) -> str:
        return verdict(met, target) if at_full_size else ""

    def column(key: str) -> list[float]:
        return [r[key] for r in records]

    load, compute = spread(column("load_seconds")), spread(column("compute_seconds"))
    peak = spread([r["peak_bytes_compute"] / 1e9 for r in records])
    rows = [
        (
            "inläsning + validering (check_dataset)",
            *_cells(column("load_seconds")),
            judged(load.median <= LOAD_TARGET_S, f"≤ {number(LOAD_TARGET_S, 0)} s"),
        ),
        (
            "topp-minne efter inläsning",
            *_cells([r["peak_bytes_load"] / 1e9 for r in records], "GB"),
            "",
        ),
        (
            "beräkning (de fyra nedan)",
            *_cells(column("compute_seconds")),
            judged(compute.median <= COMPUTE_TARGET_S, f"≤ {number(COMPUTE_TARGET_S, 0)} s"),
        ),
    ]
    for step in records[0]["compute_steps"]:
        values = [r["compute_steps"][step] for r in records]
        rows.append((f"  varav {step}", *_cells(values, decimals=3), ""))
    rows.append(
        (
            "topp-minne efter beräkning",
            *_cells([r["peak_bytes_compute"] / 1e9 for r in records], "GB"),
            judged(
                peak.median * 1e9 <= PEAK_TARGET_BYTES, f"≤ {number(PEAK_TARGET_BYTES / 1e9, 1)} GB"
            ),
        )
    )
    return rows


def _profile(data: Path, work: Path, failures: list[str]) -> list[str]:
    """One more, profiled run (cProfile slows it down, so its times are not counted)."""
    progress("skala med cProfile")
    out = work / "profil.txt"
    run = run_commands([commands.probe_command(data, out)], cwd=work)
    if not run.ok or not out.exists():
        failures.append(failure("skala med profil", run, work))
        return []
    lines = heading("4b. Profil (cProfile, en extra körning; tiderna är längre än utan profil)")
    return lines + [f"  {line}".rstrip() for line in out.read_text(encoding="utf-8").splitlines()]


# --- 5: batch runs -------------------------------------------------------------------------


def batch(runs: int, work: Path) -> Section:
    """The six tertials with --jobs 1 and --jobs 2, alternating, after one warm-up report."""
    lines = heading(
        f"5. Batch: {len(BATCH_PERIODS)} tertialer, --jobs 1 och --jobs 2 i följd, "
        f"{_times(runs)} av varje; en rapportkörning som uppvärmning räknas inte"
    )
    failures: list[str] = []
    progress("batch uppvärmning")
    warm_up = run_commands([commands.report_command(work / "batch-uppvarmning")], cwd=work)
    if not warm_up.ok:
        failures.append(failure("batch uppvärmning", warm_up, work))
    times: dict[int, list[float]] = {1: [], 2: []}
    for i in range(runs):
        for jobs in (1, 2):
            progress(f"batch --jobs {jobs} {i + 1}/{runs}")
            out = work / f"batch-j{jobs}-{i}"
            run = run_commands([commands.batch_command(out, jobs)], cwd=work)
            if i == 0 and jobs == 1:
                lines.append(f"  kommando: {shown(run.commands[0], work)}")
            problem = None if run.ok else failure(f"batch --jobs {jobs}", run, work)
            missing = [p for p in BATCH_PERIODS if not (out / p / f"uppfoljning-{p}.html").exists()]
            if run.ok and missing:
                problem = f"batch --jobs {jobs}: exit 0 men ingen rapport för {', '.join(missing)}"
            if problem:
                failures.append(problem)
                return Section(lines, {"sekunder": times}, failures)  # would fail again
            times[jobs].append(run.seconds)
    speedups = pair_ratios(times[1], times[2])
    gain = spread(speedups)
    rows = [
        ("--jobs 1", *_cells(times[1]), ""),
        ("--jobs 2", *_cells(times[2]), ""),
        (
            "uppsnabbning jobs1/jobs2 (median av kvoterna per par)",
            *_cells(speedups, "×"),
            verdict(gain.median >= SPEEDUP_TARGET, f"≥ {number(SPEEDUP_TARGET, 1)}×"),
        ),
    ]
    lines += ["", *table(HEADERS, rows)]
    return Section(lines, {"sekunder": times, "uppsnabbning": speedups}, failures)
