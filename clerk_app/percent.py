"""Percentages as the app shows them: one rule for every share it writes as a percent.

Qt-free, so the supervisor's figures, the admin's queue targets, the upload progress and the
call's packet loss all round the same way and a test can check the rule on its own.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

Share = Fraction | Decimal | float | int
"""A part of the whole, 1 being all of it."""

# Enough digits that a count's share, divided out, cannot land on a half by rounding
# (a share of whole counts below 10**20 is never within 10**-40 of a half without being one).
_PRECISION = 60


def rounded_percent(share: Share, places: int = 0) -> Decimal:
    """`share` in percent, rounded half up to `places` decimals: 2 of 3 is 67, 1 of 8 is 13.

    Between none and all the figure stays strictly between 0 and 100 (199 of 200 is 99, not
    100; 1 of 1,000 is 1, not 0): a rounded figure must not say that all or none of the calls
    were answered in time when one was not. A float is read as its shortest decimal form, the
    one a person typed or the server sent (0.825 is 82.5 %, so 83), not as its binary value
    (0.82499999…).
    """
    with localcontext() as context:
        context.prec = _PRECISION
        exact = _decimal(share) * 100
        step = Decimal(1).scaleb(-places)
        rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
        if 0 < exact < 100:
            return min(max(rounded, step), 100 - step)
        return rounded


def _decimal(share: Share) -> Decimal:
    if isinstance(share, Fraction):
        return Decimal(share.numerator) / Decimal(share.denominator)
    if isinstance(share, float):
        return Decimal(repr(share))
    return Decimal(share)
