"""More sample modules: arrays, function references, globals, memory, numerics."""

from __future__ import annotations

from wasm_samples import Sample, main_only, sample

from clysm.wasm.module import Instr, Module
from clysm.wasm.types import (
    F64,
    FUNCREF,
    I8,
    I32,
    I64,
    ArrayType,
    FieldType,
    StructType,
    ValType,
    ref,
    ref_null,
)

# -- arrays ------------------------------------------------------------------------


@sample
def arrays() -> Sample:
    m = Module("arrays")
    by = m.add_type(ArrayType(FieldType(I8, True)), "bytes")
    ints = m.add_type(ArrayType(FieldType(I32, True)), "ints")
    text = m.add_data_segment(b"Hello, WasmGC!", name="greeting")
    body: list[Instr] = [
        # b = bytes from the passive data segment
        ("i32.const", 0),
        ("i32.const", 14),
        ("array.new_data", by, text),
        ("local.set", 0),
        # a = [10, 20, 30, 40, 50]
        ("i32.const", 10),
        ("i32.const", 20),
        ("i32.const", 30),
        ("i32.const", 40),
        ("i32.const", 50),
        ("array.new_fixed", ints, 5),
        ("local.set", 1),
        # c = [0] * 8; c[2:5] = 7; c[5:8] = a[1:4]
        ("i32.const", 8),
        ("array.new_default", ints),
        ("local.set", 2),
        ("local.get", 2),
        ("i32.const", 2),
        ("i32.const", 7),
        ("i32.const", 3),
        ("array.fill", ints),
        ("local.get", 2),
        ("i32.const", 5),
        ("local.get", 1),
        ("i32.const", 1),
        ("i32.const", 3),
        ("array.copy", ints, ints),
        # sum(c) in a loop -> local 3
        ("block", None),
        ("loop", None),
        ("local.get", 4),
        ("local.get", 2),
        ("array.len",),
        ("i32.ge_u",),
        ("br_if", 1),
        ("local.get", 3),
        ("local.get", 2),
        ("local.get", 4),
        ("array.get", ints),
        ("i32.add",),
        ("local.set", 3),
        ("local.get", 4),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", 4),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", 3),
        ("i32.const", 1_000_000),
        ("i32.mul",),
        # b[4] = 'o'
        ("local.get", 0),
        ("i32.const", 4),
        ("array.get_u", by),
        ("i32.const", 1000),
        ("i32.mul",),
        ("i32.add",),
        ("local.get", 1),
        ("array.len",),
        ("local.get", 0),
        ("array.len",),
        ("i32.add",),
        ("i32.const", 10),
        ("i32.mul",),
        ("i32.add",),
        # b[0] = 0xFF, read back signed: -1
        ("local.get", 0),
        ("i32.const", 0),
        ("i32.const", 0xFF),
        ("array.set", by),
        ("local.get", 0),
        ("i32.const", 0),
        ("array.get_s", by),
        ("i32.const", 2),
        ("i32.add",),
        ("i32.add",),
    ]
    locals: list[ValType] = [ref_null(by), ref_null(ints), ref_null(ints), I32, I32]
    m = main_only("", [I32], body, locals=locals, module=m)
    return Sample("arrays", m, expected=111_000_000 + 111_000 + 190 + 1)


