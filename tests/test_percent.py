"""The one rounding rule for percentages the app shows (clerk_app/percent.py)."""

from __future__ import annotations

import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from clerk_app.percent import rounded_percent
from clerk_app.recording.model import UploadRole, UploadsModel
from clerk_app.recording.uploader import UploadState, UploadStatus

# No server, no database: `make test-postgres` leaves these out (tests/conftest.py).
pytestmark = pytest.mark.engine_independent


@pytest.mark.parametrize(
    ("share", "places", "shown"),
    [
        (Fraction(2, 3), 0, "67"),  # the case: not 66
        (2 / 3, 0, "67"),
        (Fraction(1, 8), 0, "13"),  # 12.5 goes up
        (Fraction(5, 8), 0, "63"),  # so does 62.5 (round() would give 62)
        (0.825, 0, "83"),  # as typed, not as the float 0.82499999…
        (0.665, 0, "67"),
        (Fraction(199, 200), 0, "99"),  # not all: never 100
        (Fraction(1, 1000), 0, "1"),  # not none: never 0
        (0, 0, "0"),
        (1, 0, "100"),
        (Fraction(1, 3), 1, "33.3"),
        (0.00005, 1, "0.1"),
        (0.12345, 1, "12.3"),
        (0.12350, 1, "12.4"),
    ],
)
def test_shares_are_rounded_half_up(share: float | Fraction, places: int, shown: str) -> None:
    assert str(rounded_percent(share, places)) == shown


def by_decimal(part: int, whole: int, places: int) -> Decimal:
    """The reference: the exact percentage, quantized half up by Decimal at ample precision."""
    exact = Decimal(part * 100 * 10**places) / Decimal(whole)
    return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(-places)


@given(
    whole=st.integers(min_value=1, max_value=10**9),
    data=st.data(),
    places=st.integers(min_value=0, max_value=2),
)
def test_a_count_share_is_the_decimal_half_up_and_only_all_or_none_at_the_ends(
    whole: int, data: st.DataObject, places: int
) -> None:
    part = data.draw(st.integers(min_value=0, max_value=whole))
    shown = rounded_percent(Fraction(part, whole), places)
    step = Decimal(1).scaleb(-places)
    reference = by_decimal(part, whole, places)
    if part == 0:
        assert shown == 0
    elif part == whole:
        assert shown == 100
    else:
        assert shown == min(max(reference, step), 100 - step)
        assert step <= shown <= 100 - step


@given(percent=st.integers(min_value=1, max_value=99))
def test_a_half_always_goes_up(percent: int) -> None:
    assert rounded_percent(Fraction(2 * percent - 1, 200)) == percent


@given(share=st.floats(min_value=0, max_value=1, allow_nan=False))
def test_a_float_is_rounded_as_its_shortest_decimal(share: float) -> None:
    reference = (Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    shown = rounded_percent(share)
    if 0 < share < 1:
        assert shown == min(max(reference, Decimal(1)), Decimal(99))
    else:
        assert shown == reference
    assert math.isclose(float(shown), share * 100, abs_tol=1.0)


@pytest.mark.parametrize(("sent", "percent"), [(2, 67), (1, 33), (2999, 99), (3000, 100)])
def test_an_uploads_progress_is_rounded_by_the_same_rule(
    qapp: QApplication, sent: int, percent: int
) -> None:
    model = UploadsModel(spool_bytes=lambda: 0, limit_bytes=10**9)
    size = 3 if sent < 3 else 3000
    model.update(UploadStatus("rec-1", "call-1", size, sent=sent, state=UploadState.UPLOADING))
    assert model.index(0).data(UploadRole.PERCENT) == percent  # 2 of 3 was 66
