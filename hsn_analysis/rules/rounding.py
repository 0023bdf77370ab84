"""Excel's rounding: half away from zero, on a value's 15 significant digits.

Python's round(23.125, 2) gives 23.12 (half to even); the board's reports, like Excel, show 23,13.
The scalar version serves text; the array version serves status rules over millions of rows.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np


def round_half_away(value: float, decimals: int = 2) -> Decimal:
    """Round as Excel does: half away from zero, on the value's 15 significant digits.

    Python's round(23.125, 2) gives 23.12 (half to even); this gives 23.13.
    """
    exact = Decimal(format(value, ".15g"))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# Exact powers of ten as doubles (10**22 is the largest one a double holds exactly).
_POW10 = np.array([float(10**i) for i in range(23)])
_SIGNIFICANT = 15  # Excel computes with 15 significant digits; so does round_half_away
_SPLITTER = 134217729.0  # 2**27 + 1, Dekker's splitting constant


def round_half_away_array(values: object, decimals: int = 2) -> np.ndarray:
    """`formatting.round_half_away` for a whole array at once, as floats; NaN stays NaN.

    Like the scalar version the value is first rounded to 15 significant digits (round half to
    even on the exact binary value, as Python's ``format(x, ".15g")`` does), then half away from
    zero to `decimals`. The first step is done in integer-valued doubles; the one case where the
    scaled double lies exactly on a tie while the exact product does not is settled with an
    error-free product (Dekker). Exact for |x| < 1e22 and 0 <= decimals <= 6.
    """
    x = np.asarray(values, dtype=float)
    result = np.array(x, dtype=float, copy=True)  # NaN, ±inf and huge values pass through
    magnitude = np.abs(x)
    with np.errstate(invalid="ignore"):
        tiny = magnitude < 10.0 ** -(decimals + 1)  # rounds to zero whatever the 15th digit
        work = np.flatnonzero(~tiny & (magnitude < 1e22))
    result[tiny] = np.copysign(0.0, x[tiny])
    if work.size == 0:
        return result
    a = magnitude[work]
    # scale = number of decimals that leaves exactly 15 significant digits left of the point
    scale = (_SIGNIFICANT - 1) - np.floor(np.log10(a)).astype(np.int64)
    q = _scaled(a, scale)
    # log10 can be one off next to a power of ten; one correction step is enough.
    scale = scale - (q >= 10.0**_SIGNIFICANT) + (q < 10.0 ** (_SIGNIFICANT - 1))
    q = _scaled(a, scale)
    digits = np.round(q)  # half to even, as format() does on an exact tie
    tie = q - np.floor(q) == 0.5
    if tie.any():
        # q is the double nearest to the exact scaled value and x.5 is representable here,
        # so only a q sitting exactly on x.5 can hide which side the exact value is on.
        side = _exact_side(a[tie], scale[tie], q[tie])
        digits[tie] = np.where(
            side > 0, np.ceil(q[tie]), np.where(side < 0, np.floor(q[tie]), digits[tie])
        )
    drop = scale - decimals  # digits to drop from the 15-digit integer
    rounded = np.empty_like(a)
    keep = drop <= 0
    # At most `decimals` decimals already: the 15-digit value itself is the answer.
    rounded[keep] = np.where(
        scale[keep] >= 0,
        digits[keep] / _POW10[np.clip(scale[keep], 0, 22)],
        digits[keep] * _POW10[np.clip(-scale[keep], 0, 22)],
    )
    cut = ~keep
    divisor = (10 ** drop[cut]).astype(np.int64)
    k = (digits[cut].astype(np.int64) + divisor // 2) // divisor  # half away (on |x|)
    rounded[cut] = k / _POW10[decimals]
    result[work] = np.copysign(rounded, x[work])
    return result


def _scaled(a: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """a * 10**scale, correctly rounded (one multiplication or division by an exact power)."""
    up = scale >= 0
    power = _POW10[np.clip(np.abs(scale), 0, 22)]
    scaled: np.ndarray = np.where(up, a * power, a / power)
    return scaled


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = _SPLITTER * a
    high = c - (c - a)
    return high, a - high


def _two_product_error(a: np.ndarray, b: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The exact a*b - p for p = fl(a*b) (Dekker's TwoProduct)."""
    ah, al = _split(a)
    bh, bl = _split(b)
    error: np.ndarray = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return error


def _exact_side(a: np.ndarray, scale: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Sign of (exact a * 10**scale) - q: >0 when the exact value is above q."""
    power = _POW10[np.clip(np.abs(scale), 0, 22)]
    up = scale >= 0
    side = np.empty_like(a)
    side[up] = _two_product_error(a[up], power[up], q[up])
    # a / power vs q  ⇔  a vs q * power; a - p is exact (Sterbenz), so compare it with the error.
    p = q[~up] * power[~up]
    side[~up] = (a[~up] - p) - _two_product_error(q[~up], power[~up], p)
    sign: np.ndarray = np.sign(side)
    return sign
