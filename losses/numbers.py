"""Numbers formatted for reading: 4 significant digits, never ``1.1000000238``."""

from __future__ import annotations

import math

import numpy as np

DEFAULT_DIGITS = 4


def fmt(x: float, digits: int = DEFAULT_DIGITS) -> str:
    """Format one number with ``digits`` significant digits, trailing zeros trimmed.

    Very small or very large magnitudes switch to scientific notation (``1e-07``), so the
    clipping bound reads as the 1e-7 a learner expects.
    """
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"
    magnitude = abs(x)
    if magnitude < 1e-4 or magnitude >= 1e6:
        text = np.format_float_scientific(x, precision=digits - 1, trim="-", exp_digits=2)
        # numpy keeps the point when every digit after it was trimmed (float32's 1e-7 is
        # 1.0000000117e-07 and comes out as "1.e-07"); a reader expects 1e-07.
        return text.replace(".e", "e")
    text = np.format_float_positional(x, precision=digits, fractional=False, trim="-")
    if widened(x, digits):
        # 1 - 1e-7 (the upper clipping bound) would read as "1" and hide the clip.
        text = np.format_float_positional(x, precision=7, fractional=False, trim="-")
    return text


def widened(x: float, digits: int = DEFAULT_DIGITS) -> bool:
    """True when ``fmt`` shows more than ``digits`` digits because rounding would hide that
    ``x`` is not exactly 1 (or 0.1, 10, ...): 0.99999994 reads 0.9999999, not 1."""
    x = float(x)
    if not math.isfinite(x) or x == 0 or not 1e-4 <= abs(x) <= 1:
        return False
    text = np.format_float_positional(x, precision=digits, fractional=False, trim="-")
    return float(text) != x and "." not in text


def fmt_signed(x: float, digits: int = DEFAULT_DIGITS) -> str:
    """A number that follows an operator: negative values in parentheses, ``(-0.5)``."""
    text = fmt(x, digits)
    return f"({text})" if text.startswith("-") else text


def fmt_list(values, digits: int = DEFAULT_DIGITS, limit: int = 8) -> str:
    """``[1.1, 1.5]``; long arrays end with ``..., N more``."""
    flat = np.asarray(values).ravel()
    shown = ", ".join(fmt(v, digits) for v in flat[:limit])
    if flat.size > limit:
        shown += f", ... {flat.size - limit} more"
    return f"[{shown}]"
