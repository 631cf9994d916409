"""Our reader + printer against SBCL's READ-FROM-STRING + PRIN1 on the same inputs.

SBCL runs once for the whole module.  Inputs where clysm deliberately differs
(#P, #S, #.) are tested elsewhere, and so are floats SBCL
2.2 reads or prints inexactly: single-float denormals (read as 0.0, printed with
extra digits) and decimals of more than 7 significant digits read as
single-floats (SBCL rounds twice; clysm rounds once, correctly).
"""

from __future__ import annotations

import random
import struct

import pytest
from reader_helpers import needs_sbcl, sbcl_read_print

from clysm.errors import LispReaderError
from clysm.lisp.printer import prin1_to_string
from clysm.reader import read_from_string

# fmt: off
SYNTAX_CASES = [
    # integers, ratios, radixes
    "0", "-0", "+5", "12345678901234567890123456789", "-42", "17.", "-17.", "00012", "1/2",
    "-3/6", "+4/2", "10/5", "1/0", "1/2/3", "1/-2", "#b1011", "#b-101", "#o777", "#x+AbC",
    "#xff/2", "#36rZZ", "#2r-1/10", "#x ff", "#b102", "#x1.5", "#37r1", "#8r9",
    # floats
    "1.0", "1.5", "-1.5", ".5", "+.5", "-.5e2", "1e5", "1.e5", "1.5e10", "1.0f0", "1.0s0",
    "1.0d0", "1.0l0", "1.5E3", "1.5e+3", "-1.5d-3", "1e7", "9999999.0", "1234567.0", "1.0e-3",
    "9.999e-4", "0.1", "0.1d0", "123456.7", "1e39", "1d309", "1e-50", "1d-400", "-0.0", "-0.0d0",
    "3.4028235e38", "3.4028236e38", "1.1754944e-38", "2.2250738585072014d-308", "1d23", "1d16",
    "4.5d15", "0.3333333333333333d0", "0.33333334",
    # potential numbers that are symbols
    "1+", "1-", "+", "-", "+.", "-.", ".e5", "1e", "1e+", "1.0e-", "1.5.3", "1/2.0", "^1", "1^",
    "_1", "1a", "1ab", "1a2", "123abc", "1ee", "e1", "/1", "1//2", "--1", "++",
    # symbols and packages
    "foo", "FOO", "Foo", "|foo|", "|Mixed Case|", "a|b c|d", "|a|b|c|", "a\\bc", "\\1", "1\\2",
    "|1|", "|1+|", "|a\\|b|", "|a\\\\b|", "||", "|.|", "|..|", "|#a|", "a#b", "|a:b|", ":foo",
    "::foo", ":|foo|", "keyword:bar", "cl:car", "cl:|CAR|", "cl:|car|", "|cl|:car",
    "common-lisp:cons", "cl::car", "cl:foo", "cl::foo", "nosuch:x", "a:b:c", "a:::b", ":a:b",
    "pkg:", "pkg: x", ":", "#:foo", "#:|foo|", "#:", "#:a|b|", "#:foo:bar", "#:123", "#:\\1",
    "..", "...", ".", "cl-user::x", "ß", "é", "É", "ı",
    # strings and characters
    '"abc"', '"a\\"b"', '"a\\\\b"', '"\\a\\b"', '""', '"é"', "#\\a", "#\\A", "#\\Space",
    "#\\space", "#\\ ", "#\\Newline", "#\\Linefeed", "#\\Tab", "#\\Return", "#\\Page",
    "#\\Backspace", "#\\Rubout", "#\\Nul", "#\\Null", "#\\Escape", "#\\Esc", "#\\(", "#\\)",
    "#\\;", "#\\\\", '#\\"', "#\\U+41", "#\\U41", "#\\u+0041", "#\\x41", "#\\foo", "#\\ab",
    "#\\latin_small_letter_e_with_acute", "#\\U+A0", "#\\U+3000", "#\\U+AC00", "#\\é",
    "#\\U+4E00", "#\\U+E000", "#\\U", "#\\U+",
    *[f"#\\U+{code:X}" for code in [*range(0, 33), 127]],
    # lists, quote, function
    "()", "(a)", "(a b c)", "(a . b)", "(a b . c)", "(a . (b c))", "(a . nil)", "( . a)",
    "(a . )", "(a . b c)", "(a . b . c)", ")", "(a ; comment\n b)", "(a #| x |# b)",
    "(a . b #| x |#)", "(a . #+(or) x b)", "'a", "''a", "'(quote x)", "(quote x y)",
    "(quote . x)", "(a quote b)", "#'f", "'#'f", "(function f)", "(a function f)",
    # backquote
    "`a", "`(a ,b)", "`(a ,@b)", "`(a ,.b)", "`(a `(b ,,c))", "`(a . ,b)", "`(a . ,@b)", "`,@x",
    "`,.x", "`,x", ",a", "(a . ,b)", "`#(a ,b)", "`#(a ,@b)", "`(,@a)", "`(a . ,(b))",
    "`(a ,@b ,.c)", "`(,a . ,b)",
    # vectors and bit vectors
    "#()", "#(1 2 #(3))", '#(a "s" #\\c)', "#3(a b)", "#2(a b c)", "#3()", "#(a . b)", "#*",
    "#*101", "#*1 0", "#5*01", "#*012", "#1*", "#0*", "#2*101", "#*1\\0",
    # complex and one-dimensional arrays
    "#c(1 2)", "#C(1 0)", "#c(1.0 0)", "#c(1 2.0)", "#c(1/2 3)", "#c(1.0 2d0)", "#c(a b)",
    "#c(1 2 3)", "#c (1 2)", "#1A(1 2)", '#1a"abc"',
    # arrays of other ranks
    "#2A((1 2) (3 4))", "#0A5", "#0A(1 2)", "#2A()", "#3A(((a b)) ((c d)))", '#2A("ab" "cd")',
    "#2A((#*1 #*0))", "#2A(#(1 2) (3 4))",
    # sharpsign miscellany
    "#+clysm 1", "#-clysm 1 2", "#+(or) x y", "#+(and) x", "#-(or) x", "#+(not sbcl) x y",
    "#+(:not wasm) x y", "#+(and (or ansi-cl foo) (not bar)) 1 2", "#+nil (foo:bar) x",
    "#+(or)#+(or) a b c", "#-(and) #+(or) a b c", "#+(foo bar) x", "#+1 x", "#+(not) x",
    "(list #+nil #z foo bar)", "#+nil #<x> y", "#| a #| b |# c |# x", "#||#x", "#|#||##|#x|#",
    "#1=(a b)", "(#1=a #1#)", "#1=#1#", "#1=(a #1=b)", "#2#", "#=", "#z", "#Z", "#<foo>", "#)",
    "# ", "(#1=(a) #1#)",
    # end of input inside constructs
    "'", "(a", '"abc', "#|abc", "#", "#123", "#\\", "abc|", "\\", "#b", "#1=",
]
# fmt: on

