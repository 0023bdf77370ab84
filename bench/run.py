"""`python bench/run.py`: the benchmark, every part measured side by side in one run.

1–3. floor (the naive papermill + nbconvert CLI pipeline on an empty notebook) against the
     report (`hsn-report run`, HTML and PDF/A), alternating, and their ratio (target ≤ 0,85);
4.   the library on a synthetic dataset of 150 000 indicators: load+validate (≤ 10 s),
     compute (≤ 3 s) and peak memory (≤ 1,5 GB), each repetition in a fresh process;
5.   six tertials in one batch with --jobs 1 and --jobs 2 (speed-up ≥ 1,8×);
6.   every basenhet's report of 2025-T2 with --jobs 2 against one unit report alone (amortised
     time per report ≤ 0,25 × one alone).

Tables go to stdout, progress to stderr. The exit code is 1 when a measured command failed
(missed targets are reported, not failures), 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

# `python bench/run.py` puts bench/ on the path, not the project: the package needs the latter.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import parts, units  # noqa: E402
from bench.measure import machine  # noqa: E402
from bench.text import heading, number  # noqa: E402

PARTS = ("floor", "report", "scale", "batch", "units")
CACHE = Path(__file__).resolve().parent / ".cache"


def _parts(text: str) -> list[str]:
    chosen = [p.strip() for p in text.split(",") if p.strip()]
    unknown = sorted(set(chosen) - set(PARTS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"välj bland {','.join(PARTS)}, inte {text!r}")
    return chosen


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("minst 1")
    return value


def _fraction(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError("en andel av full storlek, 0 < F ≤ 1")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("--runs", type=_positive, default=5, help="mätta par golv/rapport (standard 5)")
    add("--batch-runs", type=_positive, default=3, help="körningar per --jobs (standard 3)")
    add("--scale-runs", type=_positive, default=3, help="processer i skaldelen (standard 3)")
    add("--unit-runs", type=_positive, default=2, help="par i enhetsdelen (standard 2)")
    add("--only", type=_parts, default=list(PARTS), help="t.ex. floor,report,scale,batch,units")
    add("--scale", type=_fraction, default=1.0, help="andel av den syntetiska storleken")
    add("--profile", action="store_true", help="en extra skalkörning med cProfile-utdrag")
    add("--json", type=Path, help="skriv också alla råa tider till denna fil")
    return parser.parse_args(argv)


def _machine_lines(info: dict[str, object]) -> list[str]:
    memory = info["minne_bytes"]
    memory_text = f", {number(memory / 1e9, 1)} GB minne" if isinstance(memory, int) else ""
    return [
        f"HSN-bänken {info['datum']}",
        f"  maskin: {info['karnor']} kärnor ({info['karnor_tillgangliga']} tillgängliga), "
        f"{info['cpu']}{memory_text}",
        f"  Python {info['python']} ({sys.executable}), {info['system']}",
        f"  Sökvägar nedan är relativa till projektet {ROOT}; $TMP är en ny temporär mapp.",
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    info = machine()
    print("\n".join(_machine_lines(info)), flush=True)
    sections: dict[str, parts.Section] = {}
    with tempfile.TemporaryDirectory(prefix="hsn-bench-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        pair_kinds = [p for p in ("floor", "report") if p in args.only]
        if pair_kinds:
            sections["golv_rapport"] = parts.floor_and_report(pair_kinds, args.runs, work)
            _print(sections["golv_rapport"])
        if "scale" in args.only:
            sections["skala"] = parts.scale(
                args.scale_runs, args.scale, CACHE, work, profile=args.profile
            )
            _print(sections["skala"])
        if "batch" in args.only:
            sections["batch"] = parts.batch(args.batch_runs, work)
            _print(sections["batch"])
        if "units" in args.only:
            sections["enheter"] = units.units(args.unit_runs, work)
            _print(sections["enheter"])
    failures = [f for section in sections.values() for f in section.failures]
    total = time.perf_counter() - started
    lines = heading("Sammanfattning")
    lines.append(f"  hela bänken tog {number(total, 1)} s")
    if failures:
        lines.append(f"  {len(failures)} mätta kommandon misslyckades (exit 1):")
        lines += [f"  - {f}" for f in failures]
    else:
        lines.append("  alla mätta kommandon lyckades")
    print("\n".join(lines), flush=True)
    if args.json:
        record = {
            "maskin": info,
            "argument": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "delar": {name: section.raw for name, section in sections.items()},
            "misslyckade": failures,
            "total_sekunder": total,
        }
        args.json.write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
    return 1 if failures else 0


def _print(section: parts.Section) -> None:
    lines = list(section.lines)
    for problem in section.failures:
        lines.append(f"  MISSLYCKADES: {problem}")
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    sys.exit(main())
