"""Open-coded intrinsics on symbol cells, strings, simple vectors, more fixnum
arithmetic, and the outside world (see clysm.frontend.intrinsics for the
contract of each).  Callers guarantee argument types; the casts here trap if
they are broken, so the library checks before it calls.
"""

from __future__ import annotations

from collections.abc import Callable

from clysm.backend import objects as O
from clysm.backend.codegen.core import Mode
from clysm.backend.kernel.spec import FX_OPS
from clysm.backend.primitives import I31, PrimitivesMixin, prim
from clysm.frontend import ir
from clysm.wasm.types import EQREF, I32, ref

MOST_NEGATIVE_FIXNUM = -(1 << 30)

Emit = Callable[[PrimitivesMixin, list[ir.Node]], None]


def _as(c: PrimitivesMixin, node: ir.Node, type_name: str) -> None:
    c.expr(node, Mode.VALUE)
    c.e(("ref.cast", ref(c.t[type_name])))


def _fixnum_i32(c: PrimitivesMixin, node: ir.Node) -> None:
    c.expr(node, Mode.VALUE)
    c.e(("ref.cast", I31), ("i31.get_s",))


# -- symbols ---------------------------------------------------------------


def _get_field(field: int) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        _as(c, args[0], "symbol")
        c.e(("struct.get", c.t["symbol"], field))

    return emit


def _set_field(field: int) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        val = c.temp()
        _as(c, args[0], "symbol")
        c.expr(args[1], Mode.VALUE)
        c.e(("local.tee", val), ("struct.set", c.t["symbol"], field), ("local.get", val))
        c.release(val)

    return emit


prim("%symbol-plist", 1)(_get_field(O.F_SYMBOL_PLIST))
prim("%set-symbol-plist", 2)(_set_field(O.F_SYMBOL_PLIST))
prim("%symbol-package", 1)(_get_field(O.F_SYMBOL_PACKAGE))
prim("%set-symbol-package", 2)(_set_field(O.F_SYMBOL_PACKAGE))


@prim("%symbol-flags", 1)
def _symbol_flags(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "symbol")
    c.e(("struct.get", c.t["symbol"], O.F_SYMBOL_FLAGS), ("ref.i31",))


