"""Closure analysis for the back end.

For every Lambda: what it must capture from enclosing functions — lexical
variables, local functions and the exit tokens of blocks/tagbodies it leaves
non-locally (a superset of what the front end records in free_vars, since
exits need capturing too).  Also marks LexVar.captured/assigned and
BlockInfo/TagbodyInfo.nonlocal_exit (only ever setting them, so hand-built
and front-end IR agree), and finds the local functions that need no closure
at all ("constant" functions, made once per module).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clysm.frontend import ir

Free = ir.LexVar | ir.FunVar | ir.BlockInfo | ir.TagbodyInfo


@dataclass
class Analysis:
    free: dict[int, list[Free]] = field(default_factory=dict)  # id(Lambda) -> captures
    constant_funs: set[int] = field(default_factory=set)  # id(FunVar)
    funvar_of_lambda: dict[int, ir.FunVar] = field(default_factory=dict)  # id(Lambda) -> FunVar

    def captures(self, lam: ir.Lambda) -> list[Free]:
        return self.free[id(lam)]

    def is_constant_fun(self, fv: ir.FunVar) -> bool:
        return id(fv) in self.constant_funs


class _Walker:
    def __init__(self, result: Analysis) -> None:
        self.result = result
        self.lams: list[ir.Lambda | None] = [None]
        self.owner: dict[int, int] = {}  # id(binding) -> lambda depth
        self.raw: dict[int, list[Free]] = {}
        self.lam_objs: list[ir.Lambda] = []
        self.funvars: dict[int, ir.FunVar] = {}  # every local function met

    def bind(self, b: object) -> None:
        self.owner[id(b)] = len(self.lams) - 1

    def use(self, b: Free) -> bool:
        """Record a reference; True if it crosses a lambda boundary."""
        depth = self.owner.get(id(b))
        if depth is None:
            # Unbound here: a binding established outside what we walk (only
            # happens for hand-built fragments); treat it as at top level.
            depth = 0
        here = len(self.lams) - 1
        for d in range(depth + 1, here + 1):
            lam = self.lams[d]
            assert lam is not None
            lst = self.raw[id(lam)]
            if not any(x is b for x in lst):
                lst.append(b)
        return here > depth

    def bind_param(self, p: ir.LexVar | ir.Symbol | None) -> None:
        if isinstance(p, ir.LexVar):
            self.bind(p)

    def walk_lambda(self, lam: ir.Lambda) -> None:
        self.raw[id(lam)] = []
        self.lam_objs.append(lam)
        self.lams.append(lam)
        for p in lam.required:
            self.bind_param(p)
        for o in lam.optional:
            self.walk(o.default)
            self.bind_param(o.var)
            self.bind_param(o.supplied)
        self.bind_param(lam.rest)
        for k in lam.keys:
            self.walk(k.default)
            self.bind_param(k.var)
            self.bind_param(k.supplied)
        self.walk(lam.body)
        self.lams.pop()

    def walk(self, node: ir.Node) -> None:
        special = _WALKS.get(node.__class__)
        if special is not None:
            special(self, node)
        else:
            for child in ir.children(node):
                self.walk(child)

    def _lex_ref(self, node: ir.LexRef) -> None:
        if self.use(node.var):
            node.var.captured = True

    def _lex_set(self, node: ir.LexSet) -> None:
        v = node.var
        v.assigned = True
        if self.use(v):
            v.captured = True
        self.walk(node.value)

    def _let(self, node: ir.Let) -> None:
        for b in node.bindings:
            self.walk(b.value)
        for b in node.bindings:
            if isinstance(b.target, ir.LexVar):
                self.bind(b.target)
        self.walk(node.body)

    def _mv_bind(self, node: ir.MultipleValueBind) -> None:
        self.walk(node.values_form)
        for mv_var in node.vars:
            self.bind_param(mv_var)
        self.walk(node.body)

    def _local_functions(self, node: ir.LocalFunctions) -> None:
        funs = node.funs
        for fv in funs:
            self.funvars[id(fv)] = fv
        if node.recursive:
            for fv in funs:
                self.bind(fv)
        for fv in funs:
            assert fv.lam is not None
            self.walk_lambda(fv.lam)
        if not node.recursive:
            for fv in funs:
                self.bind(fv)
        self.walk(node.body)

    def _local_function(self, node: ir.LocalFunction) -> None:
        self.use(node.fun)

    def _call_local(self, node: ir.CallLocal) -> None:
        self.use(node.fun)
        for a in node.args:
            self.walk(a)

    def _block(self, node: ir.Block) -> None:
        self.bind(node.info)
        self.walk(node.body)

    def _return_from(self, node: ir.ReturnFrom) -> None:
        if self.use(node.info):
            node.info.nonlocal_exit = True
        self.walk(node.value)

    def _tagbody(self, node: ir.Tagbody) -> None:
        self.bind(node.info)
        for _, stmts in node.segments:
            for s in stmts:
                self.walk(s)

    def _go(self, node: ir.Go) -> None:
        if self.use(node.info):
            node.info.nonlocal_exit = True

    def _load_time_value(self, node: ir.LoadTimeValue) -> None:
        # Evaluated in the null lexical environment.
        saved = self.lams
        self.lams = [None]
        self.walk(node.form)
        self.lams = saved

    def finish(self) -> None:
        # A local function is constant if it captures nothing but (itself and)
        # other constant local functions: iterate to the greatest fixpoint.
        candidates = {key: fv for key, fv in self.funvars.items() if fv.lam is not None}
        const = set(candidates)
        changed = True
        while changed:
            changed = False
            for key in list(const):
                fv = candidates[key]
                assert fv.lam is not None
                for b in self.raw[id(fv.lam)]:
                    if b is fv:
                        continue
                    if not (isinstance(b, ir.FunVar) and id(b) in const):
                        const.discard(key)
                        changed = True
                        break
        self.result.constant_funs |= const
        for fv in candidates.values():
            assert fv.lam is not None
            self.result.funvar_of_lambda[id(fv.lam)] = fv
        for lam in self.lam_objs:
            self.result.free[id(lam)] = [
                b
                for b in self.raw[id(lam)]
                if not (isinstance(b, ir.FunVar) and (id(b) in const or b.lam is lam))
            ]


# Node class -> the walk of nodes that bind or use something (the others
# just walk their children).
_WALKS: dict[type, Callable[[_Walker, Any], None]] = {
    ir.LexRef: _Walker._lex_ref,
    ir.LexSet: _Walker._lex_set,
    ir.Let: _Walker._let,
    ir.MultipleValueBind: _Walker._mv_bind,
    ir.Lambda: _Walker.walk_lambda,
    ir.LocalFunctions: _Walker._local_functions,
    ir.LocalFunction: _Walker._local_function,
    ir.CallLocal: _Walker._call_local,
    ir.Block: _Walker._block,
    ir.ReturnFrom: _Walker._return_from,
    ir.Tagbody: _Walker._tagbody,
    ir.Go: _Walker._go,
    ir.LoadTimeValue: _Walker._load_time_value,
}


def analyze(nodes: list[ir.Node], result: Analysis | None = None) -> Analysis:
    """Analyse top-level nodes (each its own scope); results accumulate in `result`."""
    result = result if result is not None else Analysis()
    for node in nodes:
        w = _Walker(result)
        w.walk(node)
        w.finish()
    return result