@sample
def arrays_from_segments() -> Sample:
    m = Module("array_segments")
    by = m.add_type(ArrayType(FieldType(I8, True)), "bytes")
    fns = m.add_type(ArrayType(FieldType(FUNCREF, True)), "fns")
    ints = m.add_type(ArrayType(FieldType(I32, True)), "ints")
    t = m.func_type([], [I32])
    f1 = m.add_function("one", t, [], [("i32.const", 1)])
    f2 = m.add_function("forty_two", t, [], [("i32.const", 42)])
    elems = m.add_element_segment("passive", exprs=[[("ref.func", f1)], [("ref.func", f2)]])
    m.add_element_segment("declarative", funcs=[f1, f2])
    data = m.add_data_segment(b"Hello, WasmGC!")
    body: list[Instr] = [
        # array.new_elem + call through element 1
        ("i32.const", 0),
        ("i32.const", 2),
        ("array.new_elem", fns, elems),
        ("local.tee", 0),
        ("i32.const", 1),
        ("array.get", fns),
        ("ref.cast", ref(t)),
        ("call_ref", t),
        # array.init_elem overwrites slot 1 with element 0 -> calls "one"
        ("local.get", 0),
        ("i32.const", 1),
        ("i32.const", 0),
        ("i32.const", 1),
        ("array.init_elem", fns, elems),
        ("local.get", 0),
        ("i32.const", 1),
        ("array.get", fns),
        ("ref.cast", ref(t)),
        ("call_ref", t),
        ("i32.const", 100),
        ("i32.mul",),
        ("i32.add",),
        # array.init_data: "Wasm" into a 4-byte array; 'W' = 87
        ("i32.const", 4),
        ("array.new_default", by),
        ("local.tee", 1),
        ("i32.const", 0),
        ("i32.const", 7),
        ("i32.const", 4),
        ("array.init_data", by, data),
        ("local.get", 1),
        ("i32.const", 0),
        ("array.get_u", by),
        ("i32.const", 1000),
        ("i32.mul",),
        ("i32.add",),
        # array.new: [3, 3, 3, 3]; element 3
        ("i32.const", 3),
        ("i32.const", 4),
        ("array.new", ints),
        ("i32.const", 3),
        ("array.get", ints),
        ("i32.const", 100_000),
        ("i32.mul",),
        ("i32.add",),
    ]
    m = main_only("", [I32], body, locals=[ref_null(fns), ref_null(by)], module=m)
    return Sample("arrays_from_segments", m, expected=42 + 100 + 87_000 + 300_000)


@sample
def array_out_of_bounds_traps() -> Sample:
    m = Module("array_oob")
    ints = m.add_type(ArrayType(FieldType(I32, True)), "ints")
    body: list[Instr] = [
        ("i32.const", 1),
        ("array.new_fixed", ints, 1),
        ("i32.const", 1),
        ("array.get", ints),
    ]
    return Sample(
        "array_out_of_bounds_traps",
        main_only("", [I32], body, module=m),
        trap={"node": "array element access out of bounds", "wasmtime": "out of bounds"},
    )


# -- function references ----------------------------------------------------------------


@sample
def call_ref_and_null_branches() -> Sample:
    m = Module("call_ref")
    t = m.func_type([I32], [I32])
    dbl = m.add_function(
        "double", t, [], [("local.get", 0), ("i32.const", 2), ("i32.mul",)], local_names=["x"]
    )
    m.add_element_segment("declarative", funcs=[dbl])
    m.add_table(FUNCREF, 1, name="tbl")
    m.add_element_segment("active", funcs=[dbl], offset=0)
    body: list[Instr] = [
        ("ref.func", dbl),
        ("local.set", 0),
        ("i32.const", 21),
        ("local.get", 0),
        ("call_ref", t),
        # br_on_non_null passes the non-null reference on
        ("block", ref(t)),
        ("local.get", 0),
        ("br_on_non_null", 0),
        ("unreachable",),
        ("end",),
        ("local.set", 0),
        ("i32.const", 100),
        ("local.get", 0),
        ("ref.as_non_null",),
        ("call_ref", t),
        ("i32.add",),
        # br_on_null branches on null (and drops it)
        ("block", None),
        ("ref.null", t),
        ("br_on_null", 0),
        ("drop",),
        ("i32.const", -1),
        ("return",),
        ("end",),
        ("i32.const", 5),
        ("i32.const", 0),
        ("call_indirect", t, 0),
        ("i32.add",),
        # table.get + ref.is_null
        ("i32.const", 0),
        ("table.get", 0),
        ("ref.is_null",),
        ("i32.add",),
    ]
    m = main_only("", [I32], body, locals=[ref_null(t)], module=m)
    return Sample("call_ref_and_null_branches", m, expected=42 + 200 + 10)


