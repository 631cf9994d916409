"""Small helpers for looking at source forms: printing them in messages,
walking their lists, and finding where they came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.errors import CompileError, SourcePos
from clysm.lisp.data import NIL, Cons, Symbol, T, is_proper_list
from clysm.lisp.printer import prin1_to_string


def show(x: Any) -> str:
    """`x` as PRIN1 would write it, for error messages."""
    try:
        return prin1_to_string(x)
    except ValueError:  # circular structure
        return prin1_to_string(x, circle=True)


def pos_of(form: Any) -> SourcePos | None:
    return form.pos if isinstance(form, Cons) else None


def form_list(form: Any, what: str | Callable[[], str], pos: SourcePos | None) -> list[Any]:
    """The elements of a form that must be a proper list; `what` names it
    in the error (a function making the name when that costs)."""
    if not is_proper_list(form):
        what = what if isinstance(what, str) else what()
        raise CompileError(f"{what} {show(form)} is not a proper list", pos_of(form) or pos)
    items: list[Any] = []
    while isinstance(form, Cons):
        items.append(form.car)
        form = form.cdr
    return items


def is_constant_symbol(sym: Symbol) -> bool:
    """NIL, T and keywords: symbols that name themselves (defconstants are in the image)."""
    return sym is NIL or sym is T or sym.is_keyword


def is_function_name(x: Any) -> bool:
    """A symbol, or a list (SETF symbol)."""
    from clysm.frontend.names import SETF

    if isinstance(x, Symbol):
        return True
    return (
        isinstance(x, Cons)
        and x.car is SETF
        and isinstance(x.cdr, Cons)
        and isinstance(x.cdr.car, Symbol)
        and x.cdr.cdr is NIL
    )


def function_key(name: Any) -> Any:
    """A hashable key for a function name: the symbol, or ("SETF", symbol)."""
    if isinstance(name, Symbol):
        return name
    return ("SETF", name.cdr.car)


def block_name_of(name: Any) -> Symbol:
    """The implicit block of a function named `name`: (setf foo) gets block FOO."""
    return name if isinstance(name, Symbol) else name.cdr.car
