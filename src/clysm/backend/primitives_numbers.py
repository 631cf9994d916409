"""Open-coded intrinsics on the numbers other than fixnums: bignums, ratios,
complexes, double- and single-floats (see clysm.frontend.intrinsics for the
contract of each, docs/object-model.md for the layouts).  Callers guarantee
argument types; the casts trap if they are broken."""

from __future__ import annotations

from collections.abc import Callable

from clysm.backend import objects as O
from clysm.backend.codegen.core import Mode
from clysm.backend.primitives import I31, PrimitivesMixin, prim
from clysm.frontend import ir
from clysm.wasm.types import F64, I32, ref

Emit = Callable[[PrimitivesMixin, list[ir.Node]], None]


def _as(c: PrimitivesMixin, node: ir.Node, type_name: str) -> None:
    c.expr(node, Mode.VALUE)
    c.e(("ref.cast", ref(c.t[type_name])))


def _fixnum_i32(c: PrimitivesMixin, node: ir.Node) -> None:
    c.expr(node, Mode.VALUE)
    c.e(("ref.cast", I31), ("i31.get_s",))


def _f64(c: PrimitivesMixin, node: ir.Node) -> None:
    _as(c, node, "double-float")
    c.e(("struct.get", c.t["double-float"], O.F_FLOAT_VALUE))


def _box_f64(c: PrimitivesMixin) -> None:
    """An f64 on the stack -> a $double-float."""
    tmp = c.temp(F64)
    c.e(("local.set", tmp), ("i32.const", 0), ("local.get", tmp))
    c.e(("struct.new", c.t["double-float"]))
    c.release(tmp, F64)


for _name, _type in {
    "%bignump": "bignum",
    "%ratiop": "ratio",
    "%complexp": "complex",
    "%double-float-p": "double-float",
    "%single-float-p": "single-float",
}.items():
    prim(_name, 1, "pred")(lambda c, args, t=_type: c.type_test(args, t))


# -- bignums -----------------------------------------------------------------


