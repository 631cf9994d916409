"""prin1/princ of host data; expected strings are what SBCL 2.2 prints."""

from __future__ import annotations

from fractions import Fraction

import pytest

from clysm.lisp.data import (
    NIL,
    BitVector,
    Char,
    Cons,
    LispComplex,
    LispString,
    LispVector,
    SingleFloat,
    Symbol,
    lisp_list,
)
from clysm.lisp.packages import cl_symbol, clysm_symbol, keyword, standard_packages
from clysm.lisp.printer import format_float, prin1_to_string, princ_to_string
from clysm.reader import read_from_string

REGISTRY = standard_packages()


def user(name: str) -> Symbol:
    return REGISTRY.cl_user.intern(name)[0]


# Symbol names and SBCL's (prin1 (intern name)) in CL-USER.
@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("FOO", "FOO"), ("foo", "|foo|"), ("Foo", "|Foo|"), ("1+", "1+"), ("1", "|1|"),
        ("1A", "|1A|"), ("1AB", "1AB"), ("A1", "A1"), ("1E5", "|1E5|"), ("+", "+"), ("-", "-"),
        ("+1", "|+1|"), ("+A", "+A"), (".", "|.|"), ("..", "|..|"), ("A.B", "A.B"),
        ("1.5", "|1.5|"), ("1.", "|1.|"), (".5", "|.5|"), ("A B", "|A B|"), ("A(B", "|A(B|"),
        ("#A", "|#A|"), ("A#B", "|A#B|"), ("A|B", "|A\\|B|"), ("A\\B", "|A\\\\B|"),
        ("A:B", "|A:B|"), ("", "||"), ("1/2", "|1/2|"), ("1/A", "|1/A|"), ("^", "^"),
        ("_", "_"), ("1^", "|1^|"), ("^1", "|^1|"), ("1_2", "|1_2|"), ("AB.", "AB."),
        ("+.", "+."), ("-.5", "|-.5|"), ("1E", "|1E|"), ("1D5", "|1D5|"),
        ("123ABC", "123ABC"), ("1-", "1-"), ("1-2", "|1-2|"), ("1+2", "|1+2|"), ("É", "É"),
        ("é", "|é|"), ("ß", "ß"), ("A'B", "|A'B|"), ("A;B", "|A;B|"), ('A"B', '|A"B|'),
        ("A`B", "|A`B|"), ("A,B", "|A,B|"), ("1A2", "|1A2|"), ("1A2B3", "|1A2B3|"),
        ("1EE", "1EE"), ("E1", "E1"), (".E5", "|.E5|"), ("1/", "|1/|"), ("/1", "/1"),
        ("1//2", "|1//2|"), ("12/", "|12/|"), ("Ñ", "Ñ"), ("ı", "ı"), ("Σ", "Σ"), ("ς", "ς"),
        ("x", "|x|"), ("%", "%"), ("&REST", "&REST"), ("**A**", "**A**"), ("1.5E", "|1.5E|"),
        ("1.2.3", "|1.2.3|"), ("--1", "|--1|"), ("++", "++"), ("1+A", "|1+A|"),
        ("\x01", "|\x01|"), ("\xa0", "|\xa0|"), ("\x7f", "|\x7f|"),
    ],
)  # fmt: skip
def test_symbol_names(name: str, printed: str) -> None:
    # A package that uses nothing, so that "+" or "1+" are its own symbols.
    package = REGISTRY.find("PRINTER-NAMES") or REGISTRY.make("PRINTER-NAMES", [])
    symbol = package.intern(name)[0]
    assert prin1_to_string(symbol, package=package) == printed
    assert read_from_string(printed, package=package) is symbol


