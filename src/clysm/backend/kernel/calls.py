"""Kernel call machinery: arity stubs, fixed<->general adapters, funcall of a
designator, apply and multiple-value-call."""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.kernel.asm import Asm, KernelBuilder, body, count_up
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, I32


def _wrong_args(n: int) -> None:
    @body(f"%wrong-args{n}")
    def _stub(kb: KernelBuilder, a: Asm) -> None:
        a(("local.get", 0), ("i32.const", n), ("call", kb.f("%arg-count-error")), ("unreachable",))


def _general_to_entry(n: int) -> None:
    @body(f"%general-to-entry{n}")
    def _adapter(kb: KernelBuilder, a: Asm) -> None:
        va = kb.t["value-array"]
        a(
            ("local.get", 1),
            ("array.len",),
            ("i32.const", n),
            ("i32.ne",),
            ("if", None),
            ("local.get", 0),
            ("local.get", 1),
            ("array.len",),
            ("call", kb.f("%arg-count-error")),
            ("unreachable",),
            ("end",),
            ("local.get", 0),
        )
        for i in range(n):
            a(("local.get", 1), ("i32.const", i), ("array.get", va))
        a(
            ("local.get", 0),
            ("struct.get", kb.t["function"], O.F_ENTRY0 + n),
            ("return_call_ref", kb.t.entry(n)),
        )


def _entry_to_general(n: int) -> None:
    @body(f"%entry{n}-to-general")
    def _adapter(kb: KernelBuilder, a: Asm) -> None:
        a(("local.get", 0))
        for i in range(n):
            a(("local.get", 1 + i))
        a(
            ("array.new_fixed", kb.t["value-array"], n),
            ("local.get", 0),
            ("struct.get", kb.t["function"], O.F_GENERAL),
            ("return_call_ref", kb.t.general),
        )


for _n in range(O.MAX_FIXED_ARITY + 1):
    _wrong_args(_n)
    _general_to_entry(_n)
    _entry_to_general(_n)


@body("%coerce-to-function")
def _coerce(kb: KernelBuilder, a: Asm) -> None:
    sym = kb.t["symbol"]
    a(
        ("local.get", 0),
        ("ref.test", kb.ref("function")),
        ("if", None),
        ("local.get", 0),
        ("ref.cast", kb.ref("function")),
        ("return",),
        ("end",),
        ("local.get", 0),
        ("ref.test", kb.ref("symbol")),
        ("if", None),
        # A macro or special operator name does not name a function.
        ("local.get", 0),
        ("ref.cast", kb.ref("symbol")),
        ("struct.get", sym, O.F_SYMBOL_FLAGS),
        ("i32.const", O.FLAG_MACRO | O.FLAG_SPECIAL_OPERATOR),
        ("i32.and",),
        ("i32.eqz",),
        ("if", None),
        ("block", None),
        ("local.get", 0),
        ("ref.cast", kb.ref("symbol")),
        ("struct.get", sym, O.F_SYMBOL_FUNCTION),
        ("br_on_null", 0),
        ("return",),
        ("end",),
        ("end",),
        ("local.get", 0),
        ("return_call", kb.f("%undefined-function")),
        ("end",),
        ("local.get", 0),
        ("global.get", kb.cl("FUNCTION")),
        ("call", kb.f("%type-error")),
        ("unreachable",),
    )


def list_length(kb: KernelBuilder, lst: int, out: int, scratch: int) -> list[Instr]:
    """out := length of the proper list in local `lst` (type-error otherwise)."""
    return [
        ("i32.const", 0),
        ("local.set", out),
        ("local.get", lst),
        ("local.set", scratch),
        ("block", None),
        ("loop", None),
        ("local.get", scratch),
        ("ref.test", kb.ref("cons")),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", out),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", out),
        ("local.get", scratch),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", kb.t["cons"], O.F_CDR),
        ("local.set", scratch),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", scratch),
        ("global.get", kb.g("nil")),
        ("ref.eq",),
        ("i32.eqz",),
        ("if", None),
        ("local.get", lst),
        ("call", kb.f("%list-error")),
        ("end",),
    ]


