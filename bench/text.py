"""Plain-text output: Swedish numbers, target verdicts and aligned tables."""

from __future__ import annotations

from collections.abc import Sequence

from bench.stats import Spread


def number(value: float, decimals: int = 2) -> str:
    """`4.519` → `4,52`: decimal comma, as the rest of the project writes numbers."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def figure(spread: Spread, unit: str = "", decimals: int = 2) -> tuple[str, str]:
    """The median and the min–max range of `spread` as two table cells."""
    suffix = f" {unit}" if unit else ""
    low, high = number(spread.low, decimals), number(spread.high, decimals)
    return f"{number(spread.median, decimals)}{suffix}", f"{low}–{high}{suffix}"


def verdict(met: bool, target: str) -> str:
    """`mål ≤ 0,75: nått` or `mål ≤ 0,75: inte nått`."""
    return f"mål {target}: {'nått' if met else 'inte nått'}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Columns padded to their widest cell: the first left-aligned, figures right-aligned, the
    last (the verdict) left-aligned."""
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for row in [headers, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:-1], widths[1:-1], strict=True)]
        cells.append(row[-1])
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def heading(text: str) -> list[str]:
    return ["", text, "-" * len(text)]