def test_symbol_package_prefixes() -> None:
    assert prin1_to_string(cl_symbol("CAR")) == "CAR"
    assert prin1_to_string(NIL) == "NIL"
    assert prin1_to_string(keyword("FOO")) == ":FOO"
    assert prin1_to_string(keyword("foo")) == ":|foo|"
    assert prin1_to_string(Symbol("G1")) == "#:G1"
    assert prin1_to_string(Symbol("foo")) == "#:|foo|"
    assert prin1_to_string(clysm_symbol("QUASIQUOTE")) == "CLYSM::QUASIQUOTE"
    package = REGISTRY.find("PRINTER-TEST") or REGISTRY.make("PRINTER-TEST", [])
    outer, inner = package.intern("OUTER")[0], package.intern("INNER")[0]
    package.export(outer)
    assert prin1_to_string(outer) == "PRINTER-TEST:OUTER"
    assert prin1_to_string(inner) == "PRINTER-TEST::INNER"
    assert prin1_to_string(inner, package=package) == "INNER"
    assert prin1_to_string(user("X"), package=package) == "COMMON-LISP-USER::X"
    assert prin1_to_string(cl_symbol("CAR"), package=package) == "COMMON-LISP:CAR"
    lower = REGISTRY.find("lower pkg") or REGISTRY.make("lower pkg", [])
    assert prin1_to_string(lower.intern("X")[0]) == "|lower pkg|::X"


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (1.0, "1.0"), (0.0, "0.0"), (-0.0, "-0.0"), (1e7, "1.0e7"), (9999999.0, "9999999.0"),
        (1234567.0, "1234567.0"), (0.001, "0.001"), (9.999e-4, "9.999e-4"), (1.5e10, "1.5e10"),
        (123456.7, "123456.7"), (0.1, "0.1"), (1 / 3, "0.33333334"), (100.0, "100.0"),
        (1e6, "1000000.0"), (12345678.0, "1.2345678e7"), (16777216.0, "1.6777216e7"),
        (1.1, "1.1"), (1e-10, "1.0e-10"), (1.17549435e-38, "1.1754944e-38"),
        (3.4028235e38, "3.4028235e38"), (-3671262.25, "-3671262.3"),
    ],
)  # fmt: skip
def test_single_floats(value: float, printed: str) -> None:
    assert prin1_to_string(SingleFloat(value)) == printed


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (1.0, "1.0d0"), (0.0, "0.0d0"), (-0.0, "-0.0d0"), (1e7, "1.0d7"),
        (9999999.0, "9999999.0d0"), (1e-3, "0.001d0"), (9.99e-4, "9.99d-4"), (1.5e10, "1.5d10"),
        (1e23, "1.0d23"), (0.1, "0.1d0"), (1 / 3, "0.3333333333333333d0"), (1.2, "1.2d0"),
        (1.7976931348623157e308, "1.7976931348623157d308"), (4.5e15, "4.5d15"),
        (1e16, "1.0d16"), (-2.5e-7, "-2.5d-7"),
    ],
)  # fmt: skip
def test_double_floats(value: float, printed: str) -> None:
    assert prin1_to_string(value) == printed


def test_float_specials() -> None:
    inf = float("inf")
    assert format_float(inf, double=True) == "#.SB-EXT:DOUBLE-FLOAT-POSITIVE-INFINITY"
    assert format_float(-inf, double=False) == "#.SB-EXT:SINGLE-FLOAT-NEGATIVE-INFINITY"
    assert format_float(float("nan"), double=False) == "#<SINGLE-FLOAT quiet NaN>"


def test_rationals_and_complexes() -> None:
    assert prin1_to_string(123456789012345678901234567890) == "123456789012345678901234567890"
    assert prin1_to_string(-42) == "-42"
    assert prin1_to_string(Fraction(-5, 7)) == "-5/7"
    assert prin1_to_string(LispComplex(1, 2)) == "#C(1 2)"
    assert prin1_to_string(LispComplex(SingleFloat(1.5), SingleFloat(-2.0))) == "#C(1.5 -2.0)"
    assert prin1_to_string(LispComplex(1.0, 0.0)) == "#C(1.0d0 0.0d0)"


@pytest.mark.parametrize(
    ("code", "printed"),
    [
        (ord("a"), "#\\a"), (ord("A"), "#\\A"), (32, "#\\ "), (10, "#\\Newline"),
        (9, "#\\Tab"), (13, "#\\Return"), (12, "#\\Page"), (8, "#\\Backspace"),
        (127, "#\\Rubout"), (0, "#\\Nul"), (27, "#\\Esc"), (7, "#\\Bel"), (ord("("), "#\\("),
        (ord("\\"), "#\\\\"), (0xE9, "#\\LATIN_SMALL_LETTER_E_WITH_ACUTE"),
        (0xA0, "#\\NO-BREAK_SPACE"), (0x3000, "#\\IDEOGRAPHIC_SPACE"),
        (0xAC00, "#\\HANGUL_SYLLABLE_GA"), (0x4E00, "#\\U4E00"), (0xE000, "#\\UE000"),
        (0xD800, "#\\UD800"), (0x10FFFF, "#\\U10FFFF"), (0x80, "#\\C80"),
        (0x85, "#\\Next-Line"), (0x1F5CF, "#\\UNICODE_PAGE"), (0x1FAF0, "#\\U1FAF0"),
    ],
)  # fmt: skip
def test_characters(code: int, printed: str) -> None:
    assert prin1_to_string(Char.of(code)) == printed
    assert read_from_string(printed) is Char.of(code)