@prim("%set-symbol-flags", 2)
def _set_symbol_flags(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _as(c, args[0], "symbol")
    c.expr(args[1], Mode.VALUE)
    c.e(("local.tee", val), ("ref.cast", I31), ("i31.get_s",))
    c.e(("struct.set", c.t["symbol"], O.F_SYMBOL_FLAGS), ("local.get", val))
    c.release(val)


@prim("%boundp", 1, "pred")
def _boundp(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "symbol")
    c.e(("struct.get", c.t["symbol"], O.F_SYMBOL_VALUE), ("ref.is_null",), ("i32.eqz",))


@prim("%makunbound", 1)
def _makunbound(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    sym = c.to_temp(args[0])
    c.e(("local.get", sym), ("ref.cast", c.ref("symbol")), ("ref.null", "eq"))
    c.e(("struct.set", c.t["symbol"], O.F_SYMBOL_VALUE), ("local.get", sym))
    c.release(sym)


@prim("%symbol-function", 1)
def _symbol_function(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.open("block", EQREF)
    _as(c, args[0], "symbol")
    c.e(("struct.get", c.t["symbol"], O.F_SYMBOL_FUNCTION), ("br_on_non_null", 0), c.nil())
    c.close()


@prim("%fmakunbound", 1)
def _fmakunbound(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    sym = c.to_temp(args[0])
    c.e(("local.get", sym), ("ref.cast", c.ref("symbol")), ("ref.null", c.t["function"]))
    c.e(("struct.set", c.t["symbol"], O.F_SYMBOL_FUNCTION), ("local.get", sym))
    c.release(sym)


@prim("%make-symbol", 1)
def _make_symbol(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)
    c.e(c.call_k("%make-symbol"))


@prim("%intern", 2)
def _intern(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # The kernel takes (package-name, name).
    name = c.to_temp(args[0])
    c.expr(args[1], Mode.VALUE)
    c.e(("local.get", name), c.call_k("%intern"))
    c.release(name)


# -- strings and simple vectors ---------------------------------------------


@prim("%make-string", 2)
def _make_string(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    n = c.temp(I32)
    _fixnum_i32(c, args[0])
    c.e(("local.set", n), ("i32.const", 0))
    _as(c, args[1], "character")
    c.e(("struct.get", c.t["character"], O.F_CHAR_CODE), ("local.get", n))
    c.e(("array.new", c.t["char-array"]), ("struct.new", c.t["string"]))
    c.release(n, I32)


def _chars(c: PrimitivesMixin, node: ir.Node) -> None:
    _as(c, node, "string")
    c.e(("struct.get", c.t["string"], O.F_STRING_CHARS))


def _items(c: PrimitivesMixin, node: ir.Node) -> None:
    _as(c, node, "simple-vector")
    c.e(("struct.get", c.t["simple-vector"], O.F_VECTOR_ITEMS))


@prim("%string-length", 1)
def _string_length(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _chars(c, args[0])
    c.e(("array.len",), ("ref.i31",))


@prim("%schar", 2)
def _schar(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _chars(c, args[0])
    _fixnum_i32(c, args[1])
    c.e(("array.get", c.t["char-array"]), c.call_k("%code-char"))


@prim("%set-schar", 3)
def _set_schar(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    ch = c.temp()
    _chars(c, args[0])
    _fixnum_i32(c, args[1])
    c.expr(args[2], Mode.VALUE)
    c.e(("local.tee", ch), ("ref.cast", c.ref("character")))
    c.e(("struct.get", c.t["character"], O.F_CHAR_CODE))
    c.e(("array.set", c.t["char-array"]), ("local.get", ch))
    c.release(ch)


@prim("%replace-chars", 5)
def _replace_chars(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # array.copy takes (destination, index, source, index, length).
    dest, at, start = c.temp(), c.temp(I32), c.temp(I32)
    c.expr(args[0], Mode.VALUE)
    c.e(("local.set", dest))
    _fixnum_i32(c, args[1])
    c.e(("local.set", at), ("local.get", dest), ("ref.cast", c.ref("string")))
    c.e(("struct.get", c.t["string"], O.F_STRING_CHARS), ("local.get", at))
    _chars(c, args[2])
    _fixnum_i32(c, args[3])
    c.e(("local.tee", start))
    _fixnum_i32(c, args[4])
    c.e(("local.get", start), ("i32.sub",))
    c.e(("array.copy", c.t["char-array"], c.t["char-array"]), ("local.get", dest))
    c.release(dest)
    c.release(at, I32)
    c.release(start, I32)


@prim("%simple-vector-p", 1, "pred")
def _simple_vector_p(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.type_test(args, "simple-vector")


@prim("%make-vector", 2)
def _make_vector(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    n = c.temp(I32)
    _fixnum_i32(c, args[0])
    c.e(("local.set", n), ("i32.const", 0))
    c.expr(args[1], Mode.VALUE)
    c.e(("local.get", n), ("array.new", c.t["value-array"]), ("struct.new", c.t["simple-vector"]))
    c.release(n, I32)


@prim("%vector-length", 1)
def _vector_length(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _items(c, args[0])
    c.e(("array.len",), ("ref.i31",))


@prim("%svref", 2)
def _svref(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _items(c, args[0])
    _fixnum_i32(c, args[1])
    c.e(("array.get", c.t["value-array"]))


@prim("%svref-index-p", 2, "pred")
def _svref_index_p(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # The fast path's test of an open-coded SVREF: vector, fixnum, and an
    # unsigned compare against the length (negative indexes are huge).
    vector, index = c.to_temp(args[0]), c.to_temp(args[1])
    c.e(
        ("block", I32),
        ("local.get", vector),
        ("ref.test", c.ref("simple-vector")),
        ("i32.eqz",),
        ("if", None),
        ("i32.const", 0),
        ("br", 1),
        ("end",),
        ("local.get", index),
        ("ref.test", I31),
        ("i32.eqz",),
        ("if", None),
        ("i32.const", 0),
        ("br", 1),
        ("end",),
        ("local.get", index),
        ("ref.cast", I31),
        ("i31.get_s",),
        ("local.get", vector),
        ("ref.cast", c.ref("simple-vector")),
        ("struct.get", c.t["simple-vector"], O.F_VECTOR_ITEMS),
        ("array.len",),
        ("i32.lt_u",),
        ("end",),
    )
    c.release(vector)
    c.release(index)


@prim("%svset", 3)
def _svset(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _items(c, args[0])
    _fixnum_i32(c, args[1])
    c.expr(args[2], Mode.VALUE)
    c.e(("local.tee", val), ("array.set", c.t["value-array"]), ("local.get", val))
    c.release(val)


# -- fixnum division and bits ---------------------------------------------------


@prim("%fx-truncate", 2)
def _fx_truncate(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # The one quotient outside the fixnum range is most-negative-fixnum / -1,
    # which equals 0 - most-negative-fixnum: the checked subtraction reports it.
    q = c.temp(I32)
    _fixnum_i32(c, args[0])
    _fixnum_i32(c, args[1])
    c.e(("i32.div_s",), ("local.tee", q), ("i32.const", -MOST_NEGATIVE_FIXNUM), ("i32.eq",))
    c.e(("if", EQREF), ("i32.const", FX_OPS["-"]), ("i32.const", 0), ("ref.i31",))
    c.e(("i32.const", MOST_NEGATIVE_FIXNUM), ("ref.i31",), c.call_k("%fx-slow"))
    c.e(("else",), ("local.get", q), ("ref.i31",), ("end",))
    c.release(q, I32)


def _fx_binary(op: str) -> Emit:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        _fixnum_i32(c, args[0])
        _fixnum_i32(c, args[1])
        c.e((op,), ("ref.i31",))

    return emit


prim("%fx-rem", 2)(_fx_binary("i32.rem_s"))
prim("%fx-logand", 2)(_fx_binary("i32.and"))
prim("%fx-logior", 2)(_fx_binary("i32.or"))
prim("%fx-logxor", 2)(_fx_binary("i32.xor"))


# -- instances -------------------------------------------------------------


@prim("%make-instance", 2)
def _make_instance(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    n = c.temp(I32)
    c.e(("i32.const", 0))
    c.expr(args[0], Mode.VALUE)
    _fixnum_i32(c, args[1])
    c.e(("local.set", n), c.nil(), ("local.get", n), ("array.new", c.t["value-array"]))
    c.e(("struct.new", c.t["instance"]))
    c.release(n, I32)


@prim("%instancep", 1, "pred")
def _instancep(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.type_test(args, "instance")


@prim("%instance-layout", 1)
def _instance_layout(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "instance")
    c.e(("struct.get", c.t["instance"], O.F_INSTANCE_LAYOUT))


@prim("%set-instance-layout", 2)
def _set_instance_layout(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _as(c, args[0], "instance")
    c.expr(args[1], Mode.VALUE)
    c.e(("local.tee", val), ("struct.set", c.t["instance"], O.F_INSTANCE_LAYOUT))
    c.e(("local.get", val))
    c.release(val)


@prim("%instance-take-slots", 2)
def _instance_take_slots(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # CHANGE-CLASS and updating obsolete instances: the instance keeps its
    # identity and gets a slot array of another size.
    inst = c.temp()
    c.expr(args[0], Mode.VALUE)
    c.e(("local.tee", inst), ("ref.cast", ref(c.t["instance"])))
    _slots(c, args[1])
    c.e(("struct.set", c.t["instance"], O.F_INSTANCE_SLOTS), ("local.get", inst))
    c.release(inst)


def _slots(c: PrimitivesMixin, node: ir.Node) -> None:
    _as(c, node, "instance")
    c.e(("struct.get", c.t["instance"], O.F_INSTANCE_SLOTS))


@prim("%instance-length", 1)
def _instance_length(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _slots(c, args[0])
    c.e(("array.len",), ("ref.i31",))


@prim("%instance-ref", 2)
def _instance_ref(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _slots(c, args[0])
    _fixnum_i32(c, args[1])
    c.e(("array.get", c.t["value-array"]))


@prim("%instance-set", 3)
def _instance_set(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _slots(c, args[0])
    _fixnum_i32(c, args[1])
    c.expr(args[2], Mode.VALUE)
    c.e(("local.tee", val), ("array.set", c.t["value-array"]), ("local.get", val))
    c.release(val)


# -- hashing -----------------------------------------------------------------


@prim("%object-hash", 1)
def _object_hash(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)
    c.e(c.call_k("%object-hash"), ("ref.i31",))


@prim("%string-hash", 1)
def _string_hash(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)
    c.e(c.call_k("%string-hash"), ("i32.const", (1 << 30) - 1), ("i32.and",), ("ref.i31",))


@prim("%string=", 2, "pred")
def _string_eq(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # String equality is symmetric: the arguments may be pushed in any order.
    first = c.to_temp(args[0])
    c.expr(args[1], Mode.VALUE)
    c.e(("local.get", first), c.call_k("%string="))
    c.release(first)


@prim("%boot-symbols", 0)
def _boot_symbols(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.e(c.call_k("%boot-symbols"))


@prim("%values-list", 1, "mv")
def _values_list(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)
    c.e(c.call_k("%values-list"))


# -- functions and the outside world -------------------------------------------


@prim("%function-name", 1)
def _function_name(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "function")
    c.e(("struct.get", c.t["function"], O.F_FUNCTION_NAME))


@prim("%make-indirect-function", 2)
def _make_indirect_function(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.values_in(args)
    c.e(c.call_k("%make-indirect-function"))


@prim("%indirect-function-p", 1, "pred")
def _indirect_function_p(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.type_test(args, "indirect-function")


@prim("%indirect-target", 1)
def _indirect_target(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "indirect-function")
    c.e(("struct.get", c.t["indirect-function"], O.F_INDIRECT_TARGET))


@prim("%set-indirect-target", 2)
def _set_indirect_target(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _as(c, args[0], "indirect-function")
    c.expr(args[1], Mode.VALUE)
    c.e(("local.tee", val), ("ref.cast", c.ref("function")))
    c.e(("struct.set", c.t["indirect-function"], O.F_INDIRECT_TARGET), ("local.get", val))
    c.release(val)


@prim("%adopt-code", 2)
def _adopt_code(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # Retarget, and take the target's entries too, so that calls run its code
    # without going through the forwarding stubs.  Only for a target whose
    # code never reads its own object's fields beyond those of $function (a
    # function closing over nothing): it now runs with this object as itself.
    indirect_t, function_t = ref(c.t["indirect-function"]), ref(c.t["function"])
    indirect, target = c.temp(indirect_t), c.temp(function_t)
    _as(c, args[0], "indirect-function")
    c.e(("local.set", indirect))
    _as(c, args[1], "function")
    c.e(("local.set", target))
    for field in range(O.F_ENTRY0, O.F_GENERAL + 1):
        c.e(("local.get", indirect), ("local.get", target))
        c.e(("struct.get", c.t["function"], field))
        c.e(("struct.set", c.t["indirect-function"], field))
    c.e(("local.get", indirect), ("local.get", target))
    c.e(("struct.set", c.t["indirect-function"], O.F_INDIRECT_TARGET), ("local.get", target))
    c.release(indirect, indirect_t)
    c.release(target, function_t)


@prim("%function-info", 1)
def _function_info(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _as(c, args[0], "function")
    c.e(("struct.get", c.t["function"], O.F_FUNCTION_INFO))


@prim("%set-function-info", 2)
def _set_function_info(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    _as(c, args[0], "function")
    c.expr(args[1], Mode.VALUE)
    c.e(("local.tee", val), ("struct.set", c.t["function"], O.F_FUNCTION_INFO), ("local.get", val))
    c.release(val)


@prim("%write-string", 2, "effect")
def _write_string(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _fixnum_i32(c, args[0])
    c.expr(args[1], Mode.VALUE)
    c.e(c.call_k("%write-string"))


@prim("%read-bytes", 1)
def _read_bytes(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _fixnum_i32(c, args[0])
    c.e(c.call_k("%read-bytes"))


@prim("%preopen-name", 1)
def _preopen_name(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _fixnum_i32(c, args[0])
    c.e(c.call_k("%preopen-name"))


@prim("%open-file", 2)
def _open_file(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _fixnum_i32(c, args[0])
    c.expr(args[1], Mode.VALUE)
    c.e(c.call_k("%open-file"))


@prim("%close-fd", 1, "effect")
def _close_fd(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _fixnum_i32(c, args[0])
    c.e(c.call_k("%close-fd"))


@prim("%jit-compile", 2)
def _jit_compile(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.values_in(args)
    c.e(c.call_k("%jit-compile"))


@prim("%jit-error", 0)
def _jit_error(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.e(c.call_k("%jit-error"))


@prim("%monotonic-ms", 0)
def _monotonic_ms(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.e(c.call_k("%monotonic-ms"))


@prim("%exit", 1, "effect")
def _exit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _fixnum_i32(c, args[0])
    c.e(c.call_k("%exit"))
