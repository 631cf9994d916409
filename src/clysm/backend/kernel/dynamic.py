"""Kernel dynamic state: the special binding stack, catch tags, throw, and
saving/restoring multiple values."""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.kernel.asm import Asm, KernelBuilder, body
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, I32, ref, ref_null

# The depth of a catch frame no thrower can match (see %disable-fast-throws).
NO_DEPTH = -(1 << 29)


def _ensure_room(kb: KernelBuilder, a: Asm, sp: int) -> None:
    """Grow the binding stack (by doubling) unless two more slots fit above `sp`."""
    new = a.local(kb.ref_null("value-array"))
    va = kb.t["value-array"]
    stack = kb.g("bind-stack")
    a(
        ("local.get", sp),
        ("i32.const", 2),
        ("i32.add",),
        ("global.get", stack),
        ("array.len",),
        ("i32.gt_u",),
        ("if", None),
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
    )


def _push_pair(kb: KernelBuilder, a: Asm, sp: int, first: list[Instr], second: list[Instr]) -> None:
    """Store two slots at `sp` (room ensured) and move the stack pointer past them."""
    va = kb.t["value-array"]
    stack = kb.g("bind-stack")
    a(
        ("global.get", stack),
        ("local.get", sp),
        *first,
        ("array.set", va),
        ("global.get", stack),
        ("local.get", sp),
        ("i32.const", 1),
        ("i32.add",),
        *second,
        ("array.set", va),
        ("local.get", sp),
        ("i32.const", 2),
        ("i32.add",),
        ("global.set", kb.g("bind-sp")),
    )


def _frames_down(kb: KernelBuilder, i: int, stop: list[Instr], step: list[Instr]) -> list[Instr]:
    """A walk down the binding stack's two-slot frames from the top: `i` is
    set to each frame's first slot in turn and `step` runs; the walk ends
    when `stop` (evaluated before each frame) leaves a true i32."""
    return [
        ("global.get", kb.g("bind-sp")),
        ("local.set", i),
        ("block", None),
        ("loop", None),
        *stop,
        ("br_if", 1),
        ("local.get", i),
        ("i32.const", 2),
        ("i32.sub",),
        ("local.set", i),
        *step,
        ("br", 0),
        ("end",),
        ("end",),
    ]


@body("%bind")
def _bind(kb: KernelBuilder, a: Asm) -> None:
    # (symbol value): push (symbol, old value) and store the new value.
    sp = a.local(I32)
    sym = kb.t["symbol"]
    a(("global.get", kb.g("bind-sp")), ("local.set", sp))
    _ensure_room(kb, a, sp)
    old_value: list[Instr] = [("local.get", 0), ("struct.get", sym, O.F_SYMBOL_VALUE)]
    _push_pair(kb, a, sp, [("local.get", 0)], old_value)
    a(
        ("local.get", 0),
        ("local.get", 1),
        ("struct.set", sym, O.F_SYMBOL_VALUE),
    )


@body("%unbind-to")
def _unbind_to(kb: KernelBuilder, a: Asm) -> None:
    # (sp): pop bindings and catch frames down to stack pointer sp, restoring
    # the old values of the bindings.
    sp = a.local(I32)
    va, sym = kb.t["value-array"], kb.t["symbol"]
    stack = kb.g("bind-stack")
    above_target: list[Instr] = [("local.get", sp), ("local.get", 0), ("i32.le_s",)]
    step: list[Instr] = [
        # A catch frame (its first slot is not a symbol) restores nothing.
        ("block", EQREF),
        ("global.get", stack),
        ("local.get", sp),
        ("array.get", va),
        ("br_on_cast_fail", 0, EQREF, kb.ref("symbol")),
        ("global.get", stack),
        ("local.get", sp),
        ("i32.const", 1),
        ("i32.add",),
        ("array.get", va),
        ("struct.set", sym, O.F_SYMBOL_VALUE),
        ("ref.null", "eq"),
        ("end",),
        ("drop",),
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
    ]
    a(*_frames_down(kb, sp, above_target, step))
    a(("local.get", sp), ("global.set", kb.g("bind-sp")))


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


@body("%grow-bind-stack")
def _grow_bind_stack(kb: KernelBuilder, a: Asm) -> None:
    # Make room for two more slots (CATCH pushes its frame inline).
    sp = a.local(I32)
    a(("global.get", kb.g("bind-sp")), ("local.set", sp))
    _ensure_room(kb, a, sp)


@body("%throw")
def _throw(kb: KernelBuilder, a: Asm) -> None:
    # (tag value): find the innermost catch frame for tag (CL requires the
    # check before unwinding).  If the thrower runs one call below the frame
    # that established it, return the frame's index + 1: the thrower returns
    # and the call site in the catch body branches to the catch (the fast
    # path, docs/object-model.md).  Otherwise throw $unwind.
    i = a.local(I32)
    va = kb.t["value-array"]
    stack = kb.g("bind-stack")
    bottom: list[Instr] = [("local.get", i), ("i32.eqz",)]
    step: list[Instr] = [
        ("global.get", stack),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("array.get", va),
        ("local.get", 0),
        ("ref.eq",),
        ("if", None),
        ("global.get", stack),
        ("local.get", i),
        ("array.get", va),
        ("ref.test", ref("i31")),
        ("if", None),
        ("global.get", stack),
        ("local.get", i),
        ("array.get", va),
        ("ref.cast", ref("i31")),
        ("i31.get_s",),
        ("global.get", kb.g("depth")),
        ("i32.const", 1),
        ("i32.add",),
        ("i32.eq",),
        ("if", None),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("return",),
        ("end",),
        ("local.get", 0),
        ("local.get", 1),
        ("throw", kb.refs.unwind_tag),
        ("end",),
        ("end",),
    ]
    a(*_frames_down(kb, i, bottom, step))
    a(
        *kb.error("CONTROL-ERROR", "throw to a tag with no active catch:", [("local.get", 0)]),
        ("unreachable",),
    )


@body("%disable-fast-throws")
def _disable_fast_throws(kb: KernelBuilder, a: Asm) -> None:
    # The depth counter is about to be moved (stack exhaustion): depths saved
    # in catch frames no longer tell which frame called which, so mark every
    # frame with a depth no thrower can have.
    i = a.local(I32)
    va = kb.t["value-array"]
    stack = kb.g("bind-stack")
    bottom: list[Instr] = [("local.get", i), ("i32.eqz",)]
    step: list[Instr] = [
        ("global.get", stack),
        ("local.get", i),
        ("array.get", va),
        ("ref.test", ref("i31")),
        ("if", None),
        ("global.get", stack),
        ("local.get", i),
        ("i32.const", NO_DEPTH),
        ("ref.i31",),
        ("array.set", va),
        ("end",),
    ]
    a(*_frames_down(kb, i, bottom, step))


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