def test_strings_vectors_bit_vectors() -> None:
    assert prin1_to_string(LispString('a"b\\c')) == '"a\\"b\\\\c"'
    assert prin1_to_string(LispString("")) == '""'
    assert prin1_to_string(LispVector([1, LispString("x"), user("A")])) == '#(1 "x" A)'
    assert prin1_to_string(LispVector()) == "#()"
    assert prin1_to_string(BitVector([1, 0, 1])) == "#*101"
    assert prin1_to_string(BitVector()) == "#*"


def test_lists_and_abbreviations() -> None:
    a, b = user("A"), user("B")
    quote, function = cl_symbol("QUOTE"), cl_symbol("FUNCTION")
    assert prin1_to_string(NIL) == "NIL"
    assert prin1_to_string(lisp_list(a, b)) == "(A B)"
    assert prin1_to_string(Cons(a, Cons(b, user("C")))) == "(A B . C)"
    assert prin1_to_string(lisp_list(quote, a)) == "'A"
    assert prin1_to_string(lisp_list(quote, lisp_list(quote, a))) == "''A"
    assert prin1_to_string(lisp_list(function, a)) == "#'A"
    # Only a two-element list is abbreviated; a QUOTE in the tail is not.
    assert prin1_to_string(lisp_list(quote, a, b)) == "(QUOTE A B)"
    assert prin1_to_string(Cons(quote, a)) == "(QUOTE . A)"
    assert prin1_to_string(lisp_list(quote)) == "(QUOTE)"
    assert prin1_to_string(lisp_list(a, quote, b)) == "(A QUOTE B)"


@pytest.mark.parametrize(
    "text",
    ["`(A ,B ,@C ,.D)", "`(A `(B ,,C))", "`(A . ,B)", "`#(A ,B)", "`(,@A)", "`A", "`(A ,'B)"],
)
def test_backquote_prints_as_read(text: str) -> None:
    assert prin1_to_string(read_from_string(text)) == text


def test_unquote_outside_backquote_prints_as_a_list() -> None:
    form = lisp_list(clysm_symbol("UNQUOTE"), user("X"))
    assert prin1_to_string(form) == "(CLYSM::UNQUOTE X)"


def test_circle() -> None:
    ring = read_from_string("#1=(a b . #1#)")
    assert prin1_to_string(ring, circle=True) == "#1=(A B . #1#)"
    shared = read_from_string('(#1=(x) #1# #2=#:g #2# #3="s" #3#)')
    assert prin1_to_string(shared, circle=True) == '(#1=(X) #1# #2=#:G #2# #3="s" #3#)'
    assert prin1_to_string(shared) == '((X) (X) #:G #:G "s" "s")'
    vector = read_from_string("#1=#(1 #1#)")
    assert prin1_to_string(vector, circle=True) == "#1=#(1 #1#)"
    with pytest.raises(ValueError, match="circular"):
        prin1_to_string(ring)
    with pytest.raises(ValueError, match="circular"):
        prin1_to_string(read_from_string("#1=(a #1#)"))


def test_princ() -> None:
    form = read_from_string('(:foo |a b| "str" #\\a #\\Space 1.5 1d0 #:g1 cl-user::x)')
    assert princ_to_string(form) == "(FOO a b str a   1.5 1.0d0 G1 X)"
    assert princ_to_string(LispComplex(1, 2)) == "#C(1 2)"


def test_foreign_objects_are_unreadable() -> None:
    assert prin1_to_string(True) == "#<python bool True>"
    assert prin1_to_string(object()).startswith("#<python object ")


def test_cons_repr_uses_the_printer() -> None:
    assert repr(read_from_string("(a 'b 1.5)")) == "(A 'B 1.5)"
