"""Open-coded intrinsics on bit vectors, array headers and one-subscript
AREF (see clysm.frontend.intrinsics for the contract of each).

%AREF1 and %ASET1 are the fast path of AREF: a simple vector, string or bit
vector with a fixnum index in range is read or written inline; every other
case (array headers, bad indexes, bad values) goes out of line to the
library's CLYSM::%AREF1-SLOW / %ASET1-SLOW through the kernel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clysm.backend import objects as O
from clysm.backend.codegen.core import Mode
from clysm.backend.primitives import I31, PrimitivesMixin, prim
from clysm.frontend import ir
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, I32, ref, ref_null


def _as(c: PrimitivesMixin, node: ir.Node, type_name: str) -> None:
    c.expr(node, Mode.VALUE)
    c.e(("ref.cast", ref(c.t[type_name])))


def _fixnum_i32(c: PrimitivesMixin, node: ir.Node) -> None:
    c.expr(node, Mode.VALUE)
    c.e(("ref.cast", I31), ("i31.get_s",))


# -- simple bit vectors ------------------------------------------------------


def _bits(c: PrimitivesMixin, node: ir.Node) -> None:
    _as(c, node, "bit-vector")
    c.e(("struct.get", c.t["bit-vector"], O.F_BIT_VECTOR_BITS))


@prim("%bit-vector-p", 1, "pred")
def _bit_vector_p(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.type_test(args, "bit-vector")


@prim("%make-bit-vector", 2)
def _make_bit_vector(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    n = c.temp(I32)
    _fixnum_i32(c, args[0])
    c.e(("local.set", n), ("i32.const", 0))
    _fixnum_i32(c, args[1])
    c.e(("local.get", n), ("array.new", c.t["byte-array"]), ("struct.new", c.t["bit-vector"]))
    c.release(n, I32)


@prim("%bit-vector-length", 1)
def _bit_vector_length(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _bits(c, args[0])
    c.e(("array.len",), ("ref.i31",))


@prim("%sbit", 2)
def _sbit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _bits(c, args[0])
    _fixnum_i32(c, args[1])
    c.e(("array.get_u", c.t["byte-array"]), ("ref.i31",))


@prim("%set-sbit", 3)
def _set_sbit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _bits(c, args[0])
    _fixnum_i32(c, args[1])
    c.expr(args[2], Mode.VALUE)
    c.e(("local.tee", val), ("ref.cast", I31), ("i31.get_s",))
    c.e(("array.set", c.t["byte-array"]), ("local.get", val))
    c.release(val)


# -- array headers -------------------------------------------------------------


@prim("%array-header-p", 1, "pred")
def _array_header_p(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.type_test(args, "array")


@prim("%make-array-header", len(O.ARRAY_HEADER_FIELDS))
def _make_array_header(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.e(("i32.const", 0))
    c.values_in(args)
    c.e(("struct.new", c.t["array"]))


def _register_header_fields() -> None:
    for offset, name in enumerate(O.ARRAY_HEADER_FIELDS):
        field = O.F_ARRAY_DATA + offset

        def get(c: PrimitivesMixin, args: list[ir.Node], field: int = field) -> None:
            _as(c, args[0], "array")
            c.e(("struct.get", c.t["array"], field))

        def put(c: PrimitivesMixin, args: list[ir.Node], field: int = field) -> None:
            val = c.temp()
            _as(c, args[0], "array")
            c.expr(args[1], Mode.VALUE)
            c.e(("local.tee", val), ("struct.set", c.t["array"], field), ("local.get", val))
            c.release(val)

        prim(f"%array-{name}", 1)(get)
        prim(f"%set-array-{name}", 2)(put)


_register_header_fields()


# -- AREF with one subscript ----------------------------------------------------


@dataclass(frozen=True)
class _Storage:
    """One kind of simple vector: its struct, its field and the Wasm array."""

    struct: str
    field: int
    array: str


_STORAGES = (
    _Storage("simple-vector", O.F_VECTOR_ITEMS, "value-array"),
    _Storage("string", O.F_STRING_CHARS, "char-array"),
    _Storage("bit-vector", O.F_BIT_VECTOR_BITS, "byte-array"),
)


def _index_or_slow(c: PrimitivesMixin, index: int, raw: int) -> None:
    """Inside the slow block: raw := the fixnum index, or branch out."""
    c.e(("local.get", index), ("ref.test", I31), ("i32.eqz",), ("br_if", 0))
    c.e(("local.get", index), ("ref.cast", I31), ("i31.get_s",), ("local.set", raw))


def _storage_case(
    c: PrimitivesMixin, s: _Storage, vector: int, raw: int, data: int, access: list[Instr]
) -> None:
    """If `vector` is of kind `s` and the index is below its length, run
    `access` (with the storage array in local `data`) and leave the whole
    intrinsic (label 2); an index out of range goes to the slow path (label 1)."""
    c.e(("local.get", vector), ("ref.test", ref(c.t[s.struct])), ("if", None))
    c.e(
        ("local.get", vector),
        ("ref.cast", ref(c.t[s.struct])),
        ("struct.get", c.t[s.struct], s.field),
    )
    c.e(("local.tee", data), ("array.len",), ("local.get", raw), ("i32.le_u",), ("br_if", 1))
    c.e(*access, ("br", 2), ("end",))


# Builds the access code of each storage kind, given the temporaries of the
# arguments, the local holding the storage array and the raw index.
Accesses = Callable[[list[int], int, int], list[Instr]]


def _vector_access(
    c: PrimitivesMixin, args: list[ir.Node], slow: str, accesses: list[Accesses]
) -> None:
    """The shared frame of %AREF1 and %ASET1: the arguments in temporaries,
    one case per storage kind, then the out-of-line call."""
    temps = [c.to_temp(a) for a in args]
    raw = c.temp(I32)
    datas = [c.temp(ref_null(c.t[s.array])) for s in _STORAGES]
    c.e(("block", EQREF), ("block", None))
    _index_or_slow(c, temps[1], raw)
    for s, data, access in zip(_STORAGES, datas, accesses, strict=True):
        _storage_case(c, s, temps[0], raw, data, access(temps, data, raw))
    c.e(("end",), *[("local.get", t) for t in temps], c.call_k(slow), ("end",))
    for s, data in zip(_STORAGES, datas, strict=True):
        c.release(data, ref_null(c.t[s.array]))
    c.release(raw, I32)
    for t in temps:
        c.release(t)


@prim("%aref1", 2)
def _aref1(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    def read(array: str, *convert: Instr, get: str = "array.get") -> Accesses:
        def code(temps: list[int], data: int, raw: int) -> list[Instr]:
            return [("local.get", data), ("local.get", raw), (get, c.t[array]), *convert]

        return code

    _vector_access(
        c,
        args,
        "%aref-slow",
        [
            read("value-array"),
            read("char-array", c.call_k("%code-char")),
            read("byte-array", ("ref.i31",), get="array.get_u"),
        ],
    )


@prim("%aset1", 3)
def _aset1(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    character = ref(c.t["character"])

    def store(array: str, check: list[Instr], *convert: Instr) -> Accesses:
        # `check` (on the value) is true when the value does not fit: the
        # slow path (label 1 inside the case) signals the error.
        def code(temps: list[int], data: int, raw: int) -> list[Instr]:
            value = ("local.get", temps[2])
            return [
                *[value if i == _VALUE else i for i in check],
                *([("br_if", 1)] if check else []),
                ("local.get", data),
                ("local.get", raw),
                value,
                *convert,
                ("array.set", c.t[array]),
                value,
            ]

        return code

    not_character = [_VALUE, ("ref.test", character), ("i32.eqz",)]
    not_bit = [
        *(_VALUE, ("ref.test", I31), ("if", I32)),
        *(_VALUE, ("ref.cast", I31), ("i31.get_u",), ("i32.const", 1), ("i32.gt_u",)),
        *(("else",), ("i32.const", 1), ("end",)),
    ]
    _vector_access(
        c,
        args,
        "%aset-slow",
        [
            store("value-array", []),
            store(
                "char-array",
                not_character,
                ("ref.cast", character),
                ("struct.get", c.t["character"], O.F_CHAR_CODE),
            ),
            store("byte-array", not_bit, ("ref.cast", I31), ("i31.get_u",)),
        ],
    )


# Stands for "push the value" in the checks above.
_VALUE: Instr = ("local.get", -1)
