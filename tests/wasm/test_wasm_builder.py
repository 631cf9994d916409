"""The Module builder API: index spaces, dedup, ordering rules."""

from __future__ import annotations

import pytest
from wat_helpers import print_wasm

from clysm.errors import WasmBuildError
from clysm.wasm import Module, encode, validate
from clysm.wasm.types import (
    ANYREF,
    EQREF,
    F64,
    FUNCREF,
    I32,
    I64,
    FieldType,
    FuncType,
    StructType,
    SubType,
    ref,
)


def test_func_type_dedups_plain_func_types() -> None:
    m = Module()
    a = m.func_type([I32], [I64])
    b = m.func_type((I32,), (I64,))
    c = m.func_type([I32], [F64])
    assert a == b != c
    assert m.add_type(FuncType([EQREF])) == m.func_type([EQREF])


def test_func_type_does_not_reuse_rec_group_members_or_open_types() -> None:
    m = Module()
    (in_group, _) = m.add_rec_group([SubType(FuncType([I32])), SubType(StructType([]))])
    open_t = m.add_type(SubType(FuncType([I64]), final=False))
    assert m.func_type([I32]) not in (in_group, open_t)
    assert m.func_type([I64]) != open_t


def test_rec_group_indices_and_names() -> None:
    m = Module()
    m.func_type()
    idx = m.add_rec_group(
        [SubType(StructType([FieldType(ref(2))]), final=False), SubType(StructType([]), [1])],
        names=["a", "b"],
    )
    assert idx == [1, 2]
    assert m.type_names == {1: "a", 2: "b"}
    with pytest.raises(WasmBuildError, match="2 types but 1 names"):
        m.add_rec_group([SubType(StructType([])), SubType(StructType([]))], names=["x"])


def test_imports_come_first_in_their_index_space() -> None:
    m = Module()
    t = m.func_type()
    assert m.import_func("env", "f", t) == 0
    assert m.import_func("env", "g", t) == 1
    assert m.add_function("h", t) == 2
    with pytest.raises(WasmBuildError, match="func imports must come before func definitions"):
        m.import_func("env", "late", t)
    # Other kinds are independent index spaces.
    assert m.import_global("env", "x", I32) == 0
    assert m.add_global(I32, False, [("i32.const", 1)]) == 1
    with pytest.raises(WasmBuildError, match="global imports must come before"):
        m.import_global("env", "y", I32)
    m.add_tag(t)
    with pytest.raises(WasmBuildError, match="tag imports"):
        m.import_tag("env", "e", t)


def test_forward_references_with_declare_and_define() -> None:
    m = Module()
    t = m.func_type([], [I32])
    main = m.declare_function("main", t)
    helper = m.declare_function("helper", t)
    m.define_function(main, [], [("call", helper), ("i32.const", 1), ("i32.add",)])
    m.define_function(helper, [], [("i32.const", 41)])
    m.add_export("main", "func", main)
    validate(encode(m))
    with pytest.raises(WasmBuildError, match="already defined"):
        m.define_function(helper, [], [])
    with pytest.raises(WasmBuildError, match="not a declared function index"):
        m.define_function(7, [], [])


def test_function_type_must_be_a_func_type() -> None:
    m = Module()
    s = m.add_type(StructType([]))
    with pytest.raises(WasmBuildError, match="type 0 is not a func type"):
        m.add_function("f", s)
    with pytest.raises(WasmBuildError, match="type index 3 out of range"):
        m.add_function("f", 3)
    with pytest.raises(WasmBuildError, match="has results"):
        m.add_tag(m.func_type([], [I32]))


def test_segments_and_exports_are_checked() -> None:
    m = Module()
    with pytest.raises(WasmBuildError, match="exactly one of funcs and exprs"):
        m.add_element_segment("passive")
    with pytest.raises(WasmBuildError, match="needs an offset"):
        m.add_element_segment("active", funcs=[])
    with pytest.raises(WasmBuildError, match="unknown mode"):
        m.add_data_segment(b"", mode="declarative")  # type: ignore[arg-type]
    m.add_export("x", "func", 0)
    with pytest.raises(WasmBuildError, match="duplicate export"):
        m.add_export("x", "global", 0)


def test_locals_are_grouped_in_runs() -> None:
    m = Module()
    m.add_function("f", m.func_type([I32]), [I32, I32, I64, I32, ANYREF, ANYREF], [])
    wasm = encode(m)
    # 4 runs: 2 x i32, 1 x i64, 1 x i32, 2 x anyref
    assert bytes.fromhex("04027f017e017f026e") in wasm
    assert "(local i32 i32 i64 i32 anyref anyref)" in print_wasm(wasm)


def test_func_type_of() -> None:
    m = Module()
    t1, t2 = m.func_type([I32]), m.func_type([], [I64])
    m.import_func("env", "f", t1)
    m.add_function("g", t2)
    assert m.func_type_of(0) == FuncType([I32])
    assert m.func_type_of(1) == FuncType([], [I64])


def test_large_module_encodes_and_validates() -> None:
    """Thousands of functions calling each other (a code generator's scale)."""
    m = Module("big")
    t = m.func_type([I32], [I32])
    n = 3000
    first = m.declare_function("f0", t)
    for i in range(1, n):
        m.declare_function(f"f{i}", t)
    for i in range(n):
        nxt = first + (i + 1) % n
        body = [
            ("local.get", 0),
            ("i32.eqz",),
            ("if", I32),
            ("i32.const", i),
            ("else",),
            ("local.get", 0),
            ("i32.const", 1),
            ("i32.sub",),
            ("return_call", nxt),
            ("end",),
        ]
        m.define_function(first + i, [I32, EQREF], body, ["n", "tmp"])
    m.add_table(FUNCREF, n)
    m.add_element_segment("active", funcs=list(range(n)), offset=0)
    wasm = encode(m)
    validate(wasm)
    assert len(wasm) > n * 15
