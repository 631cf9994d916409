"""Compiler intrinsics: CLYSM::%name operators the back end open-codes.

A call `(clysm::%car x)` whose operator is listed here becomes
`PrimCall("%car", [x])`.  The back end implements each op in Wasm; the host
evaluator has a Python version of each (host_intrinsics.py) so that macro
expanders may use them.  Callers guarantee argument types where stated; the
ops do not check them.  Predicates return T or NIL.
"""

from __future__ import annotations

from dataclasses import dataclass

from clysm.lisp.data import Symbol


@dataclass(frozen=True)
class Intrinsic:
    op: str
    arity: int
    doc: str


def _table(*entries: tuple[str, int, str]) -> dict[str, Intrinsic]:
    return {op: Intrinsic(op, arity, doc) for op, arity, doc in entries}


INTRINSICS: dict[str, Intrinsic] = _table(
    # conses (argument must be a cons where it says so)
    ("%cons", 2, "a fresh cons"),
    ("%car", 1, "car of a cons"),
    ("%cdr", 1, "cdr of a cons"),
    ("%rplaca", 2, "set the car of a cons; returns the cons"),
    ("%rplacd", 2, "set the cdr of a cons; returns the cons"),
    # identity and type tests
    ("%eq", 2, "identity (fixnums and characters by value)"),
    ("%consp", 1, "cons?"),
    ("%symbolp", 1, "symbol? (NIL included)"),
    ("%fixnump", 1, "fixnum (i31) ?"),
    ("%characterp", 1, "character?"),
    ("%stringp", 1, "string?"),
    ("%functionp", 1, "function object?"),
    # fixnum arithmetic: fixnum arguments; + - * promote to a bignum on overflow
    ("%fx+", 2, "sum of two fixnums"),
    ("%fx-", 2, "difference of two fixnums"),
    ("%fx*", 2, "product of two fixnums"),
    ("%fx<", 2, "fixnum <"),
    ("%fx<=", 2, "fixnum <="),
    ("%fx>", 2, "fixnum >"),
    ("%fx>=", 2, "fixnum >="),
    ("%fx=", 2, "fixnum ="),
    # characters and symbols
    ("%char-code", 1, "code point of a character"),
    ("%code-char", 1, "character of a code point (a fixnum in range)"),
    ("%symbol-name", 1, "name string of a symbol"),
)


def intrinsic_for(sym: Symbol) -> Intrinsic | None:
    """The intrinsic `sym` names: only symbols of package CLYSM qualify."""
    if sym.package is None or sym.package.name != "CLYSM" or not sym.name.startswith("%"):
        return None
    return INTRINSICS.get(sym.name.lower())