@sample
def table_ops() -> Sample:
    m = Module("tables")
    t = m.func_type([], [I32])
    f7 = m.add_function("seven", t, [], [("i32.const", 7)])
    f9 = m.add_function("nine", t, [], [("i32.const", 9)])
    tb = m.add_table(FUNCREF, 2, 10, name="t")
    el = m.add_element_segment("passive", funcs=[f7, f9], name="pair")
    body: list[Instr] = [
        # table.init t[0:2] = [seven, nine]; elem.drop
        ("i32.const", 0),
        ("i32.const", 0),
        ("i32.const", 2),
        ("table.init", el, tb),
        ("elem.drop", el),
        # grow by 3 filled with null: returns old size 2
        ("ref.null", "func"),
        ("i32.const", 3),
        ("table.grow", tb),
        # fill t[2:5] with t[1] ("nine")
        ("i32.const", 2),
        ("i32.const", 1),
        ("table.get", tb),
        ("i32.const", 3),
        ("table.fill", tb),
        # copy t[0] to t[4]
        ("i32.const", 4),
        ("i32.const", 0),
        ("i32.const", 1),
        ("table.copy", tb, tb),
        ("i32.const", 4),
        ("call_indirect", t, tb),
        ("i32.add",),
        ("i32.const", 3),
        ("call_indirect", t, tb),
        ("i32.add",),
        ("table.size", tb),
        ("i32.const", 100),
        ("i32.mul",),
        ("i32.add",),
        # table.set then call
        ("i32.const", 1),
        ("ref.func", f7),
        ("table.set", tb),
        ("i32.const", 1),
        ("call_indirect", t, tb),
        ("i32.const", 1000),
        ("i32.mul",),
        ("i32.add",),
    ]
    m.add_element_segment("declarative", funcs=[f7])
    m = main_only("", [I32], body, module=m)
    return Sample("table_ops", m, expected=2 + 7 + 9 + 500 + 7000)


# -- globals --------------------------------------------------------------------------


@sample
def globals_() -> Sample:
    m = Module("globals")
    pair = m.add_type(StructType([FieldType(I32, name="a"), FieldType(I32, name="b")]), "pair")
    counter = m.add_global(I32, True, [("i32.const", 0)], name="counter")
    answer = m.add_global(
        I32, False, [("i32.const", 40), ("i32.const", 2), ("i32.add",)], name="answer"
    )
    plus = m.add_global(I32, False, [("global.get", answer), ("i32.const", 1), ("i32.sub",)])
    pg = m.add_global(
        ref(pair), False, [("i32.const", 3), ("i32.const", 4), ("struct.new", pair)], name="pair"
    )
    big = m.add_global(I64, True, [("i64.const", -(2**63))], name="big")
    body: list[Instr] = [
        ("loop", None),
        ("global.get", counter),
        ("i32.const", 1),
        ("i32.add",),
        ("global.set", counter),
        ("global.get", counter),
        ("i32.const", 1000),
        ("i32.lt_u",),
        ("br_if", 0),
        ("end",),
        ("global.get", counter),
        ("global.get", plus),
        ("i32.const", 10_000),
        ("i32.mul",),
        ("i32.add",),
        ("global.get", pg),
        ("struct.get", pair, 0),
        ("i32.const", 100),
        ("i32.mul",),
        ("i32.add",),
        ("global.get", pg),
        ("struct.get", pair, 1),
        ("i32.const", 10),
        ("i32.mul",),
        ("i32.add",),
        ("global.get", big),
        ("i64.const", 1),
        ("i64.sub",),  # wraps to 2**63 - 1
        ("global.set", big),
        ("global.get", big),
        ("i64.const", 60),
        ("i64.shr_u",),  # 7
        ("i32.wrap_i64",),
        ("i32.add",),
    ]
    m = main_only("", [I32], body, module=m)
    return Sample("globals", m, expected=1000 + 410_000 + 300 + 40 + 7)


# -- memory --------------------------------------------------------------------------


