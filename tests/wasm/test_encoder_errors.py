"""The encoder rejects inconsistent modules with a WasmBuildError naming the place."""

from __future__ import annotations

import pytest

from clysm.errors import WasmBuildError
from clysm.wasm import Module, encode
from clysm.wasm.module import Instr
from clysm.wasm.types import EQREF, F64, I32, FieldType, RefType, StructType, ref


def _module_with(body: list[Instr], locals: int = 0) -> Module:
    m = Module()
    m.func_type()  # type 0: [] -> []
    m.add_type(StructType([FieldType(I32, True)]), "s")  # type 1
    m.add_global(I32, True, [("i32.const", 0)])
    m.add_function("helper", 0, [], [])
    m.add_function("victim", 0, [I32] * locals, body)
    return m


def _error(body: list[Instr], locals: int = 0) -> str:
    with pytest.raises(WasmBuildError) as exc:
        encode(_module_with(body, locals))
    return str(exc.value)


def test_message_names_function_and_position() -> None:
    msg = _error([("nop",), ("nop",), ("call", 7)])
    assert msg.startswith("function 'victim' (index 1), instruction 2 ('call', 7): ")
    assert "func index 7 out of range (2 defined)" in msg


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ([("struct.new", 9)], "structtype index 9 out of range"),
        ([("struct.new", 0)], "type 0 is not a StructType"),
        ([("call_ref", 1)], "type 1 is not a FuncType"),
        ([("block", 5), ("end",)], "type index 5 out of range"),
        ([("ref.null", 42)], "type index 42 out of range"),
        ([("ref.test", RefType(17))], "type index 17 out of range"),
        ([("struct.get", 1, 1)], "field index 1 out of range (1 fields)"),
        ([("global.get", 1)], "global index 1 out of range"),
        ([("local.get", 0)], "local index 0 out of range (0 locals)"),
        ([("throw", 0)], "tag index 0 out of range"),
        ([("data.drop", 0)], "data index 0 out of range"),
        ([("elem.drop", 0)], "elem index 0 out of range"),
        ([("table.get", 0)], "table index 0 out of range"),
    ],
)
def test_bad_index(body: list[Instr], fragment: str) -> None:
    assert fragment in _error(body)


def test_unbalanced_block() -> None:
    msg = _error([("block", None), ("loop", None), ("end",)])
    assert "function 'victim' (index 1): 1 block(s) not closed" in msg
    assert "'block'" in msg


def test_extra_end() -> None:
    assert "'end' without an open block" in _error([("block", None), ("end",), ("end",)])


def test_else_outside_if() -> None:
    assert "'else' outside an 'if'" in _error([("block", None), ("else",), ("end",)])
    assert "'else' outside an 'if'" in _error([("if", None), ("else",), ("else",), ("end",)])
    assert "'else' outside an 'if'" in _error([("else",)])


@pytest.mark.parametrize(
    "body",
    [
        [("br", 1)],
        [("block", None), ("br_if", 2), ("end",)],
        [("br_table", [0, 3], 0)],
        [("br_table", [0], 1)],
        [("br_on_null", 1)],
        [("block", None), ("try_table", None, [("catch_all", 2)]), ("end",), ("end",)],
    ],
)
def test_label_out_of_range(body: list[Instr]) -> None:
    assert "out of range (block depth" in _error(body)


