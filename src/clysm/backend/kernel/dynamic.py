"""Kernel dynamic state: the special binding stack, catch tags, throw, and
saving/restoring multiple values."""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.kernel.asm import Asm, KernelBuilder, body
from clysm.wasm.types import EQREF, I32, ref, ref_null

# Name of the special variable holding the list of active catch tags.
CATCH_TAGS = ("CLYSM", "*%CATCH-TAGS*")


@body("%bind")
def _bind(kb: KernelBuilder, a: Asm) -> None:
    # (symbol value): push (symbol, old value) and store the new value.
    sp = a.local(I32)
    new = a.local(kb.ref_null("value-array"))
    va, sym = kb.t["value-array"], kb.t["symbol"]
    stack = kb.g("bind-stack")
    a(
        ("global.get", kb.g("bind-sp")),
        ("local.tee", sp),
        ("i32.const", 2),
        ("i32.add",),
        ("global.get", stack),
        ("array.len",),
        ("i32.gt_u",),
        ("if", None),
        # Grow by doubling.
        ("global.get", stack),
        ("array.len",),
        ("i32.const", 1),
        ("i32.shl",),
        ("array.new_default", va),
        ("local.tee", new),
        ("i32.const", 0),
        ("global.get", stack),
        ("i32.const", 0),
        ("local.get", sp),
        ("array.copy", va, va),
        ("local.get", new),
        ("ref.as_non_null",),
        ("global.set", stack),
        ("end",),
        ("global.get", stack),
        ("local.get", sp),
        ("local.get", 0),
        ("array.set", va),
        ("global.get", stack),
        ("local.get", sp),
        ("i32.const", 1),
        ("i32.add",),
        ("local.get", 0),
        ("struct.get", sym, O.F_SYMBOL_VALUE),
        ("array.set", va),
        ("local.get", sp),
        ("i32.const", 2),
        ("i32.add",),
        ("global.set", kb.g("bind-sp")),
        ("local.get", 0),
        ("local.get", 1),
        ("struct.set", sym, O.F_SYMBOL_VALUE),
    )


@body("%unbind-to")
def _unbind_to(kb: KernelBuilder, a: Asm) -> None:
    # (sp): pop bindings down to stack pointer sp, restoring old values.
    sp = a.local(I32)
    va, sym = kb.t["value-array"], kb.t["symbol"]
    stack = kb.g("bind-stack")
    a(
        ("global.get", kb.g("bind-sp")),
        ("local.set", sp),
        ("block", None),
        ("loop", None),
        ("local.get", sp),
        ("local.get", 0),
        ("i32.le_s",),
        ("br_if", 1),
        ("local.get", sp),
        ("i32.const", 2),
        ("i32.sub",),
        ("local.tee", sp),
        ("drop",),
        ("global.get", stack),
        ("local.get", sp),
        ("array.get", va),
        ("ref.cast", kb.ref("symbol")),
        ("global.get", stack),
        ("local.get", sp),
        ("i32.const", 1),
        ("i32.add",),
        ("array.get", va),
        ("struct.set", sym, O.F_SYMBOL_VALUE),
        # Drop the references so the stack does not keep garbage alive.
        ("global.get", stack),
        ("local.get", sp),
        ("ref.null", "eq"),
        ("array.set", va),
        ("global.get", stack),
        ("local.get", sp),
        ("i32.const", 1),
        ("i32.add",),
        ("ref.null", "eq"),
        ("array.set", va),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", sp),
        ("global.set", kb.g("bind-sp")),
    )


@body("%progv")
def _progv(kb: KernelBuilder, a: Asm) -> None:
    # (symbols values): bind each symbol; symbols without a value become unbound.
    syms, vals = a.local(EQREF), a.local(EQREF)
    cons = kb.t["cons"]
    a(
        ("local.get", 0),
        ("local.set", syms),
        ("local.get", 1),
        ("local.set", vals),
        ("block", None),
        ("loop", None),
        ("local.get", syms),
        ("ref.test", kb.ref("cons")),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", syms),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("ref.test", kb.ref("symbol")),
        ("i32.eqz",),
        ("if", None),
        ("local.get", syms),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("global.get", kb.cl("SYMBOL")),
        ("call", kb.f("%type-error")),
        ("end",),
        ("local.get", syms),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("ref.cast", kb.ref("symbol")),
        ("local.get", vals),
        ("ref.test", kb.ref("cons")),
        ("if", EQREF),
        ("local.get", vals),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("local.get", vals),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.set", vals),
        ("else",),
        ("ref.null", "eq"),
        ("end",),
        ("call", kb.f("%bind")),
        ("local.get", syms),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.set", syms),
        ("br", 0),
        ("end",),
        ("end",),
    )


@body("%push-catch")
def _push_catch(kb: KernelBuilder, a: Asm) -> None:
    tags = kb.symbol(*CATCH_TAGS)
    a(
        ("global.get", tags),
        ("i32.const", 0),
        ("local.get", 0),
        ("global.get", tags),
        ("struct.get", kb.t["symbol"], O.F_SYMBOL_VALUE),
        ("struct.new", kb.t["cons"]),
        ("call", kb.f("%bind")),
    )