@body("%apply")
def _apply(kb: KernelBuilder, a: Asm) -> None:
    # (fn leading-args-array spread-list)
    fn = a.local(kb.ref("function").as_nullable())
    n, k, i = a.local(I32), a.local(I32), a.local(I32)
    scratch = a.local(EQREF)
    arr = a.local(kb.ref_null("value-array"))
    va, cons = kb.t["value-array"], kb.t["cons"]
    a(
        ("local.get", 0),
        ("call", kb.f("%coerce-to-function")),
        ("local.set", fn),
        *list_length(kb, 2, n, scratch),
        ("local.get", 1),
        ("array.len",),
        ("local.tee", k),
        ("local.get", n),
        ("i32.add",),
        ("array.new_default", va),
        ("local.tee", arr),
        ("i32.const", 0),
        ("local.get", 1),
        ("i32.const", 0),
        ("local.get", k),
        ("array.copy", va, va),
        ("local.get", 2),
        ("local.set", scratch),
        ("local.get", k),
        ("local.set", i),
        ("block", None),
        ("loop", None),
        ("local.get", scratch),
        ("ref.test", kb.ref("cons")),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", arr),
        ("local.get", i),
        ("local.get", scratch),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("array.set", va),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", i),
        ("local.get", scratch),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.set", scratch),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", fn),
        ("ref.as_non_null",),
        ("local.get", arr),
        ("ref.as_non_null",),
        ("local.get", fn),
        ("struct.get", kb.t["function"], O.F_GENERAL),
        ("return_call_ref", kb.t.general),
    )


@body("%mv-push-rev")
def _mv_push_rev(kb: KernelBuilder, a: Asm) -> None:
    # (acc primary): push all current values onto acc, last value first out.
    i = a.local(I32)
    cons, va = kb.t["cons"], kb.t["value-array"]
    a(
        ("global.get", kb.g("mv-count")),
        ("i32.eqz",),
        ("if", None),
        ("local.get", 0),
        ("return",),
        ("end",),
        ("i32.const", 0),
        ("local.get", 1),
        ("local.get", 0),
        ("struct.new", cons),
        ("local.set", 0),
        *count_up(
            i,
            [("i32.const", 1)],
            [("global.get", kb.g("mv-count"))],
            [
                ("i32.const", 0),
                ("global.get", kb.g("mv-buffer")),
                ("local.get", i),
                ("array.get", va),
                ("local.get", 0),
                ("struct.new", cons),
                ("local.set", 0),
            ],
            unsigned=True,
        ),
        ("local.get", 0),
    )


@body("%apply-rev")
def _apply_rev(kb: KernelBuilder, a: Asm) -> None:
    # (fn reversed-args): call fn's general entry with the list reversed.
    n = a.local(I32)
    scratch = a.local(EQREF)
    arr = a.local(kb.ref_null("value-array"))
    va, cons = kb.t["value-array"], kb.t["cons"]
    a(
        *list_length(kb, 1, n, scratch),
        ("local.get", n),
        ("array.new_default", va),
        ("local.set", arr),
        ("local.get", 1),
        ("local.set", scratch),
        ("block", None),
        ("loop", None),
        ("local.get", scratch),
        ("ref.test", kb.ref("cons")),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", n),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.set", n),
        ("local.get", arr),
        ("local.get", n),
        ("local.get", scratch),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("array.set", va),
        ("local.get", scratch),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.set", scratch),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", 0),
        ("local.get", arr),
        ("ref.as_non_null",),
        ("local.get", 0),
        ("struct.get", kb.t["function"], O.F_GENERAL),
        ("return_call_ref", kb.t.general),
    )


@body("%list-from-array")
def _list_from_array(kb: KernelBuilder, a: Asm) -> None:
    # (array start): a fresh list of array[start..].
    i = a.local(I32)
    acc = a.local(EQREF)
    a(
        ("global.get", kb.g("nil")),
        ("local.set", acc),
        ("local.get", 0),
        ("array.len",),
        ("local.set", i),
        ("block", None),
        ("loop", None),
        ("local.get", i),
        ("local.get", 1),
        ("i32.le_s",),
        ("br_if", 1),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.set", i),
        ("i32.const", 0),
        ("local.get", 0),
        ("local.get", i),
        ("array.get", kb.t["value-array"]),
        ("local.get", acc),
        ("struct.new", kb.t["cons"]),
        ("local.set", acc),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", acc),
    )


@body("%find-key")
def _find_key(kb: KernelBuilder, a: Asm) -> None:
    # (args start key): index of the value of the first `key`, or -1.
    i = a.local(I32)
    a(
        ("local.get", 1),
        ("local.set", i),
        ("block", None),
        ("loop", None),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("local.get", 0),
        ("array.len",),
        ("i32.ge_s",),
        ("br_if", 1),
        ("local.get", 0),
        ("local.get", i),
        ("array.get", kb.t["value-array"]),
        ("local.get", 2),
        ("ref.eq",),
        ("if", None),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("return",),
        ("end",),
        ("local.get", i),
        ("i32.const", 2),
        ("i32.add",),
        ("local.set", i),
        ("br", 0),
        ("end",),
        ("end",),
        ("i32.const", -1),
    )


