"""Correctly rounded conversion of exact rationals to IEEE binary32/binary64.

Reading "0.1f0" must give the binary32 nearest to 1/10, not the binary32 nearest
to the binary64 nearest to 1/10 (double rounding differs in rare cases), so the
reader rounds exact rationals itself.  The printer uses the same rounding to
check that a short decimal reads back as the same single-float.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple


class FloatFormat(NamedTuple):
    mantissa_bits: int  # including the implicit leading bit
    min_exponent: int  # of the smallest normal number
    max_exponent: int  # of the largest finite number
    max_decimal_exponent: int  # 10**this certainly overflows
    min_decimal_exponent: int  # 10**this certainly rounds to zero


SINGLE = FloatFormat(24, -126, 127, 40, -47)
DOUBLE = FloatFormat(53, -1022, 1023, 310, -325)


def rational_to_float(value: Fraction | int, fmt: FloatFormat) -> float:
    """Round `value` to the nearest number of `fmt` (ties to even).

    Raises OverflowError when the result is beyond the format's largest finite
    value; tiny values become denormals or zero.
    """
    value = Fraction(value)
    if value == 0:
        return 0.0
    negative = value < 0
    num, den = abs(value.numerator), value.denominator
    # exponent e with 2**e <= |value| < 2**(e+1)
    e = num.bit_length() - den.bit_length()
    if (num << max(0, -e)) < (den << max(0, e)):
        e -= 1
    ulp_exp = max(e, fmt.min_exponent) - (fmt.mantissa_bits - 1)
    if ulp_exp >= 0:
        den <<= ulp_exp
    else:
        num <<= -ulp_exp
    quotient, remainder = divmod(num, den)
    if 2 * remainder > den or (2 * remainder == den and quotient & 1):
        quotient += 1
    if quotient.bit_length() + ulp_exp > fmt.max_exponent + 1:
        raise OverflowError("floating-point overflow")
    result = math.ldexp(quotient, ulp_exp)
    return -result if negative else result


def decimal_to_float(negative: bool, digits: str, exponent: int, fmt: FloatFormat) -> float:
    """The float nearest to ±int(digits) × 10**exponent.

    Magnitudes far outside the format are decided without building huge
    integers, so that a token like 1e999999999 is cheap to reject.
    """
    stripped = digits.lstrip("0")
    if not stripped:
        return -0.0 if negative else 0.0
    magnitude = len(stripped) + exponent  # value < 10**magnitude
    if magnitude > fmt.max_decimal_exponent:
        raise OverflowError("floating-point overflow")
    if magnitude < fmt.min_decimal_exponent:
        return -0.0 if negative else 0.0
    value = Fraction(int(stripped)) * Fraction(10) ** exponent
    return rational_to_float(-value if negative else value, fmt)
