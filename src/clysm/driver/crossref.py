"""Which global functions compiled forms call, and which they define: the
basis of the "undefined function" warnings (as SBCL gives at the end of a
compilation unit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from clysm.frontend import ir
from clysm.frontend.names import DEFUN_FN
from clysm.lisp.data import Cons


def _walk(node: ir.Node, called: set[Any], defined: set[Any]) -> None:
    if isinstance(node, ir.CallGlobal):
        called.add(_key(node.name))
        if node.name is DEFUN_FN and node.args and isinstance(node.args[0], ir.Const):
            defined.add(_key(node.args[0].value))
    elif isinstance(node, ir.GlobalFunction):
        called.add(_key(node.name))
    elif (
        isinstance(node, ir.PrimCall) and node.op == "%fset" and isinstance(node.args[0], ir.Const)
    ):
        defined.add(_key(node.args[0].value))
    for child in ir.children(node):
        _walk(child, called, defined)


def _key(name: Any) -> Any:
    # (SETF F) lists are fresh conses: compare them by their symbol.
    if isinstance(name, Cons):
        return ("setf", name.cdr.car)
    return name


def calls_and_definitions(forms: Iterable[ir.TopLevelForm]) -> tuple[set[Any], set[Any]]:
    called: set[Any] = set()
    defined: set[Any] = set()
    for form in forms:
        _walk(form.node, called, defined)
    return called, defined
