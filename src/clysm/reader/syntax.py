"""Character syntax types of the standard readtable (CLHS 2.1.4) and case conversion."""

from __future__ import annotations

import re

# whitespace[2]: Tab, Newline (= Linefeed), Page, Return, Space.
WHITESPACE = frozenset("\t\n\f\r ")
# Terminating macro characters end a token; '#' is non-terminating.
TERMINATING_MACROS = frozenset("\"'(),;`")
SINGLE_ESCAPE = "\\"
MULTIPLE_ESCAPE = "|"
# Constituents with the `invalid' trait (CLHS figure 2-8): Backspace, Rubout.
INVALID_CONSTITUENTS = frozenset("\b\x7f")
TERMINATORS = WHITESPACE | TERMINATING_MACROS
# A run of constituents needing no attention (no escape, package marker, invalid
# character or terminator), which the token reader takes in one step.
PLAIN_RUN = re.compile(r"[^\t\n\f\r \"'(),;`|\\:\b\x7f]+")
# The same with package markers: a whole token when a terminator follows it.
PLAIN_TOKEN = re.compile(r"[^\t\n\f\r \"'(),;`|\\\b\x7f]+")


def upcase(char: str) -> str:
    """CHAR-UPCASE: only characters with a one-to-one case pair change.

    Python's str.upper is a string mapping ('ß' -> 'SS', 'ı' -> 'I'); CL case
    conversion must map one character to one character and back again.
    """
    upper = char.upper()
    if len(upper) == 1 and upper != char and upper.lower() == char:
        return upper
    return char