@body("%check-keys")
def _check_keys(kb: KernelBuilder, a: Asm) -> None:
    # (self args start known-keys allow): the &key part args[start..] must have
    # even length and, unless other keys are allowed (by the lambda list or
    # by a true :allow-other-keys argument), only known keys.
    i, j, ok = a.local(I32), a.local(I32), a.local(I32)
    key = a.local(EQREF)
    va = kb.t["value-array"]
    aok = kb.symbol("KEYWORD", "ALLOW-OTHER-KEYS")
    name: list[Instr] = [("local.get", 0), ("struct.get", kb.t["function"], O.F_FUNCTION_NAME)]
    a(
        ("local.get", 1),
        ("array.len",),
        ("local.get", 2),
        ("i32.sub",),
        ("i32.const", 1),
        ("i32.and",),
        ("if", None),
        *kb.error("PROGRAM-ERROR", "odd number of &key arguments to", name),
        ("end",),
        ("local.get", 4),
        ("if", None),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("local.get", 2),
        ("global.get", aok),
        ("call", kb.f("%find-key")),
        ("local.tee", i),
        ("i32.const", 0),
        ("i32.ge_s",),
        ("if", None),
        ("local.get", 1),
        ("local.get", i),
        ("array.get", va),
        ("global.get", kb.g("nil")),
        ("ref.eq",),
        ("i32.eqz",),
        ("if", None),
        ("return",),
        ("end",),
        ("end",),
        ("local.get", 2),
        ("local.set", i),
        ("block", None),
        ("loop", None),
        ("local.get", i),
        ("local.get", 1),
        ("array.len",),
        ("i32.ge_s",),
        ("br_if", 1),
        ("local.get", 1),
        ("local.get", i),
        ("array.get", va),
        ("local.tee", key),
        ("global.get", aok),
        ("ref.eq",),
        ("local.set", ok),
        ("i32.const", 0),
        ("local.set", j),
        ("block", None),
        ("loop", None),
        ("local.get", j),
        ("local.get", 3),
        ("array.len",),
        ("i32.ge_s",),
        ("br_if", 1),
        ("local.get", 3),
        ("local.get", j),
        ("array.get", va),
        ("local.get", key),
        ("ref.eq",),
        ("local.get", ok),
        ("i32.or",),
        ("local.set", ok),
        ("local.get", j),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", j),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", ok),
        ("i32.eqz",),
        ("if", None),
        *kb.error(
            "PROGRAM-ERROR", "unknown keyword argument: key, function:", [("local.get", key)], name
        ),
        ("end",),
        ("local.get", i),
        ("i32.const", 2),
        ("i32.add",),
        ("local.set", i),
        ("br", 0),
        ("end",),
        ("end",),
    )


# -- indirect functions (tiering: one object whose code can be retargeted) ----


def _indirect_target(kb: KernelBuilder, a: Asm) -> int:
    """Code loading the target of the indirect function in param 0 into a local."""
    target = a.local(kb.ref_null("function"))
    a(
        ("local.get", 0),
        ("ref.cast", kb.ref("indirect-function")),
        ("struct.get", kb.t["indirect-function"], O.F_INDIRECT_TARGET),
        ("ref.cast", kb.ref("function")),
        ("local.set", target),
        ("local.get", target),
        ("ref.as_non_null",),
    )
    return target


def _indirect_entry(n: int) -> None:
    @body(f"%indirect-entry{n}")
    def _forward(kb: KernelBuilder, a: Asm) -> None:
        target = _indirect_target(kb, a)
        for i in range(n):
            a(("local.get", 1 + i))
        a(
            ("local.get", target),
            ("struct.get", kb.t["function"], O.F_ENTRY0 + n),
            ("return_call_ref", kb.t.entry(n)),
        )


for _n in range(O.MAX_FIXED_ARITY + 1):
    _indirect_entry(_n)


@body("%indirect-general")
def _indirect_general(kb: KernelBuilder, a: Asm) -> None:
    target = _indirect_target(kb, a)
    a(
        ("local.get", 1),
        ("local.get", target),
        ("struct.get", kb.t["function"], O.F_GENERAL),
        ("return_call_ref", kb.t.general),
    )


@body("%make-indirect-function")
def _make_indirect_function(kb: KernelBuilder, a: Asm) -> None:
    # (target name): a function object forwarding every call to target.
    stubs = [kb.f(f"%indirect-entry{n}") for n in range(O.MAX_FIXED_ARITY + 1)]
    stubs.append(kb.f("%indirect-general"))
    kb.ref_funcs.update(stubs)
    a(("i32.const", 0), ("local.get", 1))
    a(*[("ref.func", f) for f in stubs])
    a(("global.get", kb.g("nil")), ("local.get", 0))
    a(("struct.new", kb.t["indirect-function"]))