@prim("%make-bignum", 2)
def _make_bignum(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    n = c.temp(I32)
    _fixnum_i32(c, args[0])
    c.e(("local.set", n), ("i32.const", 0))
    c.expr(args[1], Mode.VALUE)
    c.e(c.nil(), ("ref.eq",), ("i32.eqz",))
    c.e(("local.get", n), ("array.new_default", c.t["digit-array"]))
    c.e(("struct.new", c.t["bignum"]))
    c.release(n, I32)


@prim("%bignum-finish", 1)
def _bignum_finish(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)  # the digits were stored in place


@prim("%bignum-negative-p", 1, "pred")
def _bignum_negative_p(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "bignum")
    c.e(("struct.get", c.t["bignum"], O.F_BIGNUM_NEGATIVE))


def _digits(c: PrimitivesMixin, node: ir.Node) -> None:
    _as(c, node, "bignum")
    c.e(("struct.get", c.t["bignum"], O.F_BIGNUM_DIGITS))


@prim("%bignum-length", 1)
def _bignum_length(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _digits(c, args[0])
    c.e(("array.len",), ("ref.i31",))


@prim("%bignum-digit", 2)
def _bignum_digit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _digits(c, args[0])
    _fixnum_i32(c, args[1])
    c.e(("array.get", c.t["digit-array"]), ("ref.i31",))


@prim("%set-bignum-digit", 3)
def _set_bignum_digit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _digits(c, args[0])
    _fixnum_i32(c, args[1])
    c.expr(args[2], Mode.VALUE)
    c.e(("local.tee", val), ("ref.cast", I31), ("i31.get_s",))
    c.e(("array.set", c.t["digit-array"]), ("local.get", val))
    c.release(val)


# The digit loops: kernel functions (kernel/bignum.py) over the digit arrays
# of bignums used as magnitudes; "d" is a bignum whose digits are passed, "i"
# a fixnum passed as an i32.  Results: "i" a fixnum, "" nothing (NIL).
_MPN = {
    "%mpn-length": ("di", "i"),
    "%mpn-add": ("ddidi", "i"),
    "%mpn-sub": ("ddidi", "i"),
    "%mpn-mul-1": ("ddii", "i"),
    "%mpn-mul": ("ddidi", ""),
    "%mpn-divrem-1": ("ddii", "i"),
    "%mpn-cmp": ("didi", "i"),
    "%mpn-lshift": ("didii", "i"),
    "%mpn-rshift": ("ddiii", ""),
    "%mpn-divrem": ("dddidi", ""),
}


def _mpn(name: str, params: str, result: str) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        for spelling, node in zip(params, args, strict=True):
            (_digits if spelling == "d" else _fixnum_i32)(c, node)
        c.e(c.call_k(name))
        if result == "i":
            c.e(("ref.i31",))

    return emit


for _name, (_params, _result) in _MPN.items():
    prim(_name, len(_params), "value" if _result else "effect")(_mpn(_name, _params, _result))


@prim("%mpn-gcd", 4)
def _mpn_gcd(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # The gcd's digits, as a (non-normalised) non-negative bignum.
    c.e(("i32.const", 0), ("i32.const", 0))
    _mpn("%mpn-gcd", "didi", "")(c, args)
    c.e(("ref.as_non_null",), ("struct.new", c.t["bignum"]))


@prim("%bignum-normalize", 3)
def _bignum_normalize(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _digits(c, args[0])
    _fixnum_i32(c, args[1])
    c.expr(args[2], Mode.VALUE)
    c.e(c.nil(), ("ref.eq",), ("i32.eqz",), c.call_k("%bignum-normalize"))


# -- ratios and complexes ------------------------------------------------------


def _pair(type_name: str) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        c.e(("i32.const", 0))
        c.values_in(args)
        c.e(("struct.new", c.t[type_name]))

    return emit


def _part(type_name: str, field: int) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        _as(c, args[0], type_name)
        c.e(("struct.get", c.t[type_name], field))

    return emit


prim("%make-ratio", 2)(_pair("ratio"))
prim("%ratio-numerator", 1)(_part("ratio", O.F_RATIO_NUMERATOR))
prim("%ratio-denominator", 1)(_part("ratio", O.F_RATIO_DENOMINATOR))
prim("%make-complex", 2)(_pair("complex"))
prim("%complex-real", 1)(_part("complex", O.F_COMPLEX_REAL))
prim("%complex-imag", 1)(_part("complex", O.F_COMPLEX_IMAG))


# -- floats ------------------------------------------------------------------


@prim("%fixnum-to-double", 1)
def _fixnum_to_double(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _fixnum_i32(c, args[0])
    c.e(("f64.convert_i32_s",))
    _box_f64(c)


@prim("%double-to-single", 1)
def _double_to_single(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.e(("i32.const", 0))
    _f64(c, args[0])
    c.e(("f32.demote_f64",), ("struct.new", c.t["single-float"]))


@prim("%single-to-double", 1)
def _single_to_double(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "single-float")
    c.e(("struct.get", c.t["single-float"], O.F_FLOAT_VALUE), ("f64.promote_f32",))
    _box_f64(c)


def _f64_binary(op: str) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        _f64(c, args[0])
        _f64(c, args[1])
        c.e((op,))
        _box_f64(c)

    return emit


def _f64_compare(op: str) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        _f64(c, args[0])
        _f64(c, args[1])
        c.e((op,))

    return emit


def _f64_unary(op: str) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        _f64(c, args[0])
        c.e((op,))
        _box_f64(c)

    return emit


for _name, _op in {"+": "f64.add", "-": "f64.sub", "*": "f64.mul", "/": "f64.div"}.items():
    prim(f"%double{_name}", 2)(_f64_binary(_op))
for _name, _op in {"<": "f64.lt", "<=": "f64.le", "=": "f64.eq"}.items():
    prim(f"%double{_name}", 2, "pred")(_f64_compare(_op))
for _name, _op in {
    "sqrt": "f64.sqrt",
    "floor": "f64.floor",
    "ceiling": "f64.ceil",
    "truncate": "f64.trunc",
    "round": "f64.nearest",
}.items():
    prim(f"%double-{_name}", 1)(_f64_unary(_op))


@prim("%double-to-fixnum", 1)
def _double_to_fixnum(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _f64(c, args[0])
    c.e(("i32.trunc_sat_f64_s",), ("ref.i31",))


def _bits(c: PrimitivesMixin, node: ir.Node, shift: int, width: int) -> None:
    """Bits shift .. shift+width-1 of a double's representation, as a fixnum."""
    _f64(c, node)
    c.e(("i64.reinterpret_f64",), ("i64.const", shift), ("i64.shr_u",))
    c.e(("i64.const", (1 << width) - 1), ("i64.and",), ("i32.wrap_i64",), ("ref.i31",))


prim("%double-sign-bit", 1)(lambda c, args: _bits(c, args[0], 63, 1))
prim("%double-exponent-bits", 1)(lambda c, args: _bits(c, args[0], 52, 11))
prim("%double-mantissa-high", 1)(lambda c, args: _bits(c, args[0], 30, 22))
prim("%double-mantissa-low", 1)(lambda c, args: _bits(c, args[0], 0, 30))


@prim("%make-double", 4)
def _make_double(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # sign << 63 | exponent << 52 | high << 30 | low
    for node, shift in zip(args, (63, 52, 30, 0), strict=True):
        _fixnum_i32(c, node)
        c.e(("i64.extend_i32_u",))
        if shift:
            c.e(("i64.const", shift), ("i64.shl",))
        if node is not args[0]:
            c.e(("i64.or",))
    c.e(("f64.reinterpret_i64",))
    _box_f64(c)
