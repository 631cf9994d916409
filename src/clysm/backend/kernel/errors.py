"""Kernel error signalling.

All kernel errors go through `%error (kind message irritants)`.  If the Lisp
function CLYSM::%SIGNAL-ERROR is fbound (the condition system, once the
runtime library defines it) the kernel calls it, so handlers and restarts
take over without any change to generated code.  Otherwise, or if it returns,
the kernel reports "Unhandled KIND: message irritants..." on stderr and exits
with code 1.
"""

from __future__ import annotations

from collections.abc import Callable

from clysm.backend import objects as O
from clysm.backend.kernel.asm import Asm, KernelBuilder, body
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, ref

I31 = ref("i31")
# Extra depth granted to the error machinery once the depth limit is hit.
STACK_HEADROOM = 2000


def write(kb: KernelBuilder, fd: int, text: str) -> list[Instr]:
    return [("i32.const", fd), ("global.get", kb.string(text)), ("call", kb.f("%write-string"))]


@body("%error")
def _error(kb: KernelBuilder, a: Asm) -> None:
    fn = a.local(kb.ref("function"))
    rest = a.local(EQREF)
    cons = kb.t["cons"]
    sig = kb.symbol("CLYSM", "%SIGNAL-ERROR")
    a(
        ("block", None),
        ("global.get", sig),
        ("struct.get", kb.t["symbol"], O.F_SYMBOL_FUNCTION),
        ("br_on_null", 0),
        ("local.tee", fn),
        ("local.get", 0),
        ("local.get", 1),
        ("local.get", 2),
        ("local.get", fn),
        ("struct.get", kb.t["function"], O.F_ENTRY0 + 3),
        *kb.call_lisp(kb.t.entry(3)),
        ("drop",),
        ("end",),
        *write(kb, 2, "Unhandled "),
        ("i32.const", 2),
        ("local.get", 0),
        ("call", kb.f("%write-object")),
        *write(kb, 2, ": "),
        ("i32.const", 2),
        ("local.get", 1),
        ("call", kb.f("%write-string")),
        ("local.get", 2),
        ("local.set", rest),
        ("block", None),
        ("loop", None),
        ("local.get", rest),
        ("ref.test", kb.ref("cons")),
        ("i32.eqz",),
        ("br_if", 1),
        *write(kb, 2, " "),
        ("i32.const", 2),
        ("local.get", rest),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("call", kb.f("%write-object")),
        ("local.get", rest),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.set", rest),
        ("br", 0),
        ("end",),
        ("end",),
        *write(kb, 2, "\n"),
        ("i32.const", 1),
        ("call", kb.f("%exit")),
    )


@body("%undefined-function")
def _undefined_function(kb: KernelBuilder, a: Asm) -> None:
    a(*kb.error("UNDEFINED-FUNCTION", "undefined function", [("local.get", 0)]))


@body("%unbound-variable")
def _unbound_variable(kb: KernelBuilder, a: Asm) -> None:
    a(*kb.error("UNBOUND-VARIABLE", "unbound variable", [("local.get", 0)]))


@body("%type-error")
def _type_error(kb: KernelBuilder, a: Asm) -> None:
    a(
        *kb.error(
            "TYPE-ERROR",
            "wrong type: the datum, then the expected type:",
            [("local.get", 0)],
            [("local.get", 1)],
        )
    )


@body("%list-error")
def _list_error(kb: KernelBuilder, a: Asm) -> None:
    a(("local.get", 0), ("global.get", kb.cl("LIST")), ("call", kb.f("%type-error")))


@body("%arg-count-error")
def _arg_count_error(kb: KernelBuilder, a: Asm) -> None:
    a(
        *kb.error(
            "PROGRAM-ERROR",
            "wrong number of arguments: function, argument count:",
            [("local.get", 0), ("struct.get", kb.t["function"], O.F_FUNCTION_NAME)],
            [("local.get", 1), ("ref.i31",)],
        )
    )


@body("%dead-exit")
def _dead_exit(kb: KernelBuilder, a: Asm) -> None:
    a(*kb.error("CONTROL-ERROR", "return-from or go to a block or tagbody that has been exited"))


