"""The standard syntax, item by item: what the reader builds from each construct."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from clysm.errors import LispReaderError, SourcePos
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
    T,
    to_pylist,
)
from clysm.lisp.packages import Package, cl_symbol, clysm_symbol, keyword, standard_packages
from clysm.reader import (
    EOF,
    QUASIQUOTE,
    UNQUOTE,
    UNQUOTE_NSPLICING,
    UNQUOTE_SPLICING,
    LispReaderEOFError,
    Reader,
    read_all,
    read_from_string,
)

REGISTRY = standard_packages()
CL_USER = REGISTRY.cl_user
QUOTE = cl_symbol("QUOTE")
FUNCTION = cl_symbol("FUNCTION")


def user(name: str) -> Symbol:
    return CL_USER.intern(name)[0]


def scratch_package(name: str) -> Package:
    package = REGISTRY.find(name)
    return package if package is not None else REGISTRY.make(name, [], use=[REGISTRY.common_lisp])


def read(text: str, **options: Any) -> Any:
    return read_from_string(text, **options)


# -- numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("-0", 0),
        ("+17", 17),
        ("123456789012345678901234567890", 123456789012345678901234567890),
        ("17.", 17),
        ("-17.", -17),
        ("1/2", Fraction(1, 2)),
        ("-3/6", Fraction(-1, 2)),
        ("4/2", 2),
        ("-0/5", 0),
        ("#b1011", 11),
        ("#B-101", -5),
        ("#o777", 511),
        ("#x+AbC", 2748),
        ("#xff/2", Fraction(255, 2)),
        ("#36rZZ", 1295),
        ("#2r-1/10", Fraction(-1, 2)),
        ("#x ff", 255),
    ],
)
def test_rationals(text: str, value: int | Fraction) -> None:
    result = read(text)
    assert type(result) is type(value)
    assert result == value


def test_read_base() -> None:
    assert read("ff", read_base=16) == 255
    assert read("10.", read_base=16) == 10  # a trailing dot means decimal
    assert read("1.5", read_base=16) == SingleFloat(1.5)  # floats are always decimal
    assert read("ff") is user("FF")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.0", 1.0),
        ("1.5", 1.5),
        (".5", 0.5),
        ("+.5", 0.5),
        ("-.5e2", -50.0),
        ("1e5", 1e5),
        ("1.e5", 1e5),
        ("1.5E3", 1500.0),
        ("1.0f0", 1.0),
        ("1.0s0", 1.0),
        ("1e-50", 0.0),
    ],
)
def test_single_floats(text: str, value: float) -> None:
    result = read(text)
    assert isinstance(result, SingleFloat)
    assert result.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.0d0", 1.0), ("1.0l0", 1.0), ("-1.5d-3", -1.5e-3), ("1d23", 1e23), ("0.1d0", 0.1)],
)
def test_double_floats(text: str, value: float) -> None:
    result = read(text)
    assert type(result) is float
    assert result == value


def test_negative_zero_keeps_its_sign() -> None:
    assert str(read("-0.0").value) == "-0.0"
    assert str(read("-0.0d0")) == "-0.0"


def test_single_floats_are_rounded_once_from_the_exact_decimal() -> None:
    # Rounding through binary64 first, or by steps, lands on a neighbour here.
    assert read("9057876.51").value == 9057877.0
    assert read("370763422.5").value == 370763424.0
    assert read("0.1").value == SingleFloat(0.1).value
    # Denormals are kept (SBCL 2.2 reads 1e-45 as 0.0).
    assert read("1e-45").value == 2.0**-149
    assert read("3.4028235e38").value == 3.4028234663852886e38


@pytest.mark.parametrize(
    "text",
    ["1+", "1-", "+", "-", "+.", ".e5", "1e", "1e+", "1.5.3", "1/2.0", "^1", "1a", "1/-2", "..a"],
)
def test_potential_numbers_that_are_not_numbers_are_symbols(text: str) -> None:
    result = read(text)
    assert isinstance(result, Symbol)
    assert result.name == text.upper()


# -- symbols ---------------------------------------------------------------


def test_symbols_are_upcased_and_interned_in_the_current_package() -> None:
    assert read("foo") is user("FOO")
    assert read("Foo") is read("FOO")
    assert read("car") is cl_symbol("CAR")
    assert read("nil") is NIL
    assert read("t") is T
    # CL-USER uses CLYSM, so its external symbols are accessible too.
    assert read("foo").package is CL_USER


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("|Mixed Case|", "Mixed Case"),
        ("a|b c|d", "Ab cD"),
        ("|a|b|c|", "aBc"),
        ("a\\bc", "AbC"),
        ("\\1", "1"),
        ("1\\2", "12"),
        ("|a\\|b|", "a|b"),
        ("||", ""),
        ("|.|", "."),
        ("ß", "ß"),  # no one-to-one upper case
        ("é", "É"),
    ],
)
def test_escapes_keep_case_and_make_symbols(text: str, name: str) -> None:
    result = read(text)
    assert isinstance(result, Symbol)
    assert result.name == name


def test_keywords() -> None:
    assert read(":foo") is keyword("FOO")
    assert read("::foo") is keyword("FOO")
    assert read("keyword:bar") is keyword("BAR")
    assert read(":|foo|").name == "foo"
    assert read(":foo").is_keyword


def test_package_prefixes() -> None:
    assert read("cl:car") is cl_symbol("CAR")
    assert read("common-lisp:cons") is cl_symbol("CONS")
    assert read("cl::car") is cl_symbol("CAR")
    assert read("cl:|CAR|") is cl_symbol("CAR")
    package = scratch_package("READER-TEST-PREFIX")
    inner = read("reader-test-prefix::inner")
    assert inner.package is package
    assert package.find_symbol("INNER")[1] == "INTERNAL"
    package.export(package.intern("OUTER")[0])
    assert read("reader-test-prefix:outer") is package.find_symbol("OUTER")[0]


def test_uninterned_symbols_are_fresh() -> None:
    first, second = read("#:foo"), read("#:foo")
    assert first.package is None and first.name == "FOO"
    assert first is not second
    assert read("#:|foo|").name == "foo"
    assert read("#:\\1").name == "1"
    assert read("#:").name == ""


def test_current_package_can_change_between_forms() -> None:
    package = scratch_package("READER-TEST-SWITCH")
    reader = Reader("(in-package x) foo foo")
    reader.read()
    reader.package = package
    first = reader.read()
    assert first.package is package
    reader.package = CL_USER
    assert reader.read() is user("FOO")


def test_reader_defaults() -> None:
    reader = Reader("x")
    assert reader.package is CL_USER
    assert reader.features == frozenset(
        {"CLYSM", "COMMON-LISP", "ANSI-CL", "IEEE-FLOATING-POINT", "WASM"}
    )


# -- strings and characters ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [('"abc"', "abc"), ('"a\\"b"', 'a"b'), ('"a\\\\b"', "a\\b"), ('"\\a"', "a"), ('""', ""),
     ('"line\nbreak"', "line\nbreak"), ('"é"', "é")],
)  # fmt: skip
def test_strings(text: str, value: str) -> None:
    result = read(text)
    assert isinstance(result, LispString)
    assert result.text == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("#\\a", ord("a")),
        ("#\\A", ord("A")),
        ("#\\Space", 32),
        ("#\\sPaCe", 32),
        ("#\\ ", 32),
        ("#\\Newline", 10),
        ("#\\Linefeed", 10),
        ("#\\Tab", 9),
        ("#\\Return", 13),
        ("#\\Page", 12),
        ("#\\Backspace", 8),
        ("#\\Rubout", 127),
        ("#\\Nul", 0),
        ("#\\Null", 0),
        ("#\\Escape", 27),
        ("#\\Esc", 27),
        ("#\\Bel", 7),
        ("#\\(", ord("(")),
        ("#\\)", ord(")")),
        ("#\\;", ord(";")),
        ("#\\\\", ord("\\")),
        ("#\\U+41", 0x41),
        ("#\\U41", 0x41),
        ("#\\u+1F600", 0x1F600),
        ("#\\latin_small_letter_e_with_acute", 0xE9),
        ("#\\NO-BREAK_SPACE", 0xA0),
        ("#\\é", 0xE9),
        ("#\\U", ord("U")),
    ],
)
def test_characters(text: str, code: int) -> None:
    assert read(text) is Char.of(code)


def test_character_followed_by_terminator() -> None:
    assert to_pylist(read("(#\\a #\\))")) == [Char.of("a"), Char.of(")")]


# -- quote, function, backquote ----------------------------------------------


def test_quote_and_function() -> None:
    assert to_pylist(read("'x")) == [QUOTE, user("X")]
    assert to_pylist(read("#'car")) == [FUNCTION, cl_symbol("CAR")]
    inner = read("''x").cdr.car
    assert to_pylist(inner) == [QUOTE, user("X")]


def test_backquote_forms_live_in_clysm() -> None:
    assert QUASIQUOTE is clysm_symbol("QUASIQUOTE")
    assert UNQUOTE.package is REGISTRY.clysm
    assert REGISTRY.clysm.find_symbol("QUASIQUOTE")[1] == "INTERNAL"


def test_backquote_structure() -> None:
    form = read("`(a ,b ,@c ,.d)")
    assert form.car is QUASIQUOTE
    a, b, c, d = to_pylist(form.cdr.car)
    assert a is user("A")
    assert to_pylist(b) == [UNQUOTE, user("B")]
    assert to_pylist(c) == [UNQUOTE_SPLICING, user("C")]
    assert to_pylist(d) == [UNQUOTE_NSPLICING, user("D")]


def test_nested_backquote() -> None:
    form = read("`(a `(b ,,c))")
    inner = to_pylist(form.cdr.car)[1]
    assert inner.car is QUASIQUOTE
    comma = to_pylist(inner.cdr.car)[1]
    assert comma.car is UNQUOTE
    assert to_pylist(comma.cdr.car) == [UNQUOTE, user("C")]


def test_backquote_dotted_unquote_is_the_list_tail() -> None:
    # `(a . ,b) is (QUASIQUOTE (A UNQUOTE B)): the tail is the (UNQUOTE B) list.
    body = read("`(a . ,b)").cdr.car
    assert body.car is user("A")
    assert to_pylist(body.cdr) == [UNQUOTE, user("B")]


def test_backquoted_vector_keeps_unquotes_inside_the_vector() -> None:
    form = read("`#(a ,b ,@c)")
    assert form.car is QUASIQUOTE
    vector = form.cdr.car
    assert isinstance(vector, LispVector)
    assert vector.items[0] is user("A")
    assert to_pylist(vector.items[1]) == [UNQUOTE, user("B")]
    assert to_pylist(vector.items[2]) == [UNQUOTE_SPLICING, user("C")]


# -- vectors, bit vectors, arrays, complexes -----------------------------------


def test_vectors() -> None:
    vector = read('#(1 a "s" #(2))')
    assert isinstance(vector, LispVector)
    assert vector.items[:2] == [1, user("A")]
    assert vector.items[2] == LispString("s")
    assert vector.items[3].items == [2]
    assert read("#()").items == []
    assert read("#3(a b)").items == [user("A"), user("B"), user("B")]
    assert read('#1A"ab"').items == [Char.of("a"), Char.of("b")]
    assert read("#1a(1 2)").items == [1, 2]


def test_bit_vectors() -> None:
    assert read("#*0101") == BitVector([0, 1, 0, 1])
    assert read("#*") == BitVector([])
    assert read("#5*01") == BitVector([0, 1, 1, 1, 1])
    assert read("#0*") == BitVector([])


@pytest.mark.parametrize(
    ("text", "real", "imag"),
    [
        ("#c(1 2)", 1, 2),
        ("#C(1/2 -3)", Fraction(1, 2), -3),
        ("#c(1 2.0)", SingleFloat(1.0), SingleFloat(2.0)),
        ("#c(1.0 0)", SingleFloat(1.0), SingleFloat(0.0)),
        ("#c(1.0 2d0)", 1.0, 2.0),
        ("#c(1/2 0.5d0)", 0.5, 0.5),
    ],
)
def test_complex(text: str, real: Any, imag: Any) -> None:
    value = read(text)
    assert value == LispComplex(real, imag)
    assert type(value.real) is type(real) and type(value.imag) is type(imag)


def test_complex_with_rational_zero_imaginary_part_is_rational() -> None:
    assert read("#c(5 0)") == 5
    assert read("#c(1/2 0)") == Fraction(1, 2)


# -- #. #+ #- -------------------------------------------------------------------


def test_read_eval_calls_the_evaluator() -> None:
    seen: list[Any] = []

    def evaluate(form: Any) -> Any:
        seen.append(form)
        return 42

    assert to_pylist(read("(a #.(+ 1 2))", read_eval=evaluate)) == [user("A"), 42]
    assert to_pylist(seen[0]) == [cl_symbol("+"), 1, 2]


def test_read_eval_not_called_in_skipped_forms() -> None:
    def evaluate(form: Any) -> Any:
        raise AssertionError("evaluated a skipped form")

    assert read("#+(or) #.(boom) 7", read_eval=evaluate) == 7


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("#+clysm 1", 1),
        ("#-clysm 1 2", 2),
        ("#+wasm 1", 1),
        ("#+sbcl 1 2", 2),
        ("#+(or sbcl clysm) 1 2", 1),
        ("#+(and clysm (not sbcl)) 1 2", 1),
        ("#+(and) 1", 1),
        ("#+(or) 1 2", 2),
        ("#-(or) 1", 1),
        ("#+:clysm 1", 1),
        ("#+(:not :clysm) 1 2", 2),
        ("#+cl:nil 1 2", 2),
        ("#+(or)#+(or) 1 2 3", 3),
        ("#-(and) #+(or) 1 2 3", 3),
    ],
)
def test_features(text: str, value: int) -> None:
    assert read(text) == value


def test_custom_features() -> None:
    assert read("#+sbcl 1 2", features=frozenset({"SBCL"})) == 1
    assert read("#+clysm 1 2", features=frozenset()) == 2


def test_skipped_forms_do_not_intern_or_resolve_packages() -> None:
    text = "#+(or) (zz-never-interned nosuch:thing a:b:c ... #\\nosuchname #x12g ,x) 5"
    assert read(text) == 5
    assert CL_USER.find_symbol("ZZ-NEVER-INTERNED") == (None, None)
    # Unknown # dispatch in skipped text swallows the next object, as in SBCL.
    assert to_pylist(read("(list #+(or) #z foo bar)")) == [cl_symbol("LIST"), user("BAR")]


def test_feature_expressions_are_read_in_keyword() -> None:
    read("#+zz-feature-kw 1 2")
    assert keyword("ZZ-FEATURE-KW").is_keyword
    assert CL_USER.find_symbol("ZZ-FEATURE-KW") == (None, None)


# -- comments and lists --------------------------------------------------------


def test_comments() -> None:
    assert to_pylist(read("(a ; comment\n b)")) == [user("A"), user("B")]
    assert to_pylist(read("(a #| x |# b)")) == [user("A"), user("B")]
    assert read("#| a #| nested |# b |# x") is user("X")
    assert read("#||#x") is user("X")
    assert read("; only a comment\n 5") == 5


def test_dotted_lists() -> None:
    pair = read("(a . b)")
    assert pair.car is user("A") and pair.cdr is user("B")
    assert to_pylist(read("(a . (b c))")) == [user("A"), user("B"), user("C")]
    assert to_pylist(read("(a . nil)")) == [user("A")]
    value = read("(a b . c)")
    assert value.cdr.cdr is user("C")
    assert read("(a . b #| x |#)").cdr is user("B")
    assert read("(a . #+(or) x b)").cdr is user("B")
    assert read("()") is NIL


def test_labels_share_structure() -> None:
    first, second = to_pylist(read("(#1=(a) #1#)"))
    assert first is second
    # Labels may be nested, and referenced before the labelled object is finished.
    outer = read("#1=(#2=(a) #2# . #1#)")
    assert outer.car is outer.cdr.car
    assert outer.cdr.cdr is outer


def test_circular_list_and_vector() -> None:
    ring = read("#1=(a b . #1#)")
    assert ring.cdr.cdr is ring
    vector = read("#1=#(x #1#)")
    assert vector.items[1] is vector
    self_car = read("#1=(#1#)")
    assert self_car.car is self_car


def test_labels_are_per_top_level_form() -> None:
    reader = Reader("#1=(a) #1=(b)")
    assert to_pylist(reader.read()) == [user("A")]
    assert to_pylist(reader.read()) == [user("B")]


@pytest.mark.parametrize(
    ("text", "what"), [('#p"foo"', "pathname"), ("#s(point x 1)", "structure")]
)
def test_pathnames_and_structures_are_not_supported(text: str, what: str) -> None:
    with pytest.raises(LispReaderError, match=f"#[pPsS] \\({what}\\) syntax is not supported"):
        read(text)


# -- positions and the reading protocol ------------------------------------


def test_cons_positions() -> None:
    text = "(defun f (x)\n  ;; c\n  (+ x\n     1))"
    form = Reader(text, "f.lisp").read()
    conses = []
    tail = form
    while isinstance(tail, Cons):
        conses.append(tail)
        tail = tail.cdr
    assert [c.pos for c in conses] == [
        SourcePos("f.lisp", 1, 1),
        SourcePos("f.lisp", 1, 8),
        SourcePos("f.lisp", 1, 10),
        SourcePos("f.lisp", 3, 3),
    ]
    body = conses[3].car
    assert body.pos == SourcePos("f.lisp", 3, 3)
    assert body.cdr.pos == SourcePos("f.lisp", 3, 6)
    assert body.cdr.cdr.pos == SourcePos("f.lisp", 4, 6)


def test_quote_positions() -> None:
    form = Reader("  '  x", "q.lisp").read()
    assert form.pos == SourcePos("q.lisp", 1, 3)
    assert form.cdr.pos == SourcePos("q.lisp", 1, 6)
    backquoted = Reader("`(a ,b)", "q.lisp").read()
    comma = backquoted.cdr.car.cdr.car
    assert comma.pos == SourcePos("q.lisp", 1, 5)
    assert comma.cdr.pos == SourcePos("q.lisp", 1, 6)


def test_read_with_pos_skips_comments_and_skipped_forms() -> None:
    reader = Reader("; c\n  a #+(or) b\n#| x |# (c)", "p.lisp")
    assert reader.read_with_pos() == (user("A"), SourcePos("p.lisp", 2, 3))
    value, pos = reader.read_with_pos()
    assert value.car is user("C") and pos == SourcePos("p.lisp", 3, 9)
    assert reader.read_with_pos(eof_error_p=False) == (EOF, SourcePos("p.lisp", 3, 12))


def test_end_of_input() -> None:
    reader = Reader("a ; trailing comment")
    assert reader.read() is user("A")
    assert reader.read(eof_error_p=False) is EOF
    assert reader.read(eof_error_p=False, eof_value=NIL) is NIL
    with pytest.raises(LispReaderEOFError) as info:
        reader.read()
    assert not info.value.incomplete


def test_read_all() -> None:
    forms = read_all("a (b) 'c #+(or) d", "all.lisp")
    assert len(forms) == 3
    assert forms[0] is user("A")
    assert forms[1].pos == SourcePos("all.lisp", 1, 3)
    assert read_all("  ; nothing\n") == []


def test_repeated_tokens_read_in_the_context_of_each_occurrence() -> None:
    # The reader looks up plain tokens it has read before in the same form;
    # #X, the KEYWORD package of feature expressions and escapes still apply.
    assert to_pylist(read("(ff #xff ff)")) == [user("FF"), 255, user("FF")]
    form = to_pylist(read("(sbcl #-sbcl sbcl sbcl)"))
    assert form == [user("SBCL"), user("SBCL"), user("SBCL")]
    assert to_pylist(read("(foo |foo| foo)")) == [user("FOO"), user("foo"), user("FOO")]
    a, b = to_pylist(read("(#:g g)"))
    assert a is not b and a.package is None and b is user("G")