@sample
def memory_ops() -> Sample:
    m = Module("memory")
    m.add_memory(1, 4, name="mem")
    m.add_data_segment(b"abc", mode="active", offset=16, name="abc")
    xyzw = m.add_data_segment(b"XYZW", name="xyzw")
    loads: list[list[Instr]] = [
        [("i32.const", 0), ("i32.load8_u", 0, 0)],  # 0x78 = 120
        [("i32.const", 1), ("i32.load16_s", 0, 0)],  # 0x3456 = 13398
        [("i32.const", 8), ("i64.load8_s", 0, 0), ("i32.wrap_i64",)],  # -2
        [
            ("i32.const", 0),
            ("i64.load32_u", 2, 8),
            ("i64.const", 31),
            ("i64.shr_u",),
            ("i32.wrap_i64",),
        ],  # 0xFFFFFFFE zero-extended, >> 31: 1
        [("i32.const", 24), ("f64.load", 3, 0), ("i32.trunc_f64_s",)],  # 1.5 -> 1
        [("i32.const", 16), ("i32.load8_u", 0, 2)],  # 'c' = 99 (active segment)
        [("memory.size",)],  # 2 after the grow
        [("i32.const", 105), ("i32.load8_u", 0, 0)],  # 7 from memory.fill
        [("i32.const", 202), ("i32.load8_u", 0, 0)],  # 'c' = 99 from memory.copy
        [("i32.const", 300), ("i32.load8_u", 0, 0)],  # 'Y' = 89 from memory.init
        [("i32.const", 40), ("i32.load", 0, 0)],  # unaligned store/load: 0x01020304
    ]
    body: list[Instr] = [
        ("i32.const", 0),
        ("i32.const", 0x12345678),
        ("i32.store", 2, 0),
        ("i32.const", 8),
        ("i64.const", -2),
        ("i64.store", 3, 0),
        ("i32.const", 24),
        ("f64.const", 1.5),
        ("f64.store", 3, 0),
        ("i32.const", 1),
        ("memory.grow",),
        ("drop",),
        ("i32.const", 100),
        ("i32.const", 7),
        ("i32.const", 10),
        ("memory.fill",),
        ("i32.const", 200),
        ("i32.const", 16),
        ("i32.const", 3),
        ("memory.copy",),
        ("i32.const", 300),
        ("i32.const", 1),
        ("i32.const", 2),
        ("memory.init", xyzw),
        ("data.drop", xyzw),
        ("i32.const", 41),
        ("i32.const", 0x01020304),
        ("i32.store", 0, 0),
        ("i32.const", 0),
    ]
    for ld in loads:
        body += [*ld, ("i32.add",)]
    m = main_only("", [I32], body, module=m)
    total = 120 + 13398 - 2 + 1 + 1 + 99 + 2 + 7 + 99 + 89 + 0x02030400
    return Sample("memory_ops", m, expected=total)


@sample
def memory_out_of_bounds_traps() -> Sample:
    m = Module("memory_oob")
    m.add_memory(1)
    body: list[Instr] = [("i32.const", 65535), ("i32.load", 2, 0)]
    return Sample(
        "memory_out_of_bounds_traps",
        main_only("", [I32], body, module=m),
        trap={"node": "memory access out of bounds", "wasmtime": "out of bounds memory access"},
    )


# -- numeric edge cases -----------------------------------------------------------------

