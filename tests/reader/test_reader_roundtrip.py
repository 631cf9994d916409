"""Property tests: printed data reads back as equal data, at the printed positions."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from reader_helpers import lisp_equal

from clysm.errors import SourcePos
from clysm.lisp.cl_symbols import CL_EXTERNAL_SYMBOLS
from clysm.lisp.data import (
    BitVector,
    Char,
    Cons,
    LispComplex,
    LispString,
    LispVector,
    SingleFloat,
    Symbol,
    lisp_list,
    list_from,
)
from clysm.lisp.packages import Package, cl_symbol, clysm_symbol, keyword, standard_packages
from clysm.lisp.printer import prin1_to_string
from clysm.reader import EOF, Reader, read_from_string

REGISTRY = standard_packages()


def _package(name: str, use: list[Package]) -> Package:
    return REGISTRY.find(name) or REGISTRY.make(name, [], use=use)


# The current package of these tests, and another one holding internal and
# external symbols; both keep random names out of CL-USER.
HOME = _package("ROUNDTRIP-HOME", [REGISTRY.common_lisp])
OTHER = _package("ROUNDTRIP-OTHER", [])

names = st.text(max_size=6)
symbols = st.one_of(
    names.map(lambda n: HOME.intern(n)[0]),
    names.map(lambda n: OTHER.intern(n)[0]),
    names.map(lambda n: OTHER.intern("X-" + n)[0]).map(lambda s: (OTHER.export(s), s)[1]),
    names.map(keyword),
    names.map(Symbol),
    st.sampled_from(CL_EXTERNAL_SYMBOLS).map(cl_symbol),
)
rationals = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**130), max_value=2**130),
    st.fractions().filter(lambda f: f.denominator != 1),
)
singles = st.floats(width=32, allow_nan=False, allow_infinity=False).map(SingleFloat)
doubles = st.floats(allow_nan=False, allow_infinity=False)
complexes = st.one_of(
    st.tuples(rationals, rationals.filter(lambda x: x != 0)),
    st.tuples(singles, singles),
    st.tuples(doubles, doubles),
).map(lambda parts: LispComplex(*parts))
chars = st.integers(min_value=0, max_value=0x10FFFF).map(Char.of)
atoms = st.one_of(
    symbols,
    rationals,
    singles,
    doubles,
    complexes,
    chars,
    st.text(max_size=8).map(LispString),
    st.lists(st.integers(0, 1), max_size=9).map(BitVector),
)

SPECIAL_HEADS = [
    cl_symbol("QUOTE"),
    cl_symbol("FUNCTION"),
    clysm_symbol("QUASIQUOTE"),
    clysm_symbol("UNQUOTE"),
    clysm_symbol("UNQUOTE-SPLICING"),
    clysm_symbol("UNQUOTE-NSPLICING"),
]


def _containers(children: st.SearchStrategy[Any], quoting: bool) -> st.SearchStrategy[Any]:
    options = [
        st.lists(children, max_size=5).map(list_from),
        st.tuples(st.lists(children, min_size=1, max_size=4), atoms).map(
            lambda p: list_from(p[0], p[1])
        ),
        st.lists(children, max_size=4).map(LispVector),
    ]
    if quoting:
        options.append(
            st.tuples(st.sampled_from(SPECIAL_HEADS), children).map(lambda p: lisp_list(*p))
        )
    return st.one_of(*options)


data = st.recursive(atoms, lambda c: _containers(c, True), max_leaves=20)
plain_data = st.recursive(atoms, lambda c: _containers(c, False), max_leaves=20)


def print_form(x: Any) -> str:
    return prin1_to_string(x, package=HOME)


@settings(max_examples=300, deadline=None)
@given(data)
def test_print_then_read_gives_equal_data(x: Any) -> None:
    text = print_form(x)
    reader = Reader(text, package=HOME)
    assert lisp_equal(reader.read(), x), text
    assert reader.read(eof_error_p=False) is EOF


separators = st.lists(
    st.sampled_from([" ", "\n", "\t", "  ", "; note\n", " #| block |# ", " #+(or) skipped "]),
    min_size=1,
    max_size=3,
).map("".join)


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def _offset(text: str, pos: SourcePos) -> int:
    return _line_starts(text)[pos.line - 1] + pos.column - 1


def _check_cons_positions(x: Any, text: str) -> None:
    """The head cons of a list is at its '('; every later cons at its car's text."""
    pending = [x]
    while pending:
        item = pending.pop()
        if isinstance(item, LispVector):
            pending.extend(item.items)
        if not isinstance(item, Cons):
            continue
        assert item.pos is not None
        assert text[_offset(text, item.pos)] == "("
        pending.append(item.car)
        tail = item.cdr
        while isinstance(tail, Cons):
            assert tail.pos is not None
            assert text.startswith(print_form(tail.car), _offset(text, tail.pos))
            pending.append(tail.car)
            tail = tail.cdr
        pending.append(tail)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(separators, plain_data), max_size=5), separators)
def test_forms_between_comments_keep_their_positions(
    items: list[tuple[str, Any]], trailer: str
) -> None:
    text = ""
    expected = []
    for separator, x in items:
        text += separator
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        expected.append((x, SourcePos("gen.lisp", line, column)))
        text += print_form(x)
    text += trailer
    reader = Reader(text, "gen.lisp", package=HOME)
    for x, pos in expected:
        value, value_pos = reader.read_with_pos()
        assert lisp_equal(value, x), text
        assert value_pos == pos
        _check_cons_positions(value, text)
    assert reader.read(eof_error_p=False) is EOF


@settings(max_examples=300, deadline=None)
@given(st.floats(width=32, allow_nan=False, allow_infinity=False, min_value=0.0, exclude_min=True))
def test_single_floats_print_few_digits(value: float) -> None:
    text = prin1_to_string(SingleFloat(value))
    assert read_from_string(text).value == value
    mantissa = text.split("e")[0]
    digits = mantissa.replace(".", "").strip("0")
    assert 1 <= len(digits) <= 9
    if len(digits) > 1:
        # The nearest decimal with one digit fewer is a different single-float.
        shorter = f"{value:.{len(digits) - 2}e}"
        assert read_from_string(shorter).value != value, (text, shorter)
