"""Which global functions compiled forms call, and which they define: the
basis of the undefined-function warnings given at the end of a compilation
(as SBCL gives them at the end of a compilation unit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from clysm.errors import SourcePos
from clysm.frontend import ir
from clysm.frontend.names import CL, DEFUN_FN
from clysm.lisp.data import Cons
from clysm.lisp.packages import clysm_symbol

# Calls that define the function named by their first argument when it is a
# constant: DEFUN's and those of the object system's macros (DEFGENERIC,
# DEFMETHOD, DEFCLASS's accessors).
DEFINERS = frozenset(
    {
        DEFUN_FN,
        CL("ENSURE-GENERIC-FUNCTION"),
        clysm_symbol("%DEFGENERIC"),
        clysm_symbol("%DEFMETHOD"),
        clysm_symbol("%DEFINE-SLOT-ACCESSOR"),
    }
)


def _key(name: Any) -> Any:
    # (SETF F) lists are fresh conses: compare them by their symbol.
    if isinstance(name, Cons):
        return ("setf", name.cdr.car)
    return name


class CrossReference:
    def __init__(self) -> None:
        self.called: dict[Any, SourcePos | None] = {}  # name -> first call's position
        self.defined: set[Any] = set()

    def walk(self, node: ir.Node) -> None:
        if isinstance(node, ir.CallGlobal | ir.GlobalFunction):
            self.called.setdefault(_key(node.name), node.pos)
        if isinstance(node, ir.CallGlobal) and node.name in DEFINERS:
            self._define(node.args[0] if node.args else None)
        elif isinstance(node, ir.PrimCall) and node.op == "%fset":
            self._define(node.args[0])
        for child in ir.children(node):
            self.walk(child)

    def _define(self, name_node: ir.Node | None) -> None:
        if isinstance(name_node, ir.Const):
            self.defined.add(_key(name_node.value))


def cross_reference(forms: Iterable[ir.TopLevelForm]) -> CrossReference:
    xref = CrossReference()
    for form in forms:
        xref.walk(form.node)
    return xref


def calls_and_definitions(forms: Iterable[ir.TopLevelForm]) -> tuple[set[Any], set[Any]]:
    xref = cross_reference(forms)
    return set(xref.called), xref.defined
