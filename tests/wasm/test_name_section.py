"""The name section: names reach wasm-tools' printer and engine stack traces."""

from __future__ import annotations

from engine_helpers import run_both
from wasm_samples import kitchen_sink
from wat_helpers import print_wasm

from clysm.wasm import Module, encode, validate
from clysm.wasm.types import I32


def test_names_visible_in_wasm_tools_print() -> None:
    text = print_wasm(encode(kitchen_sink()))
    for fragment in [
        '(module $"kitchen sink"',
        "(type $cons (;0;) (sub (struct (field $car (mut (ref eq)))",
        "(field $cdr (mut (ref null $cons)))",
        "(type $list-cell (;1;) (sub final $cons",
        "(field $len i32)",
        '(import "host" "print_i32" (func $print (;0;)',
        '(import "host" "g" (global $host-g (;0;) (mut i32)))',
        '(import "host" "mem" (memory $mem (;0;) 1 2))',
        '(import "host" "tbl" (table $tbl (;0;) 1 funcref))',
        '(import "host" "err" (tag $err (;0;)',
        "(func $1+ (;1;) (type 4) (param $x i32) (result i32)",
        '(local $a i32) (local $"x y" i32) (local $"b c" i64) (local i32)',
        '(func $"(setf car)" (;4;)',
        "(local $cell (ref null $cons))",
        "struct.set $cons $car",
        "(table $funcs (;1;) 2 4 (ref func) ref.func $g)",
        '(global $"minus one" (;1;) i64 i64.const -1)',
        "(elem $nulls (;2;) funcref (ref.null func))",
        '(export "err" (tag 0))',
        "(data $bytes (;0;) (i32.const 8)",
        '(data $text (;1;) "passive data")',
    ]:
        assert fragment in text, fragment
    assert '(tag $"two\\u{22}vals" (;1;)' in text


def _trap_module() -> Module:
    m = Module("traces")
    t = m.func_type([], [I32])
    inner = m.add_function("clysm_inner_trap", t, [], [("unreachable",)])
    outer = m.add_function("clysm_outer", t, [], [("call", inner), ("i32.const", 1), ("i32.add",)])
    main = m.add_function("main", t, [], [("call", outer)])
    m.add_export("main", "func", main)
    return m


def test_function_names_in_engine_stack_traces() -> None:
    wasm = encode(_trap_module())
    validate(wasm)
    node, wasmtime = run_both(wasm)
    assert node.trap is not None and "unreachable" in node.trap
    assert "clysm_inner_trap" in node.stack and "clysm_outer" in node.stack
    assert wasmtime.trap is not None
    assert "traces!clysm_inner_trap" in wasmtime.stack
    assert "traces!clysm_outer" in wasmtime.stack
