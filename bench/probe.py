"""One scale measurement, run by bench/run.py in a fresh process per repetition.

`python bench/probe.py DATA [--profile FILE]` loads and validates DATA (`check_dataset`), then
computes the latest period's fulfilment, statuses and roll-ups as the report does, and prints
one JSON object: wall times and peak memory (VmHWM) after each of the two steps. A fresh
process per repetition means no cache and no memory left over from an earlier repetition.
With --profile it also writes a cProfile excerpt of both steps to FILE (times are then slower).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hsn_analysis.problems import errors, warnings
from hsn_analysis.reading.period_choice import latest_period
from hsn_analysis.reading.validation import check_dataset

# Imported before any clock starts: import time is not load time.
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.rollup import count_statuses, goal_rollup
from hsn_analysis.rules.subgoals import subgoal_results

PROFILE_LINES = 20


def peak_bytes() -> int:
    """This process's own peak resident memory so far, in bytes.

    Linux keeps `ru_maxrss` across fork and exec, so a probe started by a bench that has just
    generated the synthetic data reported the parent's peak (0,95 GB against 0,42 GB in a fresh
    shell). `VmHWM` in /proc/self/status belongs to the address space that exec created: the
    probe's own peak, whoever started it. Elsewhere, ru_maxrss is the best there is.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024  # the kernel writes kB = KiB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class _Clock:
    """Times named steps, optionally under one shared cProfile."""

    def __init__(self, profile: cProfile.Profile | None) -> None:
        self.profile = profile
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str, step: Callable[[], Any]) -> Any:
        if self.profile:
            self.profile.enable()
        started = time.perf_counter()
        result = step()
        self.seconds[name] = time.perf_counter() - started
        if self.profile:
            self.profile.disable()
        return result


def measure(data: Path, profile_to: Path | None = None) -> dict[str, Any]:
    """Load+validate, then compute; the figures bench/run.py prints."""
    load_profile = cProfile.Profile() if profile_to else None
    compute_profile = cProfile.Profile() if profile_to else None
    record: dict[str, Any] = {"peak_bytes_start": peak_bytes()}
    load = _Clock(load_profile)
    result = load("check_dataset", lambda: check_dataset(data))
    record |= {
        "load_seconds": load.seconds["check_dataset"],
        "peak_bytes_load": peak_bytes(),
        "errors": len(errors(result.problems)),
        "warnings": len(warnings(result.problems)),
        "first_errors": [str(p) for p in errors(result.problems)[:5]],
    }
    if result.dataset is None:
        return record
    dataset = result.dataset
    period = latest_period(dataset)  # choosing the period is not part of the computation
    compute = _Clock(compute_profile)
    subgoals = compute("subgoal_results", lambda: subgoal_results(dataset, period))
    indicators = compute("indicator_results", lambda: indicator_results(dataset, period))
    compute("goal_rollup", lambda: goal_rollup(dataset, subgoals))
    compute("count_statuses", lambda: count_statuses(subgoals["status"]))
    record |= {
        "period": period.code,
        "rows": {
            "indikatorer": len(dataset.indicators),
            "delmal": len(dataset.subgoals),
            "utfall": len(dataset.outcomes),
            "bedomningar": len(dataset.assessments),
            "resultatrader": len(indicators),
        },
        "compute_seconds": sum(compute.seconds.values()),
        "compute_steps": compute.seconds,
        "peak_bytes_compute": peak_bytes(),
    }
    if profile_to:
        parts = [("inläsning och validering", load_profile), ("beräkning", compute_profile)]
        profile_to.write_text("\n".join(_excerpt(t, p) for t, p in parts), encoding="utf-8")
    return record


def _excerpt(title: str, profile: cProfile.Profile | None) -> str:
    """The top functions by own time and by cumulative time."""
    out = io.StringIO()
    for key in ("tottime", "cumulative"):
        out.write(f"=== {title}, sorterat på {key} ===\n")
        stats = pstats.Stats(profile, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(PROFILE_LINES)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--profile", type=Path, help="write a cProfile excerpt to this file")
    args = parser.parse_args(argv)
    record = measure(args.data, args.profile)
    print(json.dumps(record))
    return 0 if record["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
