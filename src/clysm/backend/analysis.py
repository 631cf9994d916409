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

from dataclasses import dataclass, field

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
        match node:
            case ir.LexRef(var=v):
                if self.use(v):
                    v.captured = True
            case ir.LexSet(var=v, value=val):
                v.assigned = True
                if self.use(v):
                    v.captured = True
                self.walk(val)
            case ir.Let(bindings=bs, body=body):
                for b in bs:
                    self.walk(b.value)
                for b in bs:
                    if isinstance(b.target, ir.LexVar):
                        self.bind(b.target)
                self.walk(body)
            case ir.MultipleValueBind(vars=mv_vars, values_form=vf, body=body):
                self.walk(vf)
                for mv_var in mv_vars:
                    self.bind_param(mv_var)
                self.walk(body)
            case ir.Lambda():
                self.walk_lambda(node)
            case ir.LocalFunctions(funs=funs, body=body, recursive=rec):
                if rec:
                    for fv in funs:
                        self.bind(fv)
                for fv in funs:
                    assert fv.lam is not None
                    self.walk_lambda(fv.lam)
                if not rec:
                    for fv in funs:
                        self.bind(fv)
                self.walk(body)
            case ir.LocalFunction(fun=fv):
                self.use(fv)
            case ir.CallLocal(fun=fv, args=args):
                self.use(fv)
                for a in args:
                    self.walk(a)
            case ir.Block(info=info, body=body):
                self.bind(info)
                self.walk(body)
            case ir.ReturnFrom(info=info, value=value):
                if self.use(info):
                    info.nonlocal_exit = True
                self.walk(value)
            case ir.Tagbody(info=info, segments=segs):
                self.bind(info)
                for _, stmts in segs:
                    for s in stmts:
                        self.walk(s)
            case ir.Go(info=info):
                if self.use(info):
                    info.nonlocal_exit = True
            case ir.LoadTimeValue(form=form):
                # Evaluated in the null lexical environment.
                saved = self.lams
                self.lams = [None]
                self.walk(form)
                self.lams = saved
            case _:
                for child in ir.children(node):
                    self.walk(child)

    def finish(self) -> None:
        # A local function is constant if it captures nothing but (itself and)
        # other constant local functions: iterate to the greatest fixpoint.
        candidates = {id(fv): fv for fv in _all_funvars(self.lam_objs) if fv.lam is not None}
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


def _all_funvars(lams: list[ir.Lambda]) -> list[ir.FunVar]:
    found: dict[int, ir.FunVar] = {}

    def visit(node: ir.Node) -> None:
        if isinstance(node, ir.LocalFunctions):
            for fv in node.funs:
                found[id(fv)] = fv
        for child in ir.children(node):
            visit(child)

    for lam in lams:
        visit(lam.body)
    return list(found.values())


def analyze(nodes: list[ir.Node], result: Analysis | None = None) -> Analysis:
    """Analyse top-level nodes (each its own scope); results accumulate in `result`."""
    result = result if result is not None else Analysis()
    for node in nodes:
        w = _Walker(result)
        w.walk(node)
        w.finish()
    return result
