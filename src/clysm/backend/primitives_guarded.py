"""Guarded simple-vector access: `(if (%svref-index-p v i) (%svref v i) SLOW)`
(and the same with %svset), the expansion of SVREF and its place in
runtime/lisp/transforms.lisp, compiled as one fused fast path.

Compiled as a plain IF, the test casts the vector and the index to check
them, and the access casts them again: V8 keeps both sets of checks.  Here
the checks cast once, with br_on_cast_fail, and the access uses the cast
values, held in typed locals.  Anything the checks refuse runs SLOW.
"""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.codegen.core import Mode
from clysm.backend.primitives import GUARDED_IFS, I31, PrimitivesMixin
from clysm.frontend import ir
from clysm.wasm.types import EQREF, I32, ref_null

ACCESSES = ("%svref", "%svset")


def _same(a: ir.Node, b: ir.Node) -> bool:
    """Whether a and b surely have the same value, and evaluating them twice is harmless."""
    if isinstance(a, ir.LexRef) and isinstance(b, ir.LexRef):
        return a.var is b.var
    if isinstance(a, ir.Const) and isinstance(b, ir.Const):
        return type(a.value) is type(b.value) and a.value == b.value
    return False


def _guarded_svref(c: PrimitivesMixin, node: ir.If, mode: Mode) -> bool:
    test, access = node.test, node.then
    assert isinstance(test, ir.PrimCall)
    if not (
        isinstance(access, ir.PrimCall)
        and access.op in ACCESSES
        and len(test.args) == 2
        and len(access.args) == (2 if access.op == "%svref" else 3)
        and _same(test.args[0], access.args[0])
        and _same(test.args[1], access.args[1])
    ):
        return False
    items_t = ref_null(c.t["value-array"])
    items, index = c.temp(items_t), c.temp(I32)
    join = c.open("block", None if mode == Mode.EFFECT else EQREF)
    slow = c.open("block", None)
    refused = c.open("block", EQREF)  # a failed cast passes its operand here
    c.expr(access.args[0], Mode.VALUE)
    c.e(("br_on_cast_fail", c.depth(refused), EQREF, c.ref("simple-vector")))
    c.e(("struct.get", c.t["simple-vector"], O.F_VECTOR_ITEMS), ("local.set", items))
    c.expr(access.args[1], Mode.VALUE)
    c.e(("br_on_cast_fail", c.depth(refused), EQREF, I31), ("i31.get_s",))
    c.e(("local.tee", index), ("local.get", items), ("array.len",), ("i32.ge_u",))
    c.e(("br_if", c.depth(slow)), ("local.get", items), ("local.get", index))
    if access.op == "%svref":
        c.e(("array.get", c.t["value-array"]))
    else:
        value = c.temp()
        c.expr(access.args[2], Mode.VALUE)
        c.e(("local.tee", value), ("array.set", c.t["value-array"]), ("local.get", value))
        c.release(value)
    c.finish(mode)
    c.e(("br", c.depth(join)))
    c.close()
    c.e(("drop",))
    c.close()
    c.expr(node.else_, mode)
    c.close()
    c.release(items, items_t)
    c.release(index, I32)
    return True


GUARDED_IFS["%svref-index-p"] = _guarded_svref
