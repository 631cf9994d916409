"""to_wat: wasm-tools parses the text back into the same module."""

from __future__ import annotations

import pytest
from wasm_samples import all_samples, kitchen_sink
from wat_helpers import parse_wat, print_wasm

from clysm.wasm import Module, encode, to_wat, validate
from clysm.wasm.types import I32
from clysm.wasm.wat import f32_text, f64_text, ident, quote

MODULES: dict[str, Module] = {s.name: s.module for s in all_samples()}
MODULES["kitchen_sink"] = kitchen_sink()


@pytest.mark.parametrize("name", list(MODULES))
def test_wat_parses_to_the_same_module(name: str) -> None:
    m = MODULES[name]
    ours = encode(m)
    theirs = parse_wat(to_wat(m))
    validate(theirs)
    assert print_wasm(theirs) == print_wasm(ours)


def test_kitchen_sink_validates() -> None:
    validate(encode(kitchen_sink()))


def test_identifiers_and_strings() -> None:
    assert ident("car") == "$car"
    assert ident("1+") == "$1+"
    assert quote('a"b\\c\n') == '"a\\22b\\5cc\\0a"'
    assert quote("λ") == '"\\ce\\bb"'


def test_quoted_identifier() -> None:
    assert ident("(setf car)") == '$"(setf car)"'
    assert ident("a b") == '$"a b"'


def test_duplicate_names_are_made_unique() -> None:
    m = Module()
    t = m.func_type([I32, I32])
    f = m.add_function("dup", t, [], [], ["a", "a"])
    m.add_function("dup", t, [], [("local.get", 1), ("local.get", 0), ("call", f)], ["a", "a"])
    text = to_wat(m)
    printed = print_wasm(parse_wat(text))
    assert "(func $dup (;0;) (type 0) (param $a i32) (param $a#1 i32)" in printed
    assert "(func $dup#1 (;1;)" in printed
    assert "call $dup\n" in printed


def test_float_text() -> None:
    assert f64_text(1.5) == "0x1.8000000000000p+0"
    assert f64_text(-0.0) == "-0x0.0p+0"
    assert f64_text(float("inf")) == "inf"
    assert f64_text(float("-inf")) == "-inf"
    assert f64_text(float("nan")) == "nan:0x8000000000000"
    assert f32_text(0.1) == (0.10000000149011612).hex()
    assert f32_text(float("-inf")) == "-inf"
    assert f32_text(float("nan")) == "nan:0x400000"


def test_empty_name_is_left_out() -> None:
    m = Module("")
    m.add_function("", m.func_type(), [I32], [], [""])
    validate(parse_wat(to_wat(m)))
