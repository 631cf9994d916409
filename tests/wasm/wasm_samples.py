"""Sample modules with known results, shared by the engine and WAT tests.

Each sample's `main` returns a number (so wasmtime's `--invoke` can show it)
or traps; `node_only` samples use the node runner's `host` print imports.
Expected values are literals worked out by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clysm.wasm.module import Instr, Module
from clysm.wasm.types import (
    ANYREF,
    EXNREF,
    F64,
    FUNCREF,
    I8,
    I32,
    I64,
    ArrayType,
    FieldType,
    FuncType,
    StructType,
    SubType,
    ValType,
    ref,
    ref_null,
)


@dataclass
class Sample:
    name: str
    module: Module
    expected: int | float | None = None
    trap: dict[str, str] = field(default_factory=dict)  # engine -> substring of its message
    output: list[str] | None = None  # printed lines (node only)
    node_only: bool = False


SAMPLES: list[Callable[[], Sample]] = []


def sample(fn: Callable[[], Sample]) -> Callable[[], Sample]:
    SAMPLES.append(fn)
    return fn


def main_only(
    name: str,
    results: list[ValType],
    body: list[Instr],
    locals: list[ValType] | None = None,
    module: Module | None = None,
) -> Module:
    """Add an exported `main` to `module` (or a new one)."""
    m = module or Module(name)
    t = m.func_type([], results)
    f = m.add_function("main", t, locals or [], body)
    m.add_export("main", "func", f)
    return m


# -- tail calls ----------------------------------------------------------------

COUNT = 10_000_000


def _count_down(call_op: str) -> Module:
    """count(n, acc) = n == 0 ? acc : count(n - 1, acc + 1), 10 million deep."""
    m = Module(f"count_down_{call_op}")
    t = m.func_type([I32, I32], [I32])
    f = m.declare_function("count", t)
    m.define_function(
        f,
        [],
        [
            ("local.get", 0),
            ("i32.eqz",),
            ("if", None),
            ("local.get", 1),
            ("return",),
            ("end",),
            ("local.get", 0),
            ("i32.const", 1),
            ("i32.sub",),
            ("local.get", 1),
            ("i32.const", 1),
            ("i32.add",),
            (call_op, f),
        ],
        local_names=["n", "acc"],
    )
    return main_only("", [I32], [("i32.const", COUNT), ("i32.const", 0), ("call", f)], module=m)


@sample
def tail_return_call() -> Sample:
    return Sample("tail_return_call", _count_down("return_call"), expected=COUNT)


@sample
def plain_call_overflows() -> Sample:
    # The control experiment: the same depth without tail calls exhausts the stack.
    return Sample(
        "plain_call_overflows",
        _count_down("call"),
        trap={"node": "Maximum call stack size exceeded", "wasmtime": "call stack exhausted"},
    )


@sample
def tail_return_call_ref() -> Sample:
    """sum(self, n, acc) loops through the funcref stored in a closure struct."""
    m = Module("closure_loop")
    clo, fn_t = m.add_rec_group(
        [
            SubType(StructType([FieldType(ref(1), name="code")])),
            SubType(FuncType([ref_null(0), I64, I64], [I64])),
        ],
        names=["closure", "code_t"],
    )
    f = m.add_function(
        "sum",
        fn_t,
        [],
        [
            ("local.get", 1),
            ("i64.eqz",),
            ("if", None),
            ("local.get", 2),
            ("return",),
            ("end",),
            ("local.get", 0),
            ("local.get", 1),
            ("i64.const", 1),
            ("i64.sub",),
            ("local.get", 2),
            ("local.get", 1),
            ("i64.add",),
            ("local.get", 0),
            ("struct.get", clo, 0),
            ("return_call_ref", fn_t),
        ],
        local_names=["self", "n", "acc"],
    )
    m.add_element_segment("declarative", funcs=[f])
    main_only(
        "",
        [I64],
        [
            ("ref.func", f),
            ("struct.new", clo),
            ("local.set", 0),
            ("local.get", 0),
            ("i64.const", COUNT),
            ("i64.const", 0),
            ("local.get", 0),
            ("struct.get", clo, 0),
            ("call_ref", fn_t),
        ],
        locals=[ref_null(clo)],
        module=m,
    )
    return Sample("tail_return_call_ref", m, expected=COUNT * (COUNT + 1) // 2)


@sample
def tail_return_call_indirect() -> Sample:
    """even/odd by mutual tail recursion through a table."""
    m = Module("even_odd")
    t = m.func_type([I32], [I32])
    m.add_table(FUNCREF, 2, 2, name="fns")
    bodies = []
    for result_at_zero, other in ((1, 1), (0, 0)):
        bodies.append(
            [
                ("local.get", 0),
                ("i32.eqz",),
                ("if", None),
                ("i32.const", result_at_zero),
                ("return",),
                ("end",),
                ("local.get", 0),
                ("i32.const", 1),
                ("i32.sub",),
                ("i32.const", other),
                ("return_call_indirect", t, 0),
            ]
        )
    even = m.add_function("even", t, [], bodies[0])
    odd = m.add_function("odd", t, [], bodies[1])
    m.add_element_segment("active", funcs=[even, odd], offset=0)
    main_only(
        "",
        [I32],
        [
            ("i32.const", 1_000_000),
            ("call", even),
            ("i32.const", 10),
            ("i32.mul",),
            ("i32.const", 777_777),
            ("call", even),
            ("i32.add",),
            ("i32.const", 777_777),
            ("call", odd),
            ("i32.const", 100),
            ("i32.mul",),
            ("i32.add",),
        ],
        module=m,
    )
    return Sample("tail_return_call_indirect", m, expected=110)


# -- exceptions ------------------------------------------------------------------


def _exn_module(name: str) -> tuple[Module, int, int, int]:
    """A module with tags $e (i32) and $e2 (f64) and a function throwing $e."""
    m = Module(name)
    t_i32 = m.func_type([I32], [])
    e = m.add_tag(t_i32, "e")
    e2 = m.add_tag(m.func_type([F64], []), "e2")
    thrower = m.add_function("throw_e", t_i32, [], [("local.get", 0), ("throw", e)])
    return m, e, e2, thrower


@sample
def catch_with_payload() -> Sample:
    m, e, _, thrower = _exn_module("catch_payload")
    body: list[Instr] = [
        ("block", I32),
        ("try_table", None, [("catch", e, 0)]),
        ("i32.const", 42),
        ("call", thrower),
        ("end",),
        ("i32.const", -1),
        ("return",),
        ("end",),
        # A try_table that does not throw yields its own result.
        ("block", I32),
        ("try_table", I32, [("catch", e, 0)]),
        ("i32.const", 1000),
        ("end",),
        ("end",),
        ("i32.add",),
    ]
    return Sample("catch_with_payload", main_only("", [I32], body, module=m), expected=1042)


@sample
def catch_ref_and_throw_ref() -> Sample:
    m, e, _, thrower = _exn_module("catch_ref")
    bt = m.func_type([], [I32, EXNREF])
    body: list[Instr] = [
        ("block", bt),
        ("try_table", None, [("catch_ref", e, 0)]),
        ("i32.const", 21),
        ("call", thrower),
        ("end",),
        ("unreachable",),
        ("end",),
        ("local.set", 1),
        ("local.set", 0),
        # Rethrow the caught exception; an outer handler sees the same payload.
        ("block", I32),
        ("try_table", None, [("catch", e, 0)]),
        ("local.get", 1),
        ("throw_ref",),
        ("end",),
        ("unreachable",),
        ("end",),
        ("local.get", 0),
        ("i32.add",),
    ]
    m = main_only("", [I32], body, locals=[I32, EXNREF], module=m)
    return Sample("catch_ref_and_throw_ref", m, expected=42)


@sample
def catch_all() -> Sample:
    m, _, e2, _ = _exn_module("catch_all")
    body: list[Instr] = [
        ("block", None),
        ("try_table", None, [("catch_all", 0)]),
        ("f64.const", 1.5),
        ("throw", e2),
        ("end",),
        ("i32.const", -1),
        ("return",),
        ("end",),
        ("i32.const", 7),
    ]
    return Sample("catch_all", main_only("", [I32], body, module=m), expected=7)


@sample
def catch_all_ref() -> Sample:
    m, e, _, thrower = _exn_module("catch_all_ref")
    body: list[Instr] = [
        ("block", EXNREF),
        ("try_table", None, [("catch_all_ref", 0)]),
        ("i32.const", 5),
        ("call", thrower),
        ("end",),
        ("unreachable",),
        ("end",),
        ("local.set", 0),
        ("block", I32),
        ("try_table", None, [("catch", e, 0)]),
        ("local.get", 0),
        ("throw_ref",),
        ("end",),
        ("unreachable",),
        ("end",),
        ("i32.const", 100),
        ("i32.add",),
    ]
    m = main_only("", [I32], body, locals=[EXNREF], module=m)
    return Sample("catch_all_ref", m, expected=105)


# -- GC: structs and casts -----------------------------------------------------------


def _hierarchy(m: Module) -> tuple[int, int, int, int]:
    """$base <- $a <- $a2 (final), $base <- $b (final), in one rec group."""
    f_tag = FieldType(I32, name="tag")
    f_x = FieldType(F64, name="x")
    return tuple(  # type: ignore[return-value]
        m.add_rec_group(
            [
                SubType(StructType([f_tag]), final=False),
                SubType(StructType([f_tag, f_x]), [0], final=False),
                SubType(StructType([f_tag, FieldType(I64, name="y")]), [0]),
                SubType(StructType([f_tag, f_x, FieldType(I32, True, name="z")]), [1]),
            ],
            names=["base", "a", "b", "a2"],
        )
    )


def _new(t: int, *fields: Instr) -> list[Instr]:
    return [*fields, ("struct.new", t)]


@sample
def struct_br_on_cast() -> Sample:
    m = Module("classify")
    base, a, b, a2 = _hierarchy(m)
    classify = m.add_function(
        "classify",
        m.func_type([ANYREF], [I32]),
        [],
        [
            ("block", ref(a2)),
            ("block", ref(a)),
            ("block", ref(b)),
            ("block", ref(base)),
            ("local.get", 0),
            ("br_on_cast", 3, ANYREF, ref(a2)),
            ("br_on_cast", 2, ANYREF, ref(a)),
            ("br_on_cast", 1, ANYREF, ref(b)),
            ("br_on_cast", 0, ANYREF, ref(base)),
            ("drop",),
            ("i32.const", 0),
            ("return",),
            ("end",),
            ("drop",),
            ("i32.const", 4),
            ("return",),
            ("end",),
            ("drop",),
            ("i32.const", 3),
            ("return",),
            ("end",),
            ("drop",),
            ("i32.const", 2),
            ("return",),
            ("end",),
            ("drop",),
            ("i32.const", 1),
        ],
        local_names=["x"],
    )
    objs: list[list[Instr]] = [
        _new(a2, ("i32.const", 1), ("f64.const", 2.0), ("i32.const", 3)),
        _new(a, ("i32.const", 1), ("f64.const", 2.0)),
        _new(b, ("i32.const", 1), ("i64.const", 2)),
        _new(base, ("i32.const", 1)),
        [("i32.const", 5), ("ref.i31",)],
    ]
    body: list[Instr] = [("i32.const", 0)]
    for obj in objs:
        body += [("i32.const", 10), ("i32.mul",), *obj, ("call", classify), ("i32.add",)]
    return Sample("struct_br_on_cast", main_only("", [I32], body, module=m), expected=12340)


@sample
def struct_ref_test_cast() -> Sample:
    m = Module("casts")
    base, a, b, a2 = _hierarchy(m)
    bits: list[list[Instr]] = [
        [("local.get", 0), ("ref.test", ref(base))],  # 1
        [("local.get", 0), ("ref.test", ref(b))],  # 0
        [("ref.null", "none"), ("ref.test", ref_null(b))],  # 1
        [("ref.null", "none"), ("ref.test", ref(b))],  # 0
        [("i32.const", 3), ("ref.i31",), ("ref.test", ref("i31"))],  # 1
        [("local.get", 0), ("ref.test", ref("struct"))],  # 1
        [("local.get", 0), ("ref.test", ref("eq"))],  # 1
        [("local.get", 0), ("ref.test", ref("array"))],  # 0
        # br_on_cast_fail to a nullable type does not branch on null: 1
        [
            ("block", I32),
            ("block", ANYREF),
            ("ref.null", "any"),
            ("br_on_cast_fail", 0, ANYREF, ref_null(b)),
            ("drop",),
            ("i32.const", 1),
            ("br", 1),
            ("end",),
            ("drop",),
            ("i32.const", 0),
            ("end",),
        ],
    ]
    body: list[Instr] = [
        *_new(a2, ("i32.const", 7), ("f64.const", 2.5), ("i32.const", 9)),
        ("local.set", 0),
        ("i32.const", 0),
        ("local.set", 1),
    ]
    for i, cond in enumerate(bits):
        body += [("local.get", 1), *cond, ("i32.const", i), ("i32.shl",), ("i32.or",)]
        body += [("local.set", 1)]
    body += [
        ("local.get", 1),
        ("i32.const", 1000),
        ("i32.mul",),
        ("local.get", 0),
        ("ref.cast", ref(a)),
        ("struct.get", a, 0),
        ("i32.const", 100),
        ("i32.mul",),
        ("i32.add",),
        ("local.get", 0),
        ("ref.cast", ref_null(a2)),
        ("struct.get", a2, 2),
        ("i32.const", 10),
        ("i32.mul",),
        ("i32.add",),
        ("local.set", 2),
        ("block", ANYREF),
        # br_on_cast_fail falls through with the cast value when the cast succeeds...
        ("local.get", 0),
        ("br_on_cast_fail", 0, ANYREF, ref(a)),
        ("struct.get", a, 1),
        ("i32.trunc_f64_s",),
        ("local.get", 2),
        ("i32.add",),
        ("local.set", 2),
        # ... and branches when it fails.
        ("local.get", 0),
        ("br_on_cast_fail", 0, ANYREF, ref(b)),
        ("drop",),
        ("i32.const", -1000000),
        ("return",),
        ("end",),
        ("drop",),
        ("local.get", 2),
    ]
    m = main_only("", [I32], body, locals=[ANYREF, I32, I32], module=m)
    return Sample("struct_ref_test_cast", m, expected=(1 + 4 + 16 + 32 + 64 + 256) * 1000 + 792)


@sample
def struct_set_and_defaults() -> Sample:
    m = Module("struct_set")
    pt = m.add_type(
        StructType([FieldType(I32, True, "x"), FieldType(I8, True, "b"), FieldType(I64, True)]),
        "point",
    )
    body: list[Instr] = [
        ("struct.new_default", pt),
        ("local.tee", 0),
        ("i32.const", 40),
        ("struct.set", pt, 0),
        ("local.get", 0),
        ("i32.const", 0x1FE),  # stored as the i8 0xFE
        ("struct.set", pt, 1),
        ("local.get", 0),
        ("struct.get", pt, 0),
        ("local.get", 0),
        ("struct.get_s", pt, 1),  # -2
        ("i32.add",),
        ("local.get", 0),
        ("struct.get_u", pt, 1),  # 254
        ("i32.add",),
        ("local.get", 0),
        ("struct.get", pt, 2),  # default 0
        ("i32.wrap_i64",),
        ("i32.add",),
    ]
    m = main_only("", [I32], body, locals=[ref_null(pt)], module=m)
    return Sample("struct_set_and_defaults", m, expected=292)


@sample
def bad_cast_traps() -> Sample:
    m = Module("bad_cast")
    _, a, b, _ = _hierarchy(m)
    body: list[Instr] = [
        *_new(a, ("i32.const", 1), ("f64.const", 2.0)),
        ("ref.cast", ref(b)),
        ("struct.get", b, 0),
    ]
    return Sample(
        "bad_cast_traps",
        main_only("", [I32], body, module=m),
        trap={"node": "illegal cast", "wasmtime": "cast failure"},
    )


@sample
def null_deref_traps() -> Sample:
    m = Module("null_deref")
    base, *_ = _hierarchy(m)
    body: list[Instr] = [("ref.null", base), ("struct.get", base, 0)]
    return Sample(
        "null_deref_traps",
        main_only("", [I32], body, module=m),
        trap={"node": "null", "wasmtime": "null reference"},
    )


# -- i31 -------------------------------------------------------------------------


def _i31(name: str, value: int, getter: str, expected: int) -> Sample:
    body: list[Instr] = [("i32.const", value), ("ref.i31",), (getter,)]
    return Sample(name, main_only(name, [I32], body), expected=expected)


@sample
def i31_negative() -> Sample:
    return _i31("i31_negative", -5, "i31.get_s", -5)


@sample
def i31_unsigned() -> Sample:
    return _i31("i31_unsigned", -5, "i31.get_u", 2**31 - 5)


@sample
def i31_top_bit_is_sign() -> Sample:
    return _i31("i31_top_bit_is_sign", 0x4000_0000, "i31.get_s", -(2**30))


@sample
def i31_max() -> Sample:
    return _i31("i31_max", 0x3FFF_FFFF, "i31.get_s", 2**30 - 1)


@sample
def i31_through_anyref() -> Sample:
    body: list[Instr] = [
        ("i32.const", -123),
        ("ref.i31",),
        ("local.set", 0),
        # i31 references compare by value.
        ("local.get", 0),
        ("ref.cast", ref("eq")),
        ("i32.const", -123),
        ("ref.i31",),
        ("ref.eq",),
        ("i32.const", 1000),
        ("i32.mul",),
        ("local.get", 0),
        ("ref.cast", ref("i31")),
        ("i31.get_s",),
        ("i32.add",),
    ]
    m = main_only("i31_through_anyref", [I32], body, locals=[ANYREF])
    return Sample("i31_through_anyref", m, expected=877)


def all_samples() -> list[Sample]:
    import wasm_samples_more  # noqa: F401  (registers its samples on import)

    samples = [make() for make in SAMPLES]
    names = [s.name for s in samples]
    assert len(set(names)) == len(names), "duplicate sample names"
    return samples


def kitchen_sink() -> Module:
    """A module with every section and kind of import/export (validated, not run):
    imports of all five kinds, rec groups with subtyping, a non-nullable table with
    an initializer, a start function, all element and data segment modes, and
    names that need quoting."""
    m = Module("kitchen sink")
    cons, _ = m.add_rec_group(
        [
            SubType(
                StructType(
                    [FieldType(ref("eq"), True, "car"), FieldType(ref_null(0), True, "cdr")]
                ),
                final=False,
            ),
            SubType(
                StructType(
                    [
                        FieldType(ref("eq"), True, "car"),
                        FieldType(ref_null(0), True, "cdr"),
                        FieldType(I32, name="len"),
                    ]
                ),
                [0],
            ),
        ],
        names=["cons", "list-cell"],
    )
    void = m.func_type()
    i32_void = m.func_type([I32])
    i32_i32 = m.func_type([I32], [I32])
    m.add_type(ArrayType(FieldType(I8, True)), "(bytes)")
    p = m.import_func("host", "print_i32", i32_void, "print")
    m.import_global("host", "g", I32, mutable=True, debug_name="host-g")
    m.import_memory("host", "mem", 1, 2, debug_name="mem")
    m.import_table("host", "tbl", FUNCREF, 1, debug_name="tbl")
    m.import_tag("host", "err", i32_void, debug_name="err")
    inc = m.add_function(
        "1+", i32_i32, [], [("local.get", 0), ("i32.const", 1), ("i32.add",)], {0: "x"}
    )
    dup1 = m.add_function("f", void, [I32, I32, I64, I32], [], ["a", "x y", "b c", None])
    dup2 = m.add_function("g", void, [], [("call", dup1)])
    setf = m.add_function(
        "(setf car)",
        void,
        [ref_null(cons)],
        [
            ("local.get", 0),
            ("i32.const", 5),
            ("ref.i31",),
            ("struct.set", cons, 0),
            ("i32.const", 1),
            ("call", inc),
            ("call", p),
        ],
        ["cell"],
    )
    tbl = m.add_table(ref("func"), 2, 4, init=[("ref.func", dup2)], name="funcs")
    m.add_tag(m.func_type([I64, F64]), 'two"vals')
    gl = m.add_global(I64, False, [("i64.const", -1)], name="minus one")
    m.add_export("1+", "func", inc)
    m.add_export("funcs", "table", tbl)
    m.add_export("mem", "memory", 0)
    m.add_export("minus one", "global", gl)
    m.add_export("err", "tag", 0)
    m.set_start(dup2)
    m.add_element_segment(
        "active", exprs=[[("ref.func", setf)]], reftype=ref("func"), table=tbl, offset=1
    )
    m.add_element_segment("active", funcs=[dup1], table=0, offset=[("i32.const", 0)])
    m.add_element_segment("passive", exprs=[[("ref.null", "func")]], name="nulls")
    m.add_element_segment("declarative", funcs=[dup2, setf])
    m.add_data_segment(b'\x00\x01"\\\n\xff', mode="active", offset=8, name="bytes")
    m.add_data_segment(b"passive data", name="text")
    return m