def test_labels_in_range_are_accepted() -> None:
    # br 0 at top level targets the function body; catch labels count from outside.
    encode(_module_with([("br", 0)]))
    encode(
        _module_with([("block", None), ("try_table", None, [("catch_all", 1)]), ("end",), ("end",)])
    )


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ([("i32.const",)], "wrong immediate shape: i32.const takes (i32)"),
        ([("local.get", 0, 1)], "wrong immediate shape"),
        ([("i32.add", 1)], "takes (no immediates)"),
        ([("i32.const", 1.5)], "is not an int"),
        ([("i32.const", 2**32)], "i32 constant 4294967296 out of range"),
        ([("i64.const", -(2**63) - 1)], "out of range"),
        ([("f64.const", "x")], "not a number"),
        ([("f32.const", 1e300)], "out of range"),
        ([("i32.load", 3, 0)], "alignment exponent 3 out of range 0..2"),
        ([("i32.load", 2, -1)], "memory offset -1 out of range"),
        ([("ref.cast", "eq")], "ref.cast needs a RefType"),
        ([("br_on_cast", 0, EQREF, "x")], "needs two RefTypes"),
        ([("try_table", None, [("catch", 0)]), ("end",)], "must be (kind, tag, label)"),
        ([("try_table", None, [("rethrow", 0)]), ("end",)], "bad catch clause"),
        ([("frobnicate",)], "unknown instruction 'frobnicate'"),
        (["nop"], "must be a non-empty tuple"),
        ([("block", "i32"), ("end",)], "bad value type 'i32'"),
        ([("select", [F64, "x"])], "bad value type 'x'"),
    ],
)
def test_bad_immediates(body: list[Instr], fragment: str) -> None:
    assert fragment in _error(body, locals=1)


def test_declared_but_undefined_function() -> None:
    m = Module()
    m.declare_function("later", m.func_type())
    with pytest.raises(WasmBuildError, match=r"function 'later' \(index 0\) was declared"):
        encode(m)


def test_bad_export_and_start() -> None:
    m = Module()
    m.add_export("nope", "func", 0)
    with pytest.raises(WasmBuildError, match="export 'nope'"):
        encode(m)
    m = Module()
    m.set_start(3)
    with pytest.raises(WasmBuildError, match="start function"):
        encode(m)


def test_bad_global_initializer() -> None:
    m = Module()
    m.add_global(I32, False, [("global.get", 5)], name="g")
    with pytest.raises(WasmBuildError, match=r"global 0 \('g'\) initializer, instruction 0"):
        encode(m)


def test_bad_local_type() -> None:
    m = Module()
    m.add_function("f", m.func_type(), [ref(99)], [])
    with pytest.raises(WasmBuildError, match=r"function 'f' \(index 0\) locals: type index 99"):
        encode(m)


def test_bad_supertype_and_field_type_reference() -> None:
    m = Module()
    with pytest.raises(WasmBuildError, match="supertype index 3 is not defined"):
        from clysm.wasm.types import SubType

        m.add_rec_group([SubType(StructType([]), [3])])
    m.add_type(StructType([FieldType(ref(8))]))
    with pytest.raises(WasmBuildError, match="rec group starting at type 0: type index 8"):
        encode(m)


def test_bad_types_are_rejected_when_built() -> None:
    with pytest.raises(WasmBuildError, match="bad heap type"):
        RefType("anything")
    with pytest.raises(WasmBuildError, match="bad value type"):
        from clysm.wasm.types import FuncType

        FuncType(["i32"])  # type: ignore[list-item]


def test_non_string_mnemonic() -> None:
    assert "unknown instruction ['nop']" in _error([(["nop"],)])


def test_ref_null_takes_a_heap_type() -> None:
    assert "is not a heap type" in _error([("ref.null", EQREF)])
    assert "unknown abstract heap type 'cons'" in _error([("ref.null", "cons")])


def test_memoized_instructions_are_still_checked_in_place() -> None:
    # The encoder keeps the bytes of each distinct instruction: a label valid
    # at one depth must still be rejected at a shallower one, and a local
    # index valid in one function must be rejected in a function with fewer.
    msg = _error([("block", None), ("br", 1), ("end",), ("br", 1)])
    assert "instruction 3 ('br', 1): label 1 out of range (block depth 0)" in msg
    m = _module_with([("local.get", 0)], locals=1)
    m.add_function("fewer", 0, [], [("local.get", 0)])
    with pytest.raises(WasmBuildError, match=r"'fewer'.*local index 0 out of range"):
        encode(m)


def test_memoized_bytes_match_the_general_path() -> None:
    body: list[Instr] = [("block", None), ("i32.const", 300), ("drop",), ("br", 0), ("end",)]
    once = encode(_module_with(body))
    twice = encode(_module_with(body + body))
    # The second copy of the body encodes to the same bytes as the first.
    code = bytes([0x02, 0x40, 0x41, 0xAC, 0x02, 0x1A, 0x0C, 0x00, 0x0B])
    assert once.count(code) == 1
    assert twice.count(code) == 2