_NUMERIC: list[tuple[str, ValType, list[Instr], int | float]] = [
    ("i32_add_wraps", I32, [("i32.const", 2**31 - 1), ("i32.const", 1), ("i32.add",)], -(2**31)),
    ("i32_rem_s_min", I32, [("i32.const", -(2**31)), ("i32.const", -1), ("i32.rem_s",)], 0),
    ("i32_div_u_big", I32, [("i32.const", -1), ("i32.const", 2), ("i32.div_u",)], 2**31 - 1),
    ("i32_clz", I32, [("i32.const", 1), ("i32.clz",)], 31),
    ("i32_ctz", I32, [("i32.const", 0x8000_0000), ("i32.ctz",)], 31),
    ("i32_popcnt", I32, [("i32.const", -1), ("i32.popcnt",)], 32),
    ("i32_rotl", I32, [("i32.const", 0x8000_0001), ("i32.const", 1), ("i32.rotl",)], 3),
    ("i32_rotr", I32, [("i32.const", 3), ("i32.const", 1), ("i32.rotr",)], -(2**31) + 1),
    ("i32_shr_s", I32, [("i32.const", -8), ("i32.const", 1), ("i32.shr_s",)], -4),
    ("i32_shr_u", I32, [("i32.const", -8), ("i32.const", 1), ("i32.shr_u",)], 2**31 - 4),
    ("i32_shl_masks", I32, [("i32.const", 1), ("i32.const", 33), ("i32.shl",)], 2),
    ("i32_extend8_s", I32, [("i32.const", 0x80), ("i32.extend8_s",)], -128),
    ("i32_extend16_s", I32, [("i32.const", 0x8000), ("i32.extend16_s",)], -32768),
    ("i64_extend32_s", I64, [("i64.const", 0x8000_0000), ("i64.extend32_s",)], -(2**31)),
    ("i64_mul_wraps", I64, [("i64.const", 2**62), ("i64.const", 4), ("i64.mul",)], 0),
    ("i64_min", I64, [("i64.const", -(2**63))], -(2**63)),
    ("i64_max_unsigned_spelling", I64, [("i64.const", 2**64 - 1)], -1),
    ("i32_wrap_i64", I32, [("i64.const", 0x1_0000_0005), ("i32.wrap_i64",)], 5),
    ("i64_extend_i32_u", I64, [("i32.const", -1), ("i64.extend_i32_u",)], 2**32 - 1),
    ("i64_extend_i32_s", I64, [("i32.const", -1), ("i64.extend_i32_s",)], -1),
    ("trunc_sat_nan", I32, [("f64.const", float("nan")), ("i32.trunc_sat_f64_s",)], 0),
    ("trunc_sat_big", I32, [("f64.const", 1e10), ("i32.trunc_sat_f64_s",)], 2**31 - 1),
    ("trunc_sat_small", I32, [("f64.const", -1e10), ("i32.trunc_sat_f64_s",)], -(2**31)),
    ("trunc_sat_u_neg", I32, [("f64.const", -5.0), ("i32.trunc_sat_f64_u",)], 0),
    ("trunc_sat_i64_inf", I64, [("f64.const", float("inf")), ("i64.trunc_sat_f64_s",)], 2**63 - 1),
    ("trunc_sat_f32_u", I64, [("f32.const", 3e9), ("i64.trunc_sat_f32_u",)], 3_000_000_000),
    ("f64_nearest_even", F64, [("f64.const", 2.5), ("f64.nearest",)], 2.0),
    ("f64_nearest_neg_zero", F64, [("f64.const", -0.5), ("f64.nearest",)], -0.0),
    ("f64_min_zeros", F64, [("f64.const", 0.0), ("f64.const", -0.0), ("f64.min",)], -0.0),
    ("f64_max_zeros", F64, [("f64.const", -0.0), ("f64.const", 0.0), ("f64.max",)], 0.0),
    ("f64_sqrt", F64, [("f64.const", 2.0), ("f64.sqrt",)], 1.4142135623730951),
    ("f64_copysign", F64, [("f64.const", 3.0), ("f64.const", -0.0), ("f64.copysign",)], -3.0),
    ("f64_div_zero", F64, [("f64.const", 1.0), ("f64.const", 0.0), ("f64.div",)], float("inf")),
    ("f64_nan", F64, [("f64.const", 0.0), ("f64.const", 0.0), ("f64.div",)], float("nan")),
    (
        "f32_demote",
        F64,
        [("f64.const", 0.1), ("f32.demote_f64",), ("f64.promote_f32",)],
        0.10000000149011612,
    ),
    ("f32_const_rounds", F64, [("f32.const", 16777217.0), ("f64.promote_f32",)], 16777216.0),
    (
        "f32_arith",
        F64,
        [("f32.const", 1.5), ("f32.const", 2.25), ("f32.mul",), ("f64.promote_f32",)],
        3.375,
    ),
    ("reinterpret_f32", I32, [("f32.const", -0.0), ("i32.reinterpret_f32",)], -(2**31)),
    ("reinterpret_i64", F64, [("i64.const", 0x3FF0_0000_0000_0000), ("f64.reinterpret_i64",)], 1.0),
    ("reinterpret_f64", I64, [("f64.const", 1.0), ("i64.reinterpret_f64",)], 0x3FF0_0000_0000_0000),
    ("convert_i64_u", F64, [("i64.const", -1), ("f64.convert_i64_u",)], 1.8446744073709552e19),
    ("convert_i32_u", F64, [("i32.const", -1), ("f64.convert_i32_u",)], 4294967295.0),
    (
        "convert_i32_s_f32",
        F64,
        [("i32.const", -7), ("f32.convert_i32_s",), ("f64.promote_f32",)],
        -7.0,
    ),
    ("f64_lt_nan", I32, [("f64.const", float("nan")), ("f64.const", 1.0), ("f64.lt",)], 0),
    ("i64_lt_s_vs_u", I32, [("i64.const", -1), ("i64.const", 1), ("i64.lt_u",)], 0),
    ("select", I32, [("i32.const", 10), ("i32.const", 20), ("i32.const", 0), ("select",)], 20),
    (
        "select_typed",
        F64,
        [("f64.const", 1.5), ("f64.const", 2.5), ("i32.const", 1), ("select", [F64])],
        1.5,
    ),
]