rng = random.Random(20240531)


def _random_single() -> str:
    while True:
        bits = rng.getrandbits(32)
        value = struct.unpack("<f", struct.pack("<I", bits))[0]
        if 1.2e-38 < abs(value) < 3.4e38:
            return f"{value:.9e}"


def _random_double() -> str:
    while True:
        bits = rng.getrandbits(64)
        value = struct.unpack("<d", struct.pack("<Q", bits))[0]
        if 2.3e-308 < abs(value) < 1.7e308:
            return f"{value:.17e}".replace("e", "d")


def _random_decimal() -> str:
    # At most 7 significant digits: SBCL reads those correctly rounded.
    digits = str(rng.randrange(1, 10 ** rng.randrange(1, 8)))
    point = rng.randrange(0, len(digits) + 1)
    text = digits[:point] + "." + (digits[point:] or "0")
    marker = rng.choice(["", "e", "d", "f"])
    # Exponents stay clear of denormals, which SBCL prints with extra digits.
    return text + (f"{marker}{rng.randrange(-30, 30)}" if marker else "")


FLOAT_CASES = (
    [_random_single() for _ in range(400)]
    + [_random_double() for _ in range(400)]
    + [_random_decimal() for _ in range(400)]
)

CASES = SYNTAX_CASES + FLOAT_CASES


def ours(text: str) -> str:
    try:
        return prin1_to_string(read_from_string(text))
    except LispReaderError:
        return "ERROR"


@pytest.fixture(scope="module")
def sbcl_results() -> dict[str, str]:
    return dict(zip(CASES, sbcl_read_print(CASES), strict=True))


@needs_sbcl
@pytest.mark.parametrize("text", SYNTAX_CASES)
def test_syntax_matches_sbcl(text: str, sbcl_results: dict[str, str]) -> None:
    assert ours(text) == sbcl_results[text]


@needs_sbcl
def test_floats_match_sbcl(sbcl_results: dict[str, str]) -> None:
    mismatches = [(t, ours(t), sbcl_results[t]) for t in FLOAT_CASES if ours(t) != sbcl_results[t]]
    assert mismatches == []