@body("%unhandled-exit")
def _unhandled_exit(kb: KernelBuilder, a: Asm) -> None:
    a(*kb.error("CONTROL-ERROR", "non-local exit to a point that is no longer active"))


@body("%stack-exhausted")
def _stack_exhausted(kb: KernelBuilder, a: Asm) -> None:
    a(
        ("call", kb.f("%disable-fast-throws")),
        ("global.get", kb.g("depth")),
        ("i32.const", STACK_HEADROOM),
        ("i32.add",),
        ("global.set", kb.g("depth")),
        *kb.error("STORAGE-CONDITION", "control stack exhausted (deep recursion)"),
    )


def _car_cdr_slow(kb: KernelBuilder, a: Asm) -> None:
    # The inline fast path handles conses; here NIL gives NIL, anything else errs.
    a(
        ("local.get", 0),
        ("global.get", kb.g("nil")),
        ("ref.eq",),
        ("if", None),
        ("global.get", kb.g("nil")),
        ("return",),
        ("end",),
        ("local.get", 0),
        ("call", kb.f("%list-error")),
        ("unreachable",),
    )


body("%car-slow")(_car_cdr_slow)
body("%cdr-slow")(_car_cdr_slow)


@body("%fx-slow")
def _fx_slow(kb: KernelBuilder, a: Asm) -> None:
    # (op a b): the inline fixnum path failed (a non-fixnum, or overflow).  The
    # generic arithmetic of the runtime library takes over through
    # CLYSM::%ARITH-SLOW once it is defined; until then this is an error.
    fn = a.local(kb.ref("function"))
    slow = kb.symbol("CLYSM", "%ARITH-SLOW")
    a(
        ("block", None),
        ("global.get", slow),
        ("struct.get", kb.t["symbol"], O.F_SYMBOL_FUNCTION),
        ("br_on_null", 0),
        ("local.tee", fn),
        ("local.get", 0),
        ("ref.i31",),
        ("local.get", 1),
        ("local.get", 2),
        ("local.get", fn),
        ("struct.get", kb.t["function"], O.F_ENTRY0 + 3),
        *kb.call_lisp(kb.t.entry(3)),
        ("return",),
        ("end",),
    )
    for arg in (1, 2):
        a(
            ("local.get", arg),
            ("ref.test", I31),
            ("i32.eqz",),
            ("if", None),
            ("local.get", arg),
            ("global.get", kb.cl("FIXNUM")),
            ("call", kb.f("%type-error")),
            ("end",),
        )
    a(
        *kb.error(
            "ERROR",
            "fixnum overflow (bignums are not implemented yet):",
            # The operation, by its code in spec.FX_OPS.
            [("local.get", 0), ("ref.i31",)],
            [("local.get", 1)],
            [("local.get", 2)],
        )
    )


def _lisp_slow_path(function_name: str, n_args: int) -> Callable[[KernelBuilder, Asm], None]:
    """A kernel function passing its arguments on to the library function
    CLYSM::`function_name` (fixed arity `n_args`): the out-of-line part of an
    open-coded intrinsic."""

    def emit(kb: KernelBuilder, a: Asm) -> None:
        fn = a.local(kb.ref("function"))
        sym = kb.symbol("CLYSM", function_name)
        a(
            ("block", None),
            ("global.get", sym),
            ("struct.get", kb.t["symbol"], O.F_SYMBOL_FUNCTION),
            ("br_on_null", 0),
            ("local.tee", fn),
            *[("local.get", i) for i in range(n_args)],
            ("local.get", fn),
            ("struct.get", kb.t["function"], O.F_ENTRY0 + n_args),
            *kb.call_lisp(kb.t.entry(n_args)),
            ("return",),
            ("end",),
            ("global.get", sym),
            ("call", kb.f("%undefined-function")),
            ("unreachable",),
        )

    return emit


body("%aref-slow")(_lisp_slow_path("%AREF1-SLOW", 2))
body("%aset-slow")(_lisp_slow_path("%ASET1-SLOW", 3))