def _numeric_sample(name: str, t: ValType, body: list[Instr], expected: int | float) -> Sample:
    return Sample(name, main_only(name, [t], body), expected=expected)


for _name, _t, _body, _expected in _NUMERIC:
    sample(
        lambda n=_name, t=_t, b=_body, e=_expected: _numeric_sample(n, t, b, e)  # type: ignore[misc]
    )

_NUMERIC_TRAPS: list[tuple[str, list[Instr], dict[str, str]]] = [
    (
        "i32_div_s_overflow_traps",
        [("i32.const", -(2**31)), ("i32.const", -1), ("i32.div_s",)],
        {"node": "divide result unrepresentable", "wasmtime": "integer overflow"},
    ),
    (
        "i32_div_by_zero_traps",
        [("i32.const", 1), ("i32.const", 0), ("i32.div_u",)],
        {"node": "divide by zero", "wasmtime": "integer divide by zero"},
    ),
    (
        "trunc_nan_traps",
        [("f64.const", float("nan")), ("i32.trunc_f64_s",)],
        {"node": "float unrepresentable", "wasmtime": "invalid conversion to integer"},
    ),
    ("unreachable_traps", [("unreachable",)], {"node": "unreachable", "wasmtime": "unreachable"}),
]

for _name, _body, _trap in _NUMERIC_TRAPS:
    sample(
        lambda n=_name, b=_body, tr=_trap: Sample(  # type: ignore[misc]
            n, main_only(n, [I32], b), trap=tr
        )
    )


# -- host imports (node only) -----------------------------------------------------------------


@sample
def host_prints() -> Sample:
    m = Module("host_prints")
    p32 = m.import_func("host", "print_i32", m.func_type([I32], []), "print_i32")
    p64 = m.import_func("host", "print_i64", m.func_type([I64], []), "print_i64")
    pf = m.import_func("host", "print_f64", m.func_type([F64], []), "print_f64")
    body: list[Instr] = [
        ("i32.const", -7),
        ("call", p32),
        ("i64.const", -(2**63)),
        ("call", p64),
        ("f64.const", 0.5),
        ("call", pf),
        ("f32.const", 0.25),
        ("f64.promote_f32",),
        ("call", pf),
    ]
    m = main_only("", [], body, module=m)
    return Sample(
        "host_prints", m, output=["-7", "-9223372036854775808", "0.5", "0.25"], node_only=True
    )
