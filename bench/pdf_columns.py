"""`python bench/pdf_columns.py PAGE.html [--reps N]`: the PDF/A render of one exported report
page with table columns sized by whole words (`pdf.laid_out`, what runs use) against the
report's own rules (cells that break anywhere), alternating, each render in a fresh process as
in a report run; medians, the ratio and each PDF's size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.text import number  # noqa: E402
from hsn_analysis.report import pdf  # noqa: E402


def _own_rules(page: str) -> Any:
    from weasyprint import CSS, HTML

    html = HTML(string=page, base_url=str(pdf.TEMPLATES))
    return html.render(stylesheets=[CSS(filename=str(pdf.PDF_STYLESHEET))], **pdf._OPTIONS)


def _timed(lay_out: Callable[[str], Any], page: str) -> tuple[float, int]:
    start = time.perf_counter()
    size = len(lay_out(page).write_pdf(**pdf._OPTIONS))
    return time.perf_counter() - start, size


VARIANTS: dict[str, Callable[[str], Any]] = {
    "cellernas egna regler": _own_rules,
    "hela ord (pdf.laid_out)": pdf.laid_out,
}


def _one(name: str, path: Path) -> None:
    pdf.import_weasyprint()
    took, size = _timed(VARIANTS[name], path.read_text(encoding="utf-8"))
    print(json.dumps({"s": took, "bytes": size}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="en exporterad rapportsida (.html)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--one", choices=list(VARIANTS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        _one(args.one, args.page)
        return 0
    seconds: dict[str, list[float]] = {name: [] for name in VARIANTS}
    sizes: dict[str, int] = {}
    for rep in range(args.reps):
        for name in VARIANTS:
            command = [sys.executable, __file__, str(args.page), "--one", name]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            result = json.loads(out.splitlines()[-1])
            seconds[name].append(result["s"])
            sizes[name] = result["bytes"]
            print(f"  {rep + 1}/{args.reps} {name}: {number(result['s'])} s", file=sys.stderr)
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    for name in VARIANTS:
        size = f"{sizes[name]:,}".replace(",", " ")
        print(f"{name:24} median {number(medians[name])} s  {size} byte")
    own, whole = medians.values()
    print(f"kvot hela ord / egna regler: {number(whole / own)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
