"""`python bench/signals.py`: what the SPC and comparison blocks cost the report's goal sections.

The example's 2025-T2 goal sections are built in one process, alternating: without the new
blocks, with them and two shared renderers (as before the blocks came), and with them and four
(one per chart size). Each line gives the fastest of the repetitions and its ratio to the
sections without the blocks. A measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hsn_analysis.report import goals, markup  # noqa: E402
from hsn_analysis.report import sections as report  # noqa: E402


def measure(repeats: int) -> dict[str, list[float]]:
    """Seconds of each variant per repetition, the variants alternating within a repetition."""
    built = report.prepare("2025-T2")
    raw, real = markup._renderer.__wrapped__, goals.signal_blocks
    variants = {
        "utan nya block": (4, lambda _report, _indicator: ""),
        "med block, 2 renderare": (2, real),
        "med block, 4 renderare": (4, real),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for _ in range(repeats):
            for name, (renderers, blocks) in variants.items():
                markup._renderer = functools.lru_cache(maxsize=renderers)(raw)
                goals.signal_blocks = blocks
                start = time.perf_counter()
                report.goal_sections(built)
                times[name].append(time.perf_counter() - start)
    finally:
        markup._renderer, goals.signal_blocks = functools.lru_cache(maxsize=4)(raw), real
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/signals.py", description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=4)
    args = parser.parse_args(argv)
    times = measure(args.repeats)
    base = min(times["utan nya block"])
    for name, seconds in times.items():
        best = min(seconds)
        print(f"{name:<24} {best:6.2f} s  {best / base:5.2f} ×".replace(".", ","))
    return 0


if __name__ == "__main__":
    sys.exit(main())
