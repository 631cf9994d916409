"""Analysis of converted IR, for the back end.

One walk sets:
- LexVar.captured: referenced (or assigned) inside a Lambda other than the
  one that binds it;  LexVar.assigned: the target of some LexSet;
- BlockInfo/TagbodyInfo.nonlocal_exit: a return-from/go to it occurs inside
  a nested Lambda;
- Lambda.free_vars/free_funs: the LexVars and FunVars a Lambda refers to
  that are bound outside it, including those its nested lambdas need (a
  variable bound in an outer lambda is free in every lambda in between).
"""

from __future__ import annotations

from typing import Any

from clysm.frontend.ir import (
    Block,
    CallLocal,
    FunVar,
    Go,
    Lambda,
    Let,
    LexRef,
    LexSet,
    LexVar,
    LocalFunction,
    LocalFunctions,
    MultipleValueBind,
    Node,
    ReturnFrom,
    Tagbody,
    children,
)


def analyze(node: Node) -> Node:
    """Annotate `node` in place (idempotent) and return it."""
    _Analysis().visit(node)
    return node


class _Analysis:
    def __init__(self) -> None:
        self.owner: dict[object, Lambda | None] = {}  # binding object -> its lambda
        self.lambdas: list[Lambda] = []  # enclosing lambdas, innermost last

    @property
    def current(self) -> Lambda | None:
        return self.lambdas[-1] if self.lambdas else None

    def own(self, binding: object) -> None:
        if isinstance(binding, LexVar | FunVar):
            self.owner[binding] = self.current

    def crosses(self, binding: object) -> bool:
        """Is `binding` bound outside the current lambda?"""
        return self.owner.get(binding) is not self.current

    def free(self, binding: LexVar | FunVar) -> None:
        owner = self.owner.get(binding)
        for lam in reversed(self.lambdas):
            if lam is owner:
                break
            found = lam.free_vars if isinstance(binding, LexVar) else lam.free_funs
            if not any(b is binding for b in found):
                found.append(binding)  # type: ignore[arg-type]

    def visit(self, node: Node) -> None:
        match node:
            case Lambda():
                self.visit_lambda(node)
                return
            case LexRef(var=var) | LexSet(var=var):
                if isinstance(node, LexSet):
                    var.assigned = True
                if self.crosses(var):
                    var.captured = True
                    self.free(var)
            case CallLocal(fun=fun) | LocalFunction(fun=fun):
                if self.crosses(fun):
                    self.free(fun)
            case ReturnFrom(info=info) | Go(info=info):
                if self.owner.get(info) is not self.current:
                    info.nonlocal_exit = True
            case Let(bindings=bindings):
                for b in bindings:
                    self.own(b.target)
            case MultipleValueBind(vars=variables):
                for v in variables:
                    self.own(v)
            case LocalFunctions(funs=funs):
                for fv in funs:
                    self.own(fv)
            case Block(info=info) | Tagbody(info=info):
                self.owner[info] = self.current
        for child in children(node):
            self.visit(child)

    def visit_lambda(self, lam: Lambda) -> None:
        self.lambdas.append(lam)
        lam.free_vars = []
        lam.free_funs = []
        params: list[Any] = [*lam.required, lam.rest]
        params += [p for o in lam.optional for p in (o.var, o.supplied)]
        params += [p for k in lam.keys for p in (k.var, k.supplied)]
        for p in params:
            self.own(p)
        try:
            for child in children(lam):
                self.visit(child)
        finally:
            self.lambdas.pop()
