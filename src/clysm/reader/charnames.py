"""Character names for #\\ syntax, read and printed as SBCL does.

Control characters have the short ASCII names SBCL uses; other characters above
ASCII go by their Unicode names with spaces as underscores; `U+XXXX` and
`UXXXX` name any code point.
"""

from __future__ import annotations

import re
import unicodedata

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
        "LINEFEED": 10,
        "LF": 10,
        "NL": 10,
        "FF": 12,
        "CR": 13,
        "ESCAPE": 27,
        "ALTMODE": 27,
        "DEL": 127,
        "DELETE": 127,
    }
)

_HEX_NAME = re.compile(r"U\+?([0-9A-F]{1,6})")
# Unicode names generated from the code point; SBCL prints these characters as Uxxxx.
_ALGORITHMIC_PREFIXES = (
    "CJK UNIFIED IDEOGRAPH-",
    "CJK COMPATIBILITY IDEOGRAPH-",
    "TANGUT IDEOGRAPH-",
    "KHITAN SMALL SCRIPT CHARACTER-",
    "NUSHU CHARACTER-",
)
MAX_CODE = 0x10FFFF


def code_from_name(name: str) -> int | None:
    """The code point named by `name` (case-insensitive), or None."""
    upper = name.upper()
    code = _CODE_BY_NAME.get(upper)
    if code is not None:
        return code
    match = _HEX_NAME.fullmatch(upper)
    if match:
        value = int(match[1], 16)
        return value if value <= MAX_CODE else None
    if " " in name:
        return None
    try:
        return ord(unicodedata.lookup(upper.replace("_", " ")))
    except KeyError:
        return None


def char_name(code: int) -> str | None:
    """The name prin1 uses for a character, or None for a graphic ASCII character."""
    name = _NAME_BY_CODE.get(code)
    if name is not None:
        return name
    if code < 128:
        return None
    unicode_name = unicodedata.name(chr(code), "")
    if not unicode_name or unicode_name.startswith(_ALGORITHMIC_PREFIXES):
        return f"U{code:X}"
    return unicode_name.replace(" ", "_")
