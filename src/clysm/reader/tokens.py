"""Interpreting tokens: numbers (CLHS 2.3.1), potential numbers, package markers.

A token is the run of constituent and escaped characters the reader collects;
escaped characters never take part in number syntax or package markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from clysm.lisp.data import SingleFloat, make_ratio
from clysm.reader.floats import DOUBLE, SINGLE, decimal_to_float

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(slots=True)
class Token:
    """Characters of a token after escape processing and case conversion."""

    start: int  # offsets of the token in the source text
    end: int = 0
    chars: list[str] = field(default_factory=list)
    escaped: list[bool] = field(default_factory=list)
    has_escape: bool = False  # any \ or |...|, even one that added no character

    @property
    def text(self) -> str:
        return "".join(self.chars)


class TokenError(Exception):
    """A token that has the syntax of a number or symbol but cannot be one."""


Number = int | Fraction | float | SingleFloat


@lru_cache(maxsize=64)
def _rational_pattern(base: int) -> re.Pattern[str]:
    digits = _DIGITS[:base]
    return re.compile(rf"([+-]?)([{digits}]+)(?:/([{digits}]+))?")


_DECIMAL_INTEGER = re.compile(r"[+-]?[0-9]+\.")
_FLOAT = re.compile(
    r"(?P<sign>[+-]?)(?P<int>[0-9]*)(?:\.(?P<frac>[0-9]*))?"
    r"(?:(?P<marker>[ESFDL])(?P<exp>[+-]?[0-9]+))?"
)


def parse_rational(text: str, base: int) -> int | Fraction | None:
    """An integer or ratio in `base`, or None when `text` is not one."""
    match = _rational_pattern(base).fullmatch(text)
    if match is None:
        return None
    sign, numerator, denominator = match.groups()
    value = int(numerator, base)
    if sign == "-":
        value = -value
    if denominator is None:
        return value
    den = int(denominator, base)
    if den == 0:
        raise TokenError("division by zero in ratio")
    return make_ratio(value, den)


def parse_number(text: str, base: int = 10) -> Number | None:
    """The number an unescaped, case-converted token denotes, or None.

    Integers and ratios are read in `base` (*read-base*); a trailing dot forces
    a decimal integer; floats are always decimal.  Exponent markers E, S, F and
    no marker give single-floats (*read-default-float-format*), D and L doubles.
    """
    if not text or (base <= 10 and text[0] not in "0123456789+-."):
        return None  # the common case of a symbol, decided early
    rational = parse_rational(text, base)
    if rational is not None:
        return rational
    if _DECIMAL_INTEGER.fullmatch(text):
        return int(text[:-1], 10)
    match = _FLOAT.fullmatch(text)
    if match is None:
        return None
    whole, frac, marker = match["int"], match["frac"] or "", match["marker"]
    if not (frac or (whole and marker)):
        return None
    exponent = int(match["exp"] or "0") - len(frac)
    double = marker in ("D", "L")
    try:
        value = decimal_to_float(
            match["sign"] == "-", whole + frac, exponent, DOUBLE if double else SINGLE
        )
    except OverflowError:
        raise TokenError("floating-point overflow") from None
    return value if double else SingleFloat(value)


def is_potential_number(text: str, base: int = 10) -> bool:
    """Whether `text` is a potential number (CLHS 2.3.1.1).

    The printer must escape symbol names that are potential numbers, since
    implementations may read such tokens as numbers.
    """
    if not text:
        return False
    letter_digits = _DIGITS[10:base] if "." not in text else ""

    def is_digit(c: str) -> bool:
        return "0" <= c <= "9" or c.upper() in letter_digits

    def is_letter(c: str) -> bool:
        return c.isascii() and c.isalpha() and not is_digit(c)

    has_digit = False
    for i, c in enumerate(text):
        if is_digit(c):
            has_digit = True
        elif is_letter(c):
            # A letter next to another letter cannot be a number marker.
            if (i > 0 and is_letter(text[i - 1])) or (i + 1 < len(text) and is_letter(text[i + 1])):
                return False
        elif c not in "+-/.^_":
            return False
    first = text[0]
    return has_digit and (is_digit(first) or first in "+-.^_") and text[-1] not in "+-"


class SymbolParts(NamedTuple):
    package: str | None  # None: the current package
    name: str
    internal: bool  # written with "::"
    keyword: bool  # written with a leading ":"


def split_package_markers(token: Token) -> SymbolParts:
    """Split a symbol token at its unescaped colons (CLHS 2.3.5)."""
    text = token.text
    if ":" not in text:
        return SymbolParts(None, text, False, False)
    colons = [
        i
        for i, (c, esc) in enumerate(zip(token.chars, token.escaped, strict=True))
        if c == ":" and not esc
    ]
    if not colons:
        return SymbolParts(None, text, False, False)
    first = colons[0]
    double = len(colons) > 1 and colons[1] == first + 1
    rest = first + (2 if double else 1)
    if colons[-1] >= rest:
        raise TokenError("too many colons in symbol")
    if first == 0:
        # SBCL also reads "::foo" as the keyword :FOO.
        return SymbolParts("KEYWORD", text[rest:], False, True)
    return SymbolParts(text[:first], text[rest:], double, False)
