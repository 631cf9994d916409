"""Character names for #\\ syntax, read and printed as SBCL does.

Control characters have the short names SBCL uses; other characters go by
the names SBCL gives them (clysm.reader.unicode_names); `U+XXXX` and `UXXXX`
name any code point.
"""

from __future__ import annotations

import re

from clysm.reader.unicode_names import unicode_names

# Canonical names (used for printing), by code.
# fmt: off
_CONTROL_NAMES = [
    "Nul", "Soh", "Stx", "Etx", "Eot", "Enq", "Ack", "Bel",
    "Backspace", "Tab", "Newline", "Vt", "Page", "Return", "So", "Si",
    "Dle", "Dc1", "Dc2", "Dc3", "Dc4", "Nak", "Syn", "Etb",
    "Can", "Em", "Sub", "Esc", "Fs", "Gs", "Rs", "Us", "Space",
]
# fmt: on
_NAME_BY_CODE: dict[int, str] = dict(enumerate(_CONTROL_NAMES))
_NAME_BY_CODE[127] = "Rubout"
_CODE_BY_NAME: dict[str, int] = {name.upper(): code for code, name in _NAME_BY_CODE.items()}
del _NAME_BY_CODE[32]  # SBCL prints #\  for Space

# Every accepted name, upper-cased, to its code: canonical names plus aliases.
_CODE_BY_NAME.update(
    {
        "NULL": 0,
        "BS": 8,
        "HT": 9,
        "LINEFEED": 10,
        "LF": 10,
        "NL": 10,
        "FORM": 12,
        "FORMFEED": 12,
        "FF": 12,
        "NP": 12,
        "CR": 13,
        "ESCAPE": 27,
        "ALTMODE": 27,
        "ALT": 27,
        "SP": 32,
        "DEL": 127,
        "DELETE": 127,
    }
)

_HEX_NAME = re.compile(r"U\+?([0-9A-F]+)")
MAX_CODE = 0x10FFFF


def hex_name_code(name: str) -> int | None:
    """The number of a U+XXXX or UXXXX name (any number of digits), or None."""
    match = _HEX_NAME.fullmatch(name.upper())
    return int(match[1], 16) if match else None


def code_from_name(name: str) -> int | None:
    """The code point named by `name` (case-insensitive), as NAME-CHAR, or None."""
    upper = name.upper()
    code = _CODE_BY_NAME.get(upper)
    if code is not None:
        return code
    if len(upper) == 2 and upper[0] == "^" and 64 <= ord(upper[1]) < 96:
        return ord(upper[1]) - 64
    if upper in _ASCII_CODES:
        return _ASCII_CODES[upper]
    value = hex_name_code(upper)
    if value is not None:
        return value if value <= MAX_CODE else None
    return unicode_names().code_from_name(upper)


def char_name(code: int) -> str | None:
    """The name prin1 uses for a character, or None for a graphic ASCII character."""
    name = _NAME_BY_CODE.get(code)
    if name is not None:
        return name
    if code < 128:
        return None
    return unicode_names().char_name(code)


def _ascii_name(code: int) -> str:
    """CHAR-NAME of a graphic ASCII character other than the space."""
    char = chr(code)
    if char.isdigit():
        return "DIGIT_" + _DIGITS[code - 48]
    if char.isupper():
        return "LATIN_CAPITAL_LETTER_" + char
    if char.islower():
        return "LATIN_SMALL_LETTER_" + char.upper()
    return _PUNCTUATION[char]


_DIGITS = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]
# fmt: off
_PUNCTUATION = {
    "!": "EXCLAMATION_MARK", '"': "QUOTATION_MARK", "#": "NUMBER_SIGN", "$": "DOLLAR_SIGN",
    "%": "PERCENT_SIGN", "&": "AMPERSAND", "'": "APOSTROPHE", "(": "LEFT_PARENTHESIS",
    ")": "RIGHT_PARENTHESIS", "*": "ASTERISK", "+": "PLUS_SIGN", ",": "COMMA",
    "-": "HYPHEN-MINUS", ".": "FULL_STOP", "/": "SOLIDUS", ":": "COLON", ";": "SEMICOLON",
    "<": "LESS-THAN_SIGN", "=": "EQUALS_SIGN", ">": "GREATER-THAN_SIGN", "?": "QUESTION_MARK",
    "@": "COMMERCIAL_AT", "[": "LEFT_SQUARE_BRACKET", "\\": "REVERSE_SOLIDUS",
    "]": "RIGHT_SQUARE_BRACKET", "^": "CIRCUMFLEX_ACCENT", "_": "LOW_LINE",
    "`": "GRAVE_ACCENT", "{": "LEFT_CURLY_BRACKET", "|": "VERTICAL_LINE",
    "}": "RIGHT_CURLY_BRACKET", "~": "TILDE",
}
# fmt: on
_ASCII_CODES = {_ascii_name(code): code for code in range(33, 127)}
