"""How full each printed page is: `python scripts/page_fill.py rapport.pdf`.

Each page is drawn at 50 dpi by pdftoppm (Debian's poppler-utils, installed by the Makefile);
its fill is how far down the page's content area (inside the @page margins, which hold only the
running header and the page number) the lowest non-white row of pixels lies: 0 = empty, 1 = full.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

STYLESHEET = (
    Path(__file__).resolve().parents[1] / "hsn_analysis/report/templates/hsn_rapport/rapport.css"
)
PAGE_MM = 297  # A4's height


def page_margins(css: str) -> tuple[float, float]:
    """The top and bottom margins (mm) of the report's `@page` rule: `margin: T R B [L]`."""
    found = re.search(r"@page\s*\{[^@]*?margin:\s*([\d.]+)mm\s+[\d.]+mm\s+([\d.]+)mm", css)
    if found is None:
        raise ValueError("rapport.css har ingen @page-marginal i mm")
    return float(found[1]), float(found[2])


TOP_MM, BOTTOM_MM = page_margins(STYLESHEET.read_text(encoding="utf-8"))
WHITE = 235  # grey level above which a pixel counts as paper


def page_fill(pdf: Path, dpi: int = 50) -> list[float]:
    """The fill of every page of `pdf`, in page order."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{folder}/sida"], check=True
        )
        pages = sorted(Path(folder).glob("sida-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        fills = []
        for path in pages:
            with Image.open(path) as image:
                fills.append(_fill(image.convert("L")))
    return fills


def _fill(image: object) -> float:
    width, height = image.size  # type: ignore[attr-defined]
    top = round(height * TOP_MM / PAGE_MM)
    bottom = round(height * (PAGE_MM - BOTTOM_MM) / PAGE_MM)
    area = image.crop((0, top, width, bottom))  # type: ignore[attr-defined]
    rows = area.point(lambda v: 255 if v < WHITE else 0).getbbox()
    return 0.0 if rows is None else rows[3] / (bottom - top)


def main(argv: list[str]) -> int:
    for name in argv:
        fills = page_fill(Path(name))
        shown = "  ".join(f"{n}:{fill:.0%}" for n, fill in enumerate(fills, start=1))
        print(f"{name}: {len(fills)} sidor; fyllnad per sida {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