@body("%throw")
def _throw(kb: KernelBuilder, a: Asm) -> None:
    # (tag value): CL requires the check for an active catch before unwinding.
    tags = a.local(EQREF)
    cons = kb.t["cons"]
    a(
        ("global.get", kb.symbol(*CATCH_TAGS)),
        ("struct.get", kb.t["symbol"], O.F_SYMBOL_VALUE),
        ("local.set", tags),
        ("block", None),
        ("loop", None),
        ("local.get", tags),
        ("ref.test", kb.ref("cons")),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", tags),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("local.get", 0),
        ("ref.eq",),
        ("if", None),
        ("local.get", 0),
        ("local.get", 1),
        ("throw", kb.refs.unwind_tag),
        ("end",),
        ("local.get", tags),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.set", tags),
        ("br", 0),
        ("end",),
        ("end",),
        *kb.error("CONTROL-ERROR", "throw to a tag with no active catch:", [("local.get", 0)]),
    )


@body("%mv-save")
def _mv_save(kb: KernelBuilder, a: Asm) -> None:
    # null when there is exactly one value; else an array as long as the
    # value count whose elements 1.. are values 2..
    arr = a.local(kb.ref_null("value-array"))
    va = kb.t["value-array"]
    a(
        ("global.get", kb.g("mv-count")),
        ("i32.const", 1),
        ("i32.eq",),
        ("if", None),
        ("ref.null", va),
        ("return",),
        ("end",),
        ("global.get", kb.g("mv-count")),
        ("array.new_default", va),
        ("local.set", arr),
        ("global.get", kb.g("mv-count")),
        ("i32.const", 1),
        ("i32.gt_u",),
        ("if", None),
        ("local.get", arr),
        ("i32.const", 1),
        ("global.get", kb.g("mv-buffer")),
        ("i32.const", 1),
        ("global.get", kb.g("mv-count")),
        ("i32.const", 1),
        ("i32.sub",),
        ("array.copy", va, va),
        ("end",),
        ("local.get", arr),
    )


@body("%mv-restore")
def _mv_restore(kb: KernelBuilder, a: Asm) -> None:
    va = kb.t["value-array"]
    a(
        ("local.get", 0),
        ("ref.is_null",),
        ("if", None),
        ("i32.const", 1),
        ("global.set", kb.g("mv-count")),
        ("return",),
        ("end",),
        ("local.get", 0),
        ("array.len",),
        ("global.set", kb.g("mv-count")),
        ("global.get", kb.g("mv-count")),
        ("i32.const", 1),
        ("i32.gt_u",),
        ("if", None),
        ("global.get", kb.g("mv-buffer")),
        ("i32.const", 1),
        ("local.get", 0),
        ("i32.const", 1),
        ("global.get", kb.g("mv-count")),
        ("i32.const", 1),
        ("i32.sub",),
        ("array.copy", va, va),
        ("end",),
    )


@body("%mv-list")
def _mv_list(kb: KernelBuilder, a: Asm) -> None:
    # (primary): the list of all current values.
    acc = a.local(EQREF)
    i = a.local(I32)
    a(
        ("global.get", kb.g("nil")),
        ("local.set", acc),
        ("global.get", kb.g("mv-count")),
        ("i32.eqz",),
        ("if", None),
        ("local.get", acc),
        ("return",),
        ("end",),
        ("global.get", kb.g("mv-count")),
        ("local.set", i),
        ("block", None),
        ("loop", None),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.le_s",),
        ("br_if", 1),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.set", i),
        ("i32.const", 0),
        ("global.get", kb.g("mv-buffer")),
        ("local.get", i),
        ("array.get", kb.t["value-array"]),
        ("local.get", acc),
        ("struct.new", kb.t["cons"]),
        ("local.set", acc),
        ("br", 0),
        ("end",),
        ("end",),
        ("i32.const", 0),
        ("local.get", 0),
        ("local.get", acc),
        ("struct.new", kb.t["cons"]),
    )


@body("%values-list")
def _values_list(kb: KernelBuilder, a: Asm) -> None:
    # (list): its elements become the current values; returns the primary.
    # Callers guarantee a proper list of at most multiple-values-limit items.
    cons = kb.t["cons"]
    count = a.local(I32)
    primary = a.local(EQREF)
    cell = a.local(ref_null(cons))
    a(
        ("global.get", kb.g("nil")),
        ("local.set", primary),
        ("block", EQREF),
        ("loop", None),
        ("local.get", 0),
        ("br_on_cast_fail", 1, EQREF, ref(cons)),
        ("local.tee", cell),
        ("struct.get", cons, O.F_CDR),
        ("local.set", 0),
        ("local.get", count),
        ("if", None),
        ("global.get", kb.g("mv-buffer")),
        ("local.get", count),
        ("local.get", cell),
        ("struct.get", cons, O.F_CAR),
        ("array.set", kb.t["value-array"]),
        ("else",),
        ("local.get", cell),
        ("struct.get", cons, O.F_CAR),
        ("local.set", primary),
        ("end",),
        ("local.get", count),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", count),
        ("br", 0),
        ("end",),
        ("unreachable",),
        ("end",),
        ("drop",),
        ("local.get", count),
        ("global.set", kb.g("mv-count")),
        ("local.get", primary),
    )
