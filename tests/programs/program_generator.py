"""Random well-typed Common Lisp programs (hypothesis strategies) whose output
under clysm must equal SBCL's.

`programs()` draws a whole program as text: a few top-level DEFVARs and
DEFUNs (plain, multiple-valued, recursive with a fuel argument, throwing to a
catch tag, closure makers, readers of special variables), DEFPARAMETERs that
hold closures, then forms that print results.

Generation is typed.  Every expression is drawn for a requested type:

* ``TInt(limit)``: a fixnum with ``|value| <= limit``.  Every integer
  expression carries a static bound on its magnitude; when an operation's
  bound would exceed the requested limit the result is folded back with
  ``(rem x (1+ limit))`` or ``(mod x (1+ limit))``.  All limits are at most
  ``LIMIT``, so no intermediate value (at most a product of two bounded
  operands) leaves the 30-bit fixnum range.  Divisors are guarded nonzero.
* ``TBool``: T or NIL.
* ``TList(limit, maxlen)``: a fresh or shared proper list of bounded
  integers with at most ``maxlen`` elements (longer lists are trimmed).
  No list is ever modified destructively.
* ``TMv(count, limit)``: exactly ``count`` integer values.
* ``TFn(arity, limit, param)``: a function of ``arity`` integer arguments
  (each bounded by ``param``) returning one integer: a LAMBDA (often closing
  over variables it assigns), #'F, a function variable, a closure made by a
  DEFUN.  Local functions may take one function argument (downward funargs).

Control transfers are typed and scoped: RETURN-FROM, GO and THROW are only
drawn to exit points that are dynamically active, with a value of the exit's
type.  A function value records the exit points its body may transfer to
(its *needs*) and may only be called where all of them are active (so
nothing is thrown to a catch of a different type, and nothing is done from an
UNWIND-PROTECT cleanup that exits).  Function values never flow out of a
BLOCK or CATCH, and function variables are never assigned, so a closure that
uses an exit point is only called during that exit point's extent.

Termination: loops run a bounded number of times; recursion (LABELS or a
DEFUN) takes a fuel argument that every recursive call decreases and that
stops the recursion at zero, and the recursive calls may only appear at most
twice straight in a function's body (not in a loop or another function).
A rough cost (a multiplier of loop counts and recursion) is tracked and
bounded so every program runs quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from hypothesis import strategies as st

LIMIT = 10_000  # largest bound of any integer value a program keeps
LMAX = 8  # longest list a program keeps
MAX_COUNT = 4  # largest iteration count of a DOTIMES or TAGBODY loop
MAX_FUEL = 4  # largest recursion fuel
MAX_COST = 3000  # bound on the product of loop counts and recursion fan-out
FNARG_COST = 10  # bound on the cost of a function passed as an argument
REC_CALLS = 2  # recursive call sites per function body
REC_FACTOR = 2 ** (MAX_FUEL + 2)  # activations of a recursive group, at most

VAR_NAMES = ("a", "b", "c", "x", "y", "z")
LOCAL_FUNCTION_NAMES = ("f", "g", "h")
BLOCK_NAMES = ("b1", "b2")
CATCH_TAGS = ("ta", "tb", "tc")
GO_TAGS = ("out", "done")  # forward targets only; "top" is the loop label

T = TypeVar("T")


# --------------------------------------------------------------------- types


@dataclass(frozen=True)
class TInt:
    limit: int


@dataclass(frozen=True)
class TBool:
    pass


@dataclass(frozen=True)
class TList:
    limit: int
    maxlen: int


@dataclass(frozen=True)
class TMv:
    count: int
    limit: int


@dataclass(frozen=True)
class TFn:
    arity: int
    limit: int
    param: int  # every argument the function will be given is bounded by this


Type = TInt | TBool | TList | TMv | TFn
# A need is ("lex", uid) for a BLOCK or TAGBODY that must be active, or
# ("catch", tag, type) for the innermost catch of tag, which must accept type.
Need = tuple[object, ...]


@dataclass(frozen=True)
class FnInfo:
    arity: int
    bound: int  # of the result
    param: int  # bound every argument must respect
    needs: frozenset[Need]
    cost: int


@dataclass(frozen=True)
class Val:
    text: str
    bound: int = 0  # int: |value|; list: |element|; mv: |each value|
    length: int = 0  # list: most elements
    fn: FnInfo | None = None


@dataclass(frozen=True)
class Var:
    name: str
    kind: str  # "int", "bool", "list" or "fn"
    bound: int = 0
    length: int = 0
    fn: FnInfo | None = None
    mutable: bool = True


@dataclass(frozen=True)
class Func:
    name: str
    params: tuple[int, ...]  # bounds of the integer parameters (after the fuel)
    result: TInt | TMv | TFn  # limit = bound of the result
    needs: frozenset[Need]
    cost: int
    fuel: bool = False  # the first parameter is a recursion fuel
    maker: FnInfo | None = None  # result is this closure
    fnparam: TFn | None = None  # the first parameter is a function of this type


@dataclass(frozen=True)
class Exit:
    kind: str  # "block", "go" or "catch"
    name: str
    uid: int
    ty: Type | None  # value type; None for GO and value-less RETURN


@dataclass(frozen=True)
class Ctx:
    vars: Mapping[str, Var] = field(default_factory=dict)
    funcs: Mapping[str, Func] = field(default_factory=dict)
    blocks: Mapping[str, Exit] = field(default_factory=dict)
    gotags: Mapping[str, Exit] = field(default_factory=dict)
    catches: Mapping[str, Exit] = field(default_factory=dict)
    active: frozenset[int] = frozenset()
    rec: Mapping[str, str] = field(default_factory=dict)  # function -> fuel variable
    mult: int = 1
    budget: int = MAX_COST

    def bind(self, *vs: Var) -> Ctx:
        d = dict(self.vars)
        for v in vs:
            d[v.name] = v
        return replace(self, vars=d)

    def bind_funcs(self, *fs: Func) -> Ctx:
        d = dict(self.funcs)
        for f in fs:
            d[f.name] = f
        return replace(self, funcs=d)

    def no_exits(self) -> Ctx:
        return replace(self.no_rec(), blocks={}, gotags={}, catches={}, active=frozenset())

    def loop_header(self) -> Ctx:
        """Where the count or list form of DOTIMES or DOLIST is evaluated:
        inside the loop's implicit block (as in SBCL), so (RETURN) there
        would not leave an outer loop; we draw none."""
        if "nil" not in self.blocks:
            return self
        return replace(self, blocks={k: v for k, v in self.blocks.items() if k != "nil"})

    def no_rec(self) -> Ctx:
        """Leave the straight-line part of a recursive function's body: its
        group may no longer be called (a fresh fuel would not terminate)."""
        if not self.rec:
            return self
        funcs = {k: f for k, f in self.funcs.items() if k not in self.rec}
        return replace(self, rec={}, funcs=funcs)


def accepts(catch_ty: Type | None, need_ty: object) -> bool:
    if isinstance(catch_ty, TInt) and isinstance(need_ty, TInt):
        return catch_ty.limit >= need_ty.limit
    if isinstance(catch_ty, TBool) and isinstance(need_ty, TBool):
        return True
    if isinstance(catch_ty, TList) and isinstance(need_ty, TList):
        return catch_ty.limit >= need_ty.limit and catch_ty.maxlen >= need_ty.maxlen
    if isinstance(catch_ty, TMv) and isinstance(need_ty, TMv):
        return catch_ty.count == need_ty.count and catch_ty.limit >= need_ty.limit
    return False


def satisfied(ctx: Ctx, needs: frozenset[Need]) -> bool:
    for need in needs:
        if need[0] == "lex":
            if need[1] not in ctx.active:
                return False
        else:
            ex = ctx.catches.get(str(need[1]))
            if ex is None or not accepts(ex.ty, need[2]):
                return False
    return True


# ----------------------------------------------------------------- generator


class Gen:
    def __init__(self, draw: Callable[[st.SearchStrategy[int]], int]) -> None:
        self.draw = draw
        self.uid = 0
        self.needs_stack: list[set[Need]] = [set()]
        self.cost_stack: list[int] = [1]
        self.rec_stack: list[int] = [0]
        self.trace_used = False
        self.counter = 0

    # ---- choices

    def n(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def pick(self, options: Sequence[T]) -> T:
        return options[self.n(0, len(options) - 1)]

    def coin(self) -> bool:
        return self.n(0, 1) == 1

    def names(self, pool: Sequence[str], count: int) -> list[str]:
        """count distinct names from pool, drawn (so that they shadow)."""
        left = list(pool)
        out = []
        for _ in range(count):
            name = self.pick(left)
            left.remove(name)
            out.append(name)
        return out

    def new_uid(self) -> int:
        self.uid += 1
        return self.uid

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def bound_choice(self, hi: int = LIMIT) -> int:
        return min(hi, self.pick((10, 100, 1000, LIMIT)))

    # ---- needs and cost

    def use(self, needs: frozenset[Need] | set[Need]) -> None:
        self.needs_stack[-1].update(needs)

    def with_exit(self, make: Callable[[], T], drop: Callable[[Need], bool]) -> T:
        """Run make() in its own needs frame; the needs that drop() says the
        new exit point satisfies are removed, the others passed outwards."""
        self.needs_stack.append(set())
        result = make()
        got = self.needs_stack.pop()
        self.needs_stack[-1].update(n for n in got if not drop(n))
        return result

    def function_body(self, make: Callable[[], T]) -> tuple[T, frozenset[Need], int]:
        """Generate a function body: returns it, its needs and its cost."""
        self.needs_stack.append(set())
        self.cost_stack.append(1)
        self.rec_stack.append(0)
        result = make()
        self.rec_stack.pop()
        return result, frozenset(self.needs_stack.pop()), self.cost_stack.pop()

    def note_cost(self, cost: int) -> None:
        self.cost_stack[-1] = max(self.cost_stack[-1], cost)

    def affordable(self, ctx: Ctx, cost: int) -> bool:
        return ctx.mult * cost <= ctx.budget

    def loop_ctx(self, ctx: Ctx, count: int) -> Ctx:
        mult = ctx.mult * (count + 1)
        self.note_cost(mult)
        return replace(ctx.no_rec(), mult=mult)

    # ---- fitting values into a requested type

    def fit_int(self, v: Val, limit: int) -> Val:
        if v.bound <= limit:
            return v
        op = self.pick(("rem", "mod"))
        return Val(f"({op} {v.text} {limit + 1})", limit)

    def fit_list(self, v: Val, ty: TList) -> Val:
        if v.bound > ty.limit:
            p = self.fresh("e")
            op = self.pick(("rem", "mod"))
            v = Val(
                f"(mapcar (lambda ({p}) ({op} {p} {ty.limit + 1})) {v.text})",
                ty.limit,
                v.length,
            )
        if v.length > ty.maxlen:
            tmp = self.fresh("l")
            excess = f"(max 0 (- (length {tmp}) {ty.maxlen}))"
            if self.coin():  # keep the first elements
                text = f"(let (({tmp} {v.text})) (butlast {tmp} {excess}))"
            else:  # keep the last elements
                text = f"(let (({tmp} {v.text})) (nthcdr {excess} {tmp}))"
            v = Val(text, v.bound, ty.maxlen)
        return v

    def fits_fn(self, info: FnInfo, ty: TFn) -> bool:
        return info.arity == ty.arity and info.bound <= ty.limit and info.param >= ty.param

    # ---- expressions

    def expr(self, ctx: Ctx, d: int, ty: Type) -> Val:
        if d <= 0:
            return self.leaf(ctx, ty)
        leaf: list[Callable[[], Val]] = [lambda: self.leaf(ctx, ty)] * 2
        options = leaf + self.specific(ctx, d, ty) + self.generic(ctx, d, ty)
        return self.pick(options)()

    def leaf(self, ctx: Ctx, ty: Type) -> Val:
        if isinstance(ty, TInt):
            ints = [v for v in ctx.vars.values() if v.kind == "int"]
            if ints and self.coin():
                v = self.pick(ints)
                return self.fit_int(Val(v.name, v.bound), ty.limit)
            return self.literal(ty.limit)
        if isinstance(ty, TBool):
            bools = [v for v in ctx.vars.values() if v.kind == "bool"]
            if bools and self.coin():
                return Val(self.pick(bools).name)
            return Val(self.pick(("t", "nil")))
        if isinstance(ty, TList):
            lists = [v for v in ctx.vars.values() if v.kind == "list"]
            choice = self.n(0, 2)
            if lists and choice == 2:
                v = self.pick(lists)
                return self.fit_list(Val(v.name, v.bound, v.length), ty)
            if choice == 1 and ty.maxlen > 0:
                k = self.n(1, min(3, ty.maxlen))
                items = [self.literal(ty.limit) for _ in range(k)]
                return Val(
                    "'(" + " ".join(i.text for i in items) + ")", max(i.bound for i in items), k
                )
            return Val("nil", 0, 0)
        if isinstance(ty, TMv):
            items = [self.literal(ty.limit) for _ in range(ty.count)]
            return Val(
                "(values" + "".join(" " + i.text for i in items) + ")",
                max((i.bound for i in items), default=0),
            )
        assert isinstance(ty, TFn)
        fns = [
            v
            for v in ctx.vars.values()
            if v.kind == "fn"
            and v.fn is not None
            and self.fits_fn(v.fn, ty)
            and satisfied(ctx, v.fn.needs)
            and self.affordable(ctx, v.fn.cost)
        ]
        if fns and self.coin():
            v = self.pick(fns)
            return Val(v.name, fn=v.fn)
        params = [self.fresh("p") for _ in range(ty.arity)]
        body = self.literal(ty.limit)
        info = FnInfo(ty.arity, body.bound, ty.param, frozenset(), 1)
        return Val(f"(lambda ({' '.join(params)}) {body.text})", fn=info)

    def literal(self, limit: int) -> Val:
        hi = min(limit, 12)
        k = self.n(-hi, hi) if self.n(0, 7) else self.n(-limit, limit)
        return Val(str(k), abs(k))

    # ---- type-specific forms

    def specific(self, ctx: Ctx, d: int, ty: Type) -> list[Callable[[], Val]]:
        if isinstance(ty, TInt):
            return self.int_forms(ctx, d, ty)
        if isinstance(ty, TBool):
            return self.bool_forms(ctx, d)
        if isinstance(ty, TList):
            return self.list_forms(ctx, d, ty)
        if isinstance(ty, TMv):
            return self.mv_forms(ctx, d, ty)
        return self.fn_forms(ctx, d, ty)

    def int_forms(self, ctx: Ctx, d: int, ty: TInt) -> list[Callable[[], Val]]:
        L = ty.limit

        def sub(limit: int = LIMIT) -> Val:
            return self.expr(ctx, d - 1, TInt(limit))

        def fit(text: str, bound: int) -> Val:
            return self.fit_int(Val(text, bound), L)

        def add() -> Val:
            args = [sub() for _ in range(self.n(2, 3))]
            op = "+" if len(args) == 3 else self.pick(("+", "-"))
            return fit(f"({op} {' '.join(a.text for a in args)})", sum(a.bound for a in args))

        def neg() -> Val:
            a = sub(L)
            return Val(f"(- {a.text})", a.bound)

        def mul() -> Val:
            a, b = sub(), sub()
            return fit(f"(* {a.text} {b.text})", a.bound * b.bound)

        def step() -> Val:
            a = sub()
            return fit(f"({self.pick(('1+', '1-'))} {a.text})", a.bound + 1)

        def extremum() -> Val:
            args = [sub(L) for _ in range(self.n(1, 3))]
            op = self.pick(("min", "max"))
            return Val(f"({op} {' '.join(a.text for a in args)})", max(a.bound for a in args))

        def absolute() -> Val:
            a = sub(L)
            if self.coin():
                return Val(f"(abs {a.text})", a.bound)
            return Val(f"(signum {a.text})", min(1, a.bound))

        def divide() -> Val:
            op = self.pick(("mod", "rem", "floor", "truncate", "ceiling", "round"))
            a, dv = sub(), self.divisor(ctx, d - 1, LIMIT)
            bound = {"mod": dv.bound - 1, "rem": min(a.bound, dv.bound - 1)}.get(op, a.bound)
            return fit(f"({op} {a.text} {dv.text})", bound)

        def choose() -> Val:
            c, x, y = self.expr(ctx, d - 1, TBool()), sub(L), sub(L)
            return Val(f"(if {c.text} {x.text} {y.text})", max(x.bound, y.bound))

        def cond() -> Val:
            clauses, bound = [], 0
            for _ in range(self.n(1, 3)):
                c, x = self.expr(ctx, d - 1, TBool()), sub(L)
                clauses.append(f"({c.text} {x.text})")
                bound = max(bound, x.bound)
            x = sub(L)
            clauses.append(f"(t {x.text})")
            return Val(f"(cond {' '.join(clauses)})", max(bound, x.bound))

        def case() -> Val:
            key = sub(10)
            keys = list(range(-3, 6))
            clauses, bound = [], 0
            for _ in range(self.n(1, 3)):
                ks = [keys.pop(self.n(0, len(keys) - 1)) for _ in range(self.n(1, 2))]
                x = sub(L)
                bound = max(bound, x.bound)
                k = str(ks[0]) if len(ks) == 1 and self.coin() else f"({' '.join(map(str, ks))})"
                clauses.append(f"({k} {x.text})")
            x = sub(L)
            clauses.append(f"({self.pick(('t', 'otherwise'))} {x.text})")
            return Val(f"(case {key.text} {' '.join(clauses)})", max(bound, x.bound))

        def length() -> Val:
            lst = self.expr(ctx, d - 1, TList(LIMIT, LMAX))
            return fit(f"(length {lst.text})", lst.length)

        def element() -> Val:
            lst = self.expr(ctx, d - 1, TList(L, LMAX))
            default = sub(L)
            if self.coin():
                return Val(f"(or (car {lst.text}) {default.text})", max(lst.bound, default.bound))
            idx = (
                f"(abs {self.literal(LMAX).text})" if self.coin() else f"(mod {sub().text} {LMAX})"
            )
            return Val(f"(or (nth {idx} {lst.text}) {default.text})", max(lst.bound, default.bound))

        def sum_list() -> Val:
            lst = self.expr(ctx.loop_header(), d - 1, TList(LIMIT, LMAX))
            s, x = self.fresh("s"), self.fresh("x")
            return fit(
                f"(let (({s} 0)) (dolist ({x} {lst.text} {s}) (setq {s} (+ {s} {x}))))",
                lst.bound * lst.length,
            )

        def primary() -> Val:
            mv = self.expr(ctx, d - 1, TMv(self.n(1, 3), L))
            return Val(mv.text, mv.bound)

        def nth_value() -> Val:
            k = self.n(1, 3)
            mv = self.expr(ctx, d - 1, TMv(k, L))
            return Val(f"(nth-value {self.n(0, k - 1)} {mv.text})", mv.bound)

        def mv_sum() -> Val:
            parts, bound = [], 0
            for _ in range(self.n(1, 3)):
                if self.n(0, 3):
                    mv = self.expr(ctx, d - 1, TMv(k := self.n(0, 3), LIMIT))
                    bound += k * mv.bound
                else:
                    mv = sub()
                    bound += mv.bound
                parts.append(mv.text)
            op = self.pick(("+", "max", "min")) if bound else "+"
            if op != "+":  # MAX and MIN need an argument
                first = sub()
                parts.insert(0, first.text)
                bound = max(bound, first.bound)
            return fit(f"(multiple-value-call #'{op} {' '.join(parts)})", bound)

        def mv_lambda() -> Val:
            return self.mv_call_lambda(ctx, d, L)

        def apply_max() -> Val:
            args = [sub(L) for _ in range(self.n(1, 3))]
            op = self.pick(("max", "min", "+"))
            first = sub(L)
            text = f"(apply #'{op} {first.text} (list {' '.join(a.text for a in args)}))"
            if op == "+":
                return fit(text, first.bound + sum(a.bound for a in args))
            return Val(text, max(first.bound, *(a.bound for a in args)))

        options: list[Callable[[], Val]] = [
            add,
            neg,
            mul,
            step,
            extremum,
            absolute,
            divide,
            divide,
            choose,
            cond,
            case,
            length,
            element,
            sum_list,
            primary,
            nth_value,
            mv_sum,
            mv_lambda,
            apply_max,
        ]
        calls = self.call_options(ctx, d, ty)
        options += calls * min(3, len(calls))
        if self.affordable(ctx, MAX_COUNT + 1):
            options += [
                lambda: self.dotimes_acc(ctx, d, L),
                lambda: self.dolist_acc(ctx, d, L),
                lambda: self.tagbody_loop(ctx, d, L),
                lambda: self.closure_counter(ctx, d, L),
            ]
        if self.affordable(ctx, REC_FACTOR):
            options.append(lambda: self.labels(ctx, d, ty))
        for f in ctx.funcs.values():
            tag = self.catch_needed(ctx, f)
            if tag is not None:
                options += [lambda f=f, tag=tag: self.catch_call(ctx, d, f, tag, L)] * 2  # type: ignore[misc]
        makers = [f for f in ctx.funcs.values() if f.maker and self.affordable(ctx, f.cost)]
        if makers:
            options.append(lambda: self.closure_counter(ctx, d, L, self.pick(makers)))
        return options

    def catch_needed(self, ctx: Ctx, f: Func) -> str | None:
        """The tag of the catch (of integers) that f throws to, if f could
        be called were the catch established here."""
        if f.maker is not None or f.fuel or not f.needs or not self.affordable(ctx, f.cost):
            return None
        tags = {n[1] for n in f.needs}
        if len(tags) != 1 or any(n[0] != "catch" or not isinstance(n[2], TInt) for n in f.needs):
            return None
        if satisfied(ctx, f.needs):
            return None
        return str(tags.pop())

    def catch_call(self, ctx: Ctx, d: int, f: Func, tag: str, L: int) -> Val:
        """(catch 'tag ... (f ...) ...) where f throws to tag."""
        limit = max([L, *(n[2].limit for n in f.needs if isinstance(n[2], TInt))])
        uid = self.new_uid()
        inner = replace(
            ctx.no_rec(), catches={**ctx.catches, tag: Exit("catch", tag, uid, TInt(limit))}
        )

        def make() -> str:
            stmts = self.stmts(inner, d - 1, 0, 1)
            v = self.call(inner, d, f, TInt(limit))
            if self.coin():
                v = self.combine(inner, d, v, TInt(limit))
            return " ".join([*stmts, v.text])

        text = self.with_exit(make, lambda n: n[0] == "catch" and n[1] == tag)
        return self.fit_int(Val(f"(catch '{tag} {text})", limit), L)

    def divisor(self, ctx: Ctx, d: int, limit: int) -> Val:
        choice = self.n(0, 4)
        if choice == 0 or d <= 0:
            k = self.n(1, min(9, limit))
            return Val(str(k if self.coin() else -k), k)
        e = self.expr(ctx, d, TInt(limit - 1))
        if choice == 1:
            return Val(f"(1+ (abs {e.text}))", e.bound + 1)
        if choice == 2:
            return Val(f"(- -1 (abs {e.text}))", e.bound + 1)
        if choice == 3:
            return Val(f"(max 1 {e.text})", max(1, e.bound))
        return Val(f"(min -1 {e.text})", max(1, e.bound))

    def mv_call_lambda(self, ctx: Ctx, d: int, limit: int) -> Val:
        """(multiple-value-call (lambda (p...) body) mv...): the lambda takes
        exactly as many arguments as the forms produce."""
        counts = [self.n(0, 2) for _ in range(self.n(1, 2))]
        mvs = [self.expr(ctx, d - 1, TMv(k, LIMIT)) for k in counts]
        params = self.names(VAR_NAMES, sum(counts))
        inner = ctx.no_rec()
        bound_vars = []
        i = 0
        for k, mv in zip(counts, mvs, strict=True):
            for _ in range(k):
                bound_vars.append(Var(params[i], "int", mv.bound))
                i += 1
        body = self.body(inner.bind(*bound_vars), d - 1, TInt(limit))
        return Val(
            f"(multiple-value-call (lambda ({' '.join(params)}) {body.text}) "
            f"{' '.join(m.text for m in mvs)})",
            body.bound,
        )

    def call_options(self, ctx: Ctx, d: int, ty: Type) -> list[Callable[[], Val]]:
        """Calls of functions and function variables whose result fits ty."""
        options: list[Callable[[], Val]] = []
        for f in ctx.funcs.values():
            if not self.result_fits(f.result, ty) or not satisfied(ctx, f.needs):
                continue
            if f.name in ctx.rec:
                if self.rec_stack[-1] >= REC_CALLS:
                    continue
            elif not self.affordable(ctx, f.cost):
                continue
            options.append(lambda f=f: self.call(ctx, d, f, ty))  # type: ignore[misc]
        if isinstance(ty, TInt):
            for v in ctx.vars.values():
                if (
                    v.kind == "fn"
                    and v.fn is not None
                    and satisfied(ctx, v.fn.needs)
                    and self.affordable(ctx, v.fn.cost)
                ):
                    options.append(lambda v=v: self.funcall_var(ctx, d, v, ty))  # type: ignore[misc]
        return options

    def result_fits(self, result: TInt | TMv | TFn, ty: Type) -> bool:
        if isinstance(ty, TInt):
            return isinstance(result, TInt) or (isinstance(result, TMv) and result.count >= 1)
        if isinstance(ty, TMv):
            return isinstance(result, TMv) and result.count == ty.count and result.limit <= ty.limit
        return False

    def call(self, ctx: Ctx, d: int, f: Func, ty: Type) -> Val:
        args = [self.expr(ctx, d - 1, TInt(p)).text for p in f.params]
        if f.fnparam is not None:
            # The callee knows nothing of the argument's exit points.
            argctx = replace(ctx.no_exits(), mult=1, budget=FNARG_COST)
            args.insert(0, self.expr(argctx, d - 1, f.fnparam).text)
            self.note_cost(ctx.mult * FNARG_COST)
        if f.fuel:
            if f.name in ctx.rec:
                self.rec_stack[-1] += 1
                args.insert(0, f"(1- {ctx.rec[f.name]})")
            else:
                self.note_cost(ctx.mult * f.cost)
                args.insert(0, self.fuel_arg(ctx, d))
        else:
            self.note_cost(ctx.mult * f.cost)
        self.use(f.needs)
        text = f"({f.name}{''.join(' ' + a for a in args)})"
        result = f.result
        if isinstance(ty, TInt):
            assert not isinstance(result, TFn)
            return self.fit_int(Val(text, result.limit), ty.limit)
        return Val(text, result.limit)

    def fuel_arg(self, ctx: Ctx, d: int) -> str:
        choice = self.n(0, 2)
        if choice == 0 or d <= 1:
            return str(self.n(-1, MAX_FUEL))
        e = self.expr(ctx, d - 2, TInt(LIMIT))
        if choice == 1:
            return f"(mod {e.text} {MAX_FUEL + 1})"
        return f"(min {MAX_FUEL} {e.text})"

    def funcall_var(self, ctx: Ctx, d: int, v: Var, ty: TInt) -> Val:
        assert v.fn is not None
        args = [self.expr(ctx, d - 1, TInt(v.fn.param)).text for _ in range(v.fn.arity)]
        self.note_cost(ctx.mult * v.fn.cost)
        self.use(v.fn.needs)
        return self.fit_int(
            Val(f"(funcall {v.name}{''.join(' ' + a for a in args)})", v.fn.bound), ty.limit
        )

    def dotimes_acc(self, ctx: Ctx, d: int, L: int) -> Val:
        acc, i = self.names(VAR_NAMES, 2)
        init = self.expr(ctx, d - 1, TInt(L))
        # The count is evaluated where acc is bound (but i is not).
        count, count_bound = self.count(ctx.bind(Var(acc, "int", L)).loop_header(), d)
        uid = self.new_uid()
        exit_ty = TInt(L)
        loop = self.loop_ctx(ctx, count_bound)
        loop = replace(
            loop.bind(Var(acc, "int", L), Var(i, "int", count_bound, mutable=False)),
            blocks={**loop.blocks, "nil": Exit("block", "nil", uid, exit_ty)},
            active=loop.active | {uid},
        )

        def body() -> str:
            stmts = self.stmts(loop, d - 1, 0, 2)
            step = self.expr(loop, d - 1, TInt(L))
            return " ".join([*stmts, f"(setq {acc} {step.text})"])

        text = self.with_exit(body, lambda n: n == ("lex", uid))
        return Val(f"(let (({acc} {init.text})) (dotimes ({i} {count} {acc}) {text}))", L)

    def dolist_acc(self, ctx: Ctx, d: int, L: int) -> Val:
        acc, x = self.names(VAR_NAMES, 2)
        init = self.expr(ctx, d - 1, TInt(L))
        lst = self.expr(ctx.bind(Var(acc, "int", L)).loop_header(), d - 1, TList(LIMIT, LMAX))
        uid = self.new_uid()
        loop = self.loop_ctx(ctx, lst.length)
        loop = replace(
            loop.bind(Var(acc, "int", L), Var(x, "int", lst.bound, mutable=False)),
            blocks={**loop.blocks, "nil": Exit("block", "nil", uid, TInt(L))},
            active=loop.active | {uid},
        )

        def body() -> str:
            stmts = self.stmts(loop, d - 1, 0, 2)
            step = self.expr(loop, d - 1, TInt(L))
            return " ".join([*stmts, f"(setq {acc} {step.text})"])

        text = self.with_exit(body, lambda n: n == ("lex", uid))
        return Val(f"(let (({acc} {init.text})) (dolist ({x} {lst.text} {acc}) {text}))", L)

    def count(self, ctx: Ctx, d: int) -> tuple[str, int]:
        """An iteration count: (text, largest value)."""
        if self.coin() or d <= 1:
            k = self.n(0, MAX_COUNT)
            return str(k), k
        e = self.expr(ctx, d - 2, TInt(LIMIT))
        return f"(mod {e.text} {MAX_COUNT + 1})", MAX_COUNT

    def tagbody_loop(self, ctx: Ctx, d: int, L: int) -> Val:
        i, acc = self.names(VAR_NAMES, 2)
        limit = self.fresh("k")
        out = self.pick(GO_TAGS)
        init = self.expr(ctx, d - 1, TInt(L))
        count, count_bound = self.count(ctx, d)
        uid = self.new_uid()
        loop = self.loop_ctx(ctx, count_bound)
        loop = replace(
            loop.bind(Var(i, "int", count_bound, mutable=False), Var(acc, "int", L)),
            gotags={**loop.gotags, out: Exit("go", out, uid, None)},
            active=loop.active | {uid},
        )

        def body() -> str:
            stmts = self.stmts(loop, d - 1, 0, 2)
            step = self.expr(loop, d - 1, TInt(L))
            return " ".join([*stmts, f"(setq {acc} {step.text})"])

        text = self.with_exit(body, lambda n: n == ("lex", uid))
        return Val(
            f"(let (({i} 0) ({acc} {init.text}) ({limit} {count})) "
            f"(tagbody top (when (< {i} {limit}) {text} "
            f"(setq {i} (1+ {i})) (go top)) {out}) {acc})",
            L,
        )

    def closure_counter(self, ctx: Ctx, d: int, L: int, maker: Func | None = None) -> Val:
        """A variable captured and assigned by a closure that is called later
        (or a closure made by a DEFUN, called a few times)."""
        c, g, p = self.names(VAR_NAMES, 3)
        if maker is not None:
            made = self.make_closure(ctx, d, maker)
            scope = ctx.bind(Var(g, "fn", fn=made.fn, mutable=False))
            stmts = self.stmts(scope, d - 1, 1, 3, call=g)
            result = self.expr(scope, d - 1, TInt(L))
            return Val(f"(let (({g} {made.text})) {' '.join(stmts)} {result.text})", result.bound)
        bound = self.bound_choice()
        init = self.expr(ctx, d - 1, TInt(bound))
        outer = ctx.bind(Var(c, "int", bound))
        param = self.bound_choice()

        def lam() -> Val:
            inner = replace(outer.no_rec(), mult=1, budget=max(1, ctx.budget // ctx.mult))
            inner = inner.bind(Var(p, "int", param))
            op = self.pick(("+", "-", "*"))
            step = self.expr(inner, d - 1, TInt(LIMIT))
            new = self.fit_int(Val(f"({op} {c} {step.text})", bound * step.bound + bound), bound)
            rest = self.body(inner, d - 2, TInt(LIMIT))
            return Val(f"(setq {c} {new.text}) {rest.text}", rest.bound)

        body, needs, cost = self.function_body(lam)
        info = FnInfo(1, body.bound, param, needs, cost)
        scope = outer.bind(Var(g, "fn", fn=info))
        bindings = f"({g} (lambda ({p}) {body.text}))"
        calls = [g]
        if self.coin():  # a second closure over the same variable
            h = self.pick([n for n in VAR_NAMES if n not in (c, g, p)])
            if self.coin():
                text, h_info = f"(lambda () {c})", FnInfo(0, bound, 0, frozenset(), 1)
            else:
                q = self.fresh("q")
                fold = self.pick(("rem", "mod"))
                text = f"(lambda ({q}) (setq {c} ({fold} (- {c} {q}) {bound + 1})) {c})"
                h_info = FnInfo(1, bound, LIMIT, frozenset(), 1)
            bindings += f" ({h} {text})"
            scope = scope.bind(Var(h, "fn", fn=h_info))
            calls.append(h)
        stmts = self.stmts(scope, d - 1, 1, 3, call=self.pick(calls))
        result = self.expr(scope, d - 1, TInt(L))
        return Val(
            f"(let (({c} {init.text})) (let ({bindings}) {' '.join(stmts)} {result.text}))",
            result.bound,
        )

    def labels(self, ctx: Ctx, d: int, ty: TInt | TMv) -> Val:
        """LABELS with one or two functions that recurse on a fuel argument."""
        count = self.n(1, 2)
        names = self.names(LOCAL_FUNCTION_NAMES, count)
        fuel_names = [self.fresh("n") for _ in names]
        results: list[TInt | TMv] = []
        params: list[list[tuple[str, int]]] = []
        for _ in names:
            if isinstance(ty, TMv) and not results:
                results.append(TMv(ty.count, ty.limit))
            elif self.n(0, 3) == 0:
                results.append(TMv(self.n(1, 3), self.bound_choice()))
            else:
                results.append(TInt(self.bound_choice()))
            ps = self.names(VAR_NAMES, self.n(0, 2))
            params.append([(p, self.bound_choice()) for p in ps])
        budget = ctx.budget // (ctx.mult * REC_FACTOR)
        provisional = [
            Func(n, tuple(b for _, b in ps), r, frozenset(), 1, fuel=True)
            for n, ps, r in zip(names, params, results, strict=True)
        ]
        texts, needs, cost = [], set[Need](), 1
        for name, fuel, ps, r in zip(names, fuel_names, params, results, strict=True):
            # The group is only visible where it may be called: straight in
            # the recursive branch, with the fuel decreased.
            inner = replace(ctx.no_rec(), mult=1, budget=max(1, budget)).bind(
                Var(fuel, "int", MAX_FUEL, mutable=False), *(Var(p, "int", b) for p, b in ps)
            )
            rec = replace(inner.bind_funcs(*provisional), rec={n: fuel for n in names})

            def make(
                inner: Ctx = inner, rec: Ctx = rec, r: TInt | TMv = r, fuel: str = fuel
            ) -> str:
                base = self.expr(inner, d - 1, r)
                step = self.body(rec, d - 1, r)
                return f"(if (<= {fuel} 0) {base.text} (progn {step.text}))"

            text, body_needs, body_cost = self.function_body(make)
            needs |= body_needs
            cost = max(cost, body_cost)
            lambda_list = " ".join([fuel, *(p for p, _ in ps)])
            texts.append(f"({name} ({lambda_list}) {text})")
        final = [replace(f, needs=frozenset(needs), cost=cost * REC_FACTOR) for f in provisional]
        scope = ctx.bind_funcs(*final)
        # Call the group once at least.
        first = final[0]
        if self.result_fits(first.result, ty) and satisfied(scope, first.needs):
            result = self.call(scope, d, first, ty)
            if self.coin():
                result = self.combine(scope, d, result, ty)
        else:
            result = self.expr(scope, d - 1, ty)
        return Val(f"(labels ({' '.join(texts)}) {result.text})", result.bound)

    def combine(self, ctx: Ctx, d: int, v: Val, ty: Type) -> Val:
        """v, possibly combined with a second expression in the same scope."""
        if isinstance(ty, TInt):
            w = self.expr(ctx, d - 1, ty)
            return self.fit_int(Val(f"(+ {v.text} {w.text})", v.bound + w.bound), ty.limit)
        return v

    def bool_forms(self, ctx: Ctx, d: int) -> list[Callable[[], Val]]:
        def sub() -> Val:
            return self.expr(ctx, d - 1, TInt(LIMIT))

        def bsub() -> Val:
            return self.expr(ctx, d - 1, TBool())

        def lsub() -> Val:
            return self.expr(ctx, d - 1, TList(LIMIT, LMAX))

        def compare() -> Val:
            op = self.pick(("=", "<", ">", "<=", ">=", "/="))
            args = [sub() for _ in range(self.n(1, 3) if op != "/=" else 2)]
            return Val(f"({op} {' '.join(a.text for a in args)})")

        def predicate() -> Val:
            op = self.pick(("zerop", "evenp", "oddp", "plusp", "minusp"))
            return Val(f"({op} {sub().text})")

        def logic() -> Val:
            op = self.pick(("and", "or", "not"))
            if op == "not":
                return Val(f"(not {bsub().text})")
            args = [bsub().text for _ in range(self.n(0, 3))]
            return Val(f"({op}{''.join(' ' + a for a in args)})")

        def list_test() -> Val:
            choice = self.n(0, 3)
            if choice == 0:
                return Val(f"(null {lsub().text})")
            if choice == 1:
                return Val(f"(consp {lsub().text})")
            if choice == 2:
                x, lst = sub(), lsub()
                return Val(f"(not (null (member {x.text} {lst.text})))")
            return Val(f"(equal {lsub().text} {lsub().text})")

        def eql() -> Val:
            return Val(f"(eql {sub().text} {sub().text})")

        def missing_value() -> Val:  # NTH-VALUE past the values is NIL
            k = self.n(0, 2)
            mv = self.expr(ctx, d - 1, TMv(k, LIMIT))
            return Val(f"(nth-value {self.n(k, 3)} {mv.text})")

        return [compare, compare, predicate, logic, logic, list_test, eql, missing_value]

    def list_forms(self, ctx: Ctx, d: int, ty: TList) -> list[Callable[[], Val]]:
        L, M = ty.limit, ty.maxlen

        def sub(limit: int = L) -> Val:
            return self.expr(ctx, d - 1, TInt(limit))

        def lsub(maxlen: int = M, limit: int = L) -> Val:
            return self.expr(ctx, d - 1, TList(limit, maxlen))

        def fit(v: Val) -> Val:
            return self.fit_list(v, ty)

        def make_list() -> Val:
            items = [sub() for _ in range(self.n(0, min(3, M)))]
            return Val(
                f"(list{''.join(' ' + i.text for i in items)})",
                max((i.bound for i in items), default=0),
                len(items),
            )

        def cons() -> Val:
            x, rest = sub(), lsub()
            return fit(
                Val(f"(cons {x.text} {rest.text})", max(x.bound, rest.bound), rest.length + 1)
            )

        def unary() -> Val:
            op = self.pick(("cdr", "reverse", "copy-list", "last", "butlast", "rest"))
            lst = lsub()
            return Val(f"({op} {lst.text})", lst.bound, lst.length)

        def nthcdr() -> Val:
            lst = lsub()
            return Val(f"(nthcdr {self.n(0, 3)} {lst.text})", lst.bound, lst.length)

        def append() -> Val:
            parts = [lsub() for _ in range(self.n(2, 3))]
            return fit(
                Val(
                    f"(append {' '.join(p.text for p in parts)})",
                    max(p.bound for p in parts),
                    sum(p.length for p in parts),
                )
            )

        def mapcar() -> Val:
            lists = [lsub(LMAX, LIMIT) for _ in range(self.n(1, 2))]
            # The function is called once an element: cost as in a loop.
            each = self.loop_ctx(ctx, LMAX)
            fn = self.expr(each, d - 1, TFn(len(lists), L, max(v.bound for v in lists)))
            assert fn.fn is not None
            self.note_cost(each.mult * fn.fn.cost)
            self.use(fn.fn.needs)
            return fit(
                Val(
                    f"(mapcar {fn.text} {' '.join(v.text for v in lists)})",
                    fn.fn.bound,
                    min(v.length for v in lists),
                )
            )

        def mapcar_inline() -> Val:
            """MAPCAR of a lambda written in place, which may exit."""
            lst = lsub(LMAX, LIMIT)
            p = self.pick(VAR_NAMES)
            inner = self.loop_ctx(ctx, lst.length).bind(Var(p, "int", lst.bound))
            body = self.body(inner, d - 1, TInt(L))
            return fit(
                Val(f"(mapcar (lambda ({p}) {body.text}) {lst.text})", body.bound, lst.length)
            )

        def mapcan() -> Val:
            lst = lsub(LMAX, LIMIT)
            p = self.pick(VAR_NAMES)
            inner = self.loop_ctx(ctx, lst.length).bind(Var(p, "int", lst.bound))
            k = self.n(0, 2)
            items = [self.expr(inner, d - 1, TInt(L)) for _ in range(k)]
            return fit(
                Val(
                    f"(mapcan (lambda ({p}) (list{''.join(' ' + i.text for i in items)}))"
                    f" {lst.text})",
                    max((i.bound for i in items), default=0),
                    k * lst.length,
                )
            )

        def mv_list() -> Val:
            k = self.n(0, min(3, M))
            mv = self.expr(ctx, d - 1, TMv(k, L))
            return Val(f"(multiple-value-list {mv.text})", mv.bound, k)

        def collect() -> Val:
            acc, i = self.names(VAR_NAMES, 2)
            count, count_bound = self.count(ctx.bind(Var(acc, "list", L, M)).loop_header(), d)
            uid = self.new_uid()
            loop = self.loop_ctx(ctx, count_bound)
            loop = replace(
                loop.bind(Var(acc, "list", L, M), Var(i, "int", count_bound, mutable=False)),
                blocks={**loop.blocks, "nil": Exit("block", "nil", uid, None)},
                active=loop.active | {uid},
            )

            def body() -> str:
                stmts = self.stmts(loop, d - 1, 0, 1)
                x = self.expr(loop, d - 1, TInt(L))
                return " ".join([*stmts, self.push(acc, M, x.text)])

            text = self.with_exit(body, lambda n: n == ("lex", uid))
            result = f"(reverse {acc})" if self.coin() else acc
            return Val(f"(let (({acc} nil)) (dotimes ({i} {count}) {text}) {result})", L, M)

        options: list[Callable[[], Val]] = [
            make_list,
            make_list,
            cons,
            unary,
            nthcdr,
            append,
            mv_list,
        ]
        if self.affordable(ctx, LMAX + 1):
            options += [mapcar, mapcar_inline, mapcan]
        if self.affordable(ctx, MAX_COUNT + 1):
            options.append(collect)
        return options

    def push(self, var: str, maxlen: int, item: str) -> str:
        """PUSH onto a list variable, keeping it at most maxlen long."""
        return (
            f"(progn (push {item} {var}) "
            f"(when (> (length {var}) {maxlen}) (setq {var} (butlast {var}))))"
        )

    def mv_forms(self, ctx: Ctx, d: int, ty: TMv) -> list[Callable[[], Val]]:
        k, L = ty.count, ty.limit

        def values() -> Val:
            items = [self.expr(ctx, d - 1, TInt(L)) for _ in range(k)]
            return Val(
                "(values" + "".join(" " + i.text for i in items) + ")",
                max((i.bound for i in items), default=0),
            )

        def division() -> Val:
            op = self.pick(("floor", "truncate", "ceiling", "round"))
            a = self.expr(ctx, d - 1, TInt(L))
            dv = self.divisor(ctx, d - 1, max(1, L))
            return Val(f"({op} {a.text} {dv.text})", max(a.bound, dv.bound))

        def prog1() -> Val:
            mv = self.expr(ctx, d - 1, ty)
            stmts = self.stmts(ctx, d - 1, 1, 2)
            return Val(f"(multiple-value-prog1 {mv.text} {' '.join(stmts)})", mv.bound)

        def values_list() -> Val:
            items = [self.expr(ctx, d - 1, TInt(L)) for _ in range(k)]
            return Val(
                f"(values-list (list{''.join(' ' + i.text for i in items)}))",
                max((i.bound for i in items), default=0),
            )

        options = [values, values, prog1, values_list]
        if k == 2 and L >= 1:
            options += [division, division]
        calls = self.call_options(ctx, d, ty)
        options += calls * min(2, len(calls))
        if self.affordable(ctx, REC_FACTOR):
            options.append(lambda: self.labels(ctx, d, ty))
        return options

    def fn_forms(self, ctx: Ctx, d: int, ty: TFn) -> list[Callable[[], Val]]:
        def lam() -> Val:
            params = self.names(VAR_NAMES, ty.arity)
            inner = replace(ctx.no_rec(), mult=1, budget=max(1, ctx.budget // ctx.mult))
            inner = inner.bind(*(Var(p, "int", ty.param) for p in params))
            body, needs, cost = self.function_body(lambda: self.body(inner, d - 1, TInt(ty.limit)))
            info = FnInfo(ty.arity, body.bound, ty.param, needs, cost)
            return Val(f"(lambda ({' '.join(params)}) {body.text})", fn=info)

        options: list[Callable[[], Val]] = [lam, lam]
        for f in ctx.funcs.values():
            if (
                not f.fuel
                and f.fnparam is None
                and len(f.params) == ty.arity
                and isinstance(f.result, TInt)
                and f.result.limit <= ty.limit
                and all(p >= ty.param for p in f.params)
                and satisfied(ctx, f.needs)
                and self.affordable(ctx, f.cost)
            ):
                info = FnInfo(ty.arity, f.result.limit, ty.param, f.needs, f.cost)
                options.append(lambda f=f, info=info: Val(f"#'{f.name}", fn=info))  # type: ignore[misc]
            if f.maker is not None and self.fits_fn(f.maker, ty) and self.affordable(ctx, f.cost):
                options.append(lambda f=f: self.make_closure(ctx, d, f))  # type: ignore[misc]
        return options

    def make_closure(self, ctx: Ctx, d: int, f: Func) -> Val:
        assert f.maker is not None
        args = [self.expr(ctx, d - 1, TInt(p)).text for p in f.params]
        self.note_cost(ctx.mult * f.cost)
        return Val(f"({f.name}{''.join(' ' + a for a in args)})", fn=f.maker)

    # ---- forms of any type

    def generic(self, ctx: Ctx, d: int, ty: Type) -> list[Callable[[], Val]]:
        options: list[Callable[[], Val]] = [
            lambda: self.if_form(ctx, d, ty),
            lambda: self.let_form(ctx, d, ty),
            lambda: self.let_form(ctx, d, ty),
            lambda: self.progn(ctx, d, ty),
            lambda: self.mvb(ctx, d, ty),
            lambda: self.flet(ctx, d, ty),
        ]
        specials = [v for v in ctx.vars.values() if v.name.startswith("*s")]
        if specials:
            options.append(lambda: self.special_binding(ctx, d, ty, specials))
        if not isinstance(ty, TFn):
            # A function must not outlive the exit points it may use.
            options += [
                lambda: self.block(ctx, d, ty),
                lambda: self.catch(ctx, d, ty),
                lambda: self.unwind_protect(ctx, d, ty),
            ]
        if not isinstance(ty, TMv | TFn):
            options.append(lambda: self.prog1(ctx, d, ty))
        exits = self.exits(ctx)
        if exits:
            options += [lambda: self.exit(ctx, d, self.pick(exits), ty)] * 2
        return options

    def exits(self, ctx: Ctx) -> list[Exit]:
        return [*ctx.blocks.values(), *ctx.gotags.values(), *ctx.catches.values()]

    def exit(self, ctx: Ctx, d: int, ex: Exit, ty: Type | None = None) -> Val:
        """A transfer to ex, as an expression of type ty (it never returns)."""
        value = "" if ex.ty is None else " " + self.expr(ctx, d - 1, ex.ty).text
        if ex.kind == "catch":
            assert ex.ty is not None
            self.use({("catch", ex.name, ex.ty)})
            text = f"(throw '{ex.name}{value})"
        else:
            self.use({("lex", ex.uid)})
            if ex.kind == "go":
                text = f"(go {ex.name})"
            elif ex.name == "nil":
                text = f"(return{value})"
            else:
                text = f"(return-from {ex.name}{value})"
        fn = FnInfo(ty.arity, 0, ty.param, frozenset(), 1) if isinstance(ty, TFn) else None
        return Val(text, fn=fn)

    def if_form(self, ctx: Ctx, d: int, ty: Type) -> Val:
        c = self.expr(ctx, d - 1, TBool())
        x = self.expr(ctx, d - 1, ty)
        y = self.expr(ctx, d - 1, ty)
        fn = x.fn
        if x.fn is not None and y.fn is not None:
            fn = FnInfo(
                x.fn.arity,
                max(x.fn.bound, y.fn.bound),
                min(x.fn.param, y.fn.param),
                x.fn.needs | y.fn.needs,
                max(x.fn.cost, y.fn.cost),
            )
        return Val(
            f"(if {c.text} {x.text} {y.text})",
            max(x.bound, y.bound),
            max(x.length, y.length),
            fn,
        )

    def new_var(self, ctx: Ctx, d: int, name: str) -> tuple[str, Var]:
        """An initial value for a new variable of a drawn kind."""
        kind = self.pick(("int", "int", "bool", "list", "fn"))
        if kind == "int":
            v = self.expr(ctx, d, TInt(self.bound_choice()))
            return v.text, Var(name, "int", v.bound)
        if kind == "bool":
            return self.expr(ctx, d, TBool()).text, Var(name, "bool")
        if kind == "list":
            v = self.expr(ctx, d, TList(self.bound_choice(), self.n(1, LMAX)))
            return v.text, Var(name, "list", v.bound, v.length)
        v = self.expr(ctx, d, TFn(self.n(0, 2), self.bound_choice(), self.bound_choice()))
        return v.text, Var(name, "fn", fn=v.fn, mutable=False)

    def let_form(self, ctx: Ctx, d: int, ty: Type) -> Val:
        names = self.names(VAR_NAMES, self.n(1, 3))
        star = self.coin()
        scope = ctx
        bindings = []
        new = []
        for name in names:
            text, var = self.new_var(scope if star else ctx, d - 1, name)
            bindings.append(f"({name} {text})")
            new.append(var)
            if star:
                scope = scope.bind(var)
        scope = scope.bind(*new)
        body = self.body(scope, d - 1, ty)
        return replace(
            body, text=f"({'let*' if star else 'let'} ({' '.join(bindings)}) {body.text})"
        )

    def body(self, ctx: Ctx, d: int, ty: Type) -> Val:
        """Statements, then an expression of type ty (an implicit progn)."""
        stmts = self.stmts(ctx, d, 0, 2)
        v = self.expr(ctx, d, ty)
        return replace(v, text=" ".join([*stmts, v.text]))

    def progn(self, ctx: Ctx, d: int, ty: Type) -> Val:
        stmts = self.stmts(ctx, d - 1, 1, 3)
        v = self.expr(ctx, d - 1, ty)
        return replace(v, text=f"(progn {' '.join(stmts)} {v.text})")

    def prog1(self, ctx: Ctx, d: int, ty: Type) -> Val:
        v = self.expr(ctx, d - 1, ty)
        stmts = self.stmts(ctx, d - 1, 1, 2)
        return replace(v, text=f"(prog1 {v.text} {' '.join(stmts)})")

    def mvb(self, ctx: Ctx, d: int, ty: Type) -> Val:
        k = self.n(0, 3)
        mv = self.expr(ctx, d - 1, TMv(k, self.bound_choice()))
        names = self.names(VAR_NAMES, self.n(0, 3))
        # Variables past the values are NIL: booleans.
        new = [Var(n, "int", mv.bound) if i < k else Var(n, "bool") for i, n in enumerate(names)]
        body = self.body(ctx.bind(*new), d - 1, ty)
        return replace(
            body, text=f"(multiple-value-bind ({' '.join(names)}) {mv.text} {body.text})"
        )

    def special_binding(self, ctx: Ctx, d: int, ty: Type, specials: list[Var]) -> Val:
        s = self.pick(specials)
        v = self.expr(ctx, d - 1, TInt(s.bound))
        body = self.body(ctx, d - 1, ty)
        return replace(body, text=f"(let (({s.name} {v.text})) {body.text})")

    def flet(self, ctx: Ctx, d: int, ty: Type) -> Val:
        names = self.names(LOCAL_FUNCTION_NAMES, self.n(1, 2))
        defs, funcs = [], []
        for name in names:
            params = self.names(VAR_NAMES, self.n(0, 2))
            bounds = tuple(self.bound_choice() for _ in params)
            result: TInt | TMv = (
                TMv(self.n(0, 3), self.bound_choice())
                if self.n(0, 3) == 0
                else TInt(self.bound_choice())
            )
            inner = replace(ctx.no_rec(), mult=1, budget=max(1, ctx.budget // ctx.mult))
            inner = inner.bind(*(Var(p, "int", b) for p, b in zip(params, bounds, strict=True)))
            fnparam = None
            if self.n(0, 2) == 0:  # a function argument (a downward funarg)
                fnparam = TFn(self.n(0, 2), self.bound_choice(), self.bound_choice())
                fname = self.pick([n for n in VAR_NAMES if n not in params])
                info = FnInfo(fnparam.arity, fnparam.limit, fnparam.param, frozenset(), FNARG_COST)
                inner = inner.bind(Var(fname, "fn", fn=info, mutable=False))
                params = [fname, *params]

            def make(inner: Ctx = inner, result: TInt | TMv = result) -> Val:
                return self.body(inner, d - 1, result)

            body, needs, cost = self.function_body(make)
            if isinstance(result, TInt):
                result = TInt(body.bound)
            defs.append(f"({name} ({' '.join(params)}) {body.text})")
            funcs.append(Func(name, bounds, result, needs, cost, fnparam=fnparam))
        scope = ctx.bind_funcs(*funcs)
        body = self.body(scope, d - 1, ty)
        return replace(body, text=f"(flet ({' '.join(defs)}) {body.text})")

    def block(self, ctx: Ctx, d: int, ty: Type) -> Val:
        name = self.pick(BLOCK_NAMES)
        uid = self.new_uid()
        inner = replace(
            ctx,
            blocks={**ctx.blocks, name: Exit("block", name, uid, ty)},
            active=ctx.active | {uid},
        )
        body = self.with_exit(
            lambda: self.exit_body(inner, d - 1, ty, inner.blocks[name]),
            lambda n: n == ("lex", uid),
        )
        return Val(f"(block {name} {body.text})", self.limit_of(ty), self.maxlen_of(ty))

    def exit_body(self, ctx: Ctx, d: int, ty: Type, ex: Exit) -> Val:
        """The body of a BLOCK or CATCH: often starts with a transfer to it."""
        v = self.body(ctx, d, ty)
        if d > 0 and self.coin():
            return replace(v, text=f"{self.transfer(ctx, d, ex)} {v.text}")
        return v

    def transfer(self, ctx: Ctx, d: int, ex: Exit) -> str:
        """A statement that may transfer to ex, directly or from inside a
        function, a loop or an UNWIND-PROTECT."""
        choice = self.n(0, 6)

        def cond(c: Ctx) -> str:
            return "t" if self.n(0, 2) == 0 else self.expr(c, d - 1, TBool()).text

        if choice == 0:
            return f"(when {cond(ctx)} {self.exit(ctx, d, ex).text})"
        if choice == 1:  # a lambda called in place
            p = self.pick(VAR_NAMES)
            arg = self.expr(ctx, d - 1, TInt(LIMIT))
            inner = ctx.no_rec().bind(Var(p, "int", arg.bound))
            e = self.expr(inner, d - 1, TInt(LIMIT))
            return (
                f"(funcall (lambda ({p}) (when {cond(inner)} {self.exit(inner, d, ex).text}) "
                f"{e.text}) {arg.text})"
            )
        if choice == 2:  # a local function, called twice
            f = self.pick(LOCAL_FUNCTION_NAMES)
            p = self.pick(VAR_NAMES)
            inner = replace(ctx.no_rec(), mult=1, budget=max(1, ctx.budget // ctx.mult))
            inner = inner.bind(Var(p, "int", LIMIT))

            def make() -> str:
                c = cond(inner)
                return f"(when {c} {self.exit(inner, d, ex).text}) {p}"

            text, needs, cost = self.function_body(make)
            self.use(needs)
            self.note_cost(ctx.mult * cost)
            # The arguments are evaluated where the new f shadows any other.
            outside = replace(ctx, funcs={k: v for k, v in ctx.funcs.items() if k != f})
            args = [self.expr(outside, d - 1, TInt(LIMIT)).text for _ in range(2)]
            return f"(flet (({f} ({p}) {text})) ({f} {args[0]}) ({f} {args[1]}))"
        if choice == 3 and self.affordable(ctx, LMAX + 1):  # from MAPCAR's function
            lst = self.expr(ctx, d - 1, TList(LIMIT, LMAX))
            p = self.pick(VAR_NAMES)
            inner = self.loop_ctx(ctx, lst.length).bind(Var(p, "int", lst.bound))
            c, e = cond(inner), self.exit(inner, d, ex)
            return f"(mapcar (lambda ({p}) (if {c} {e.text} {p})) {lst.text})"
        if choice == 4 and self.affordable(ctx, MAX_COUNT + 1):  # from a loop
            i = self.pick(VAR_NAMES)
            k = self.n(1, MAX_COUNT)
            inner = self.loop_ctx(ctx, k).bind(Var(i, "int", k, mutable=False))
            c = f"(= {i} {self.n(0, k)})" if self.coin() else cond(inner)
            return f"(dotimes ({i} {k}) (when {c} {self.exit(inner, d, ex).text}))"
        if choice == 5:  # through an UNWIND-PROTECT
            return (
                f"(unwind-protect (when {cond(ctx)} {self.exit(ctx, d, ex).text}) "
                f"{' '.join(self.cleanup(ctx, d - 1))})"
            )
        return f"(if {cond(ctx)} {self.exit(ctx, d, ex).text} {self.stmt(ctx, d - 1)})"

    def catch(self, ctx: Ctx, d: int, ty: Type) -> Val:
        tag = self.pick(CATCH_TAGS)
        uid = self.new_uid()
        inner = replace(ctx.no_rec(), catches={**ctx.catches, tag: Exit("catch", tag, uid, ty)})
        body = self.with_exit(
            lambda: self.exit_body(inner, d - 1, ty, inner.catches[tag]),
            lambda n: n[0] == "catch" and n[1] == tag,
        )
        return Val(f"(catch '{tag} {body.text})", self.limit_of(ty), self.maxlen_of(ty))

    def limit_of(self, ty: Type) -> int:
        return ty.limit if isinstance(ty, TInt | TList | TMv) else 0

    def maxlen_of(self, ty: Type) -> int:
        return ty.maxlen if isinstance(ty, TList) else 0

    def unwind_protect(self, ctx: Ctx, d: int, ty: Type) -> Val:
        v = self.expr(ctx, d - 1, ty)
        cleanup = self.cleanup(ctx, d - 1)
        return replace(v, text=f"(unwind-protect {v.text} {' '.join(cleanup)})")

    def cleanup(self, ctx: Ctx, d: int) -> list[str]:
        """Cleanup forms: no exits from them (the exit points may be gone)."""
        inner = ctx.no_exits()
        self.trace_used = True
        mark = self.literal(LIMIT)
        forms = [f"(push {mark.text} *trace*)"]
        forms += self.stmts(inner, d, 0, 2)
        return forms

    # ---- statements

    def stmts(self, ctx: Ctx, d: int, lo: int, hi: int, call: str | None = None) -> list[str]:
        out = [self.stmt(ctx, d) for _ in range(self.n(lo, hi))]
        if call is not None:  # make sure the named function is called
            v = ctx.vars[call]
            assert v.fn is not None
            args = [self.expr(ctx, d - 1, TInt(v.fn.param)).text for _ in range(v.fn.arity)]
            self.use(v.fn.needs)
            self.note_cost(ctx.mult * v.fn.cost)
            out.insert(self.n(0, len(out)), f"(funcall {call}{''.join(' ' + a for a in args)})")
        return out

    def stmt(self, ctx: Ctx, d: int) -> str:
        mutable = [v for v in ctx.vars.values() if v.mutable and v.kind != "fn"]
        ints = [v for v in mutable if v.kind == "int"]
        lists = [v for v in mutable if v.kind == "list"]
        options: list[Callable[[], str]] = [
            lambda: self.trace(ctx, d),
            lambda: self.print_stmt(ctx, d),
        ]
        if mutable:
            options += [lambda: self.setq(ctx, d, self.pick(mutable))] * 3
        if ints:
            options += [lambda: self.incf(ctx, d, self.pick(ints))] * 2
            options.append(lambda: self.mv_setq(ctx, d, ints))
            if len(ints) >= 2:
                options.append(lambda: self.psetq(ctx, d, ints))
        if lists:
            options.append(lambda: self.push_stmt(ctx, d, self.pick(lists)))
        if d > 0:
            options += [
                lambda: self.when_stmt(ctx, d),
                lambda: self.effect(ctx, d),
                lambda: self.tagbody_skip(ctx, d),
            ]
            if self.affordable(ctx, LMAX + 1):
                options += [lambda: self.dotimes_stmt(ctx, d), lambda: self.dolist_stmt(ctx, d)]
            if self.exits(ctx):
                options += [lambda: self.exit_stmt(ctx, d)] * 2
        return self.pick(options)()

    def setq(self, ctx: Ctx, d: int, v: Var) -> str:
        op = self.pick(("setq", "setq", "setf"))
        return f"({op} {v.name} {self.value_for(ctx, d - 1, v).text})"

    def value_for(self, ctx: Ctx, d: int, v: Var) -> Val:
        if v.kind == "int":
            return self.expr(ctx, d, TInt(v.bound))
        if v.kind == "bool":
            return self.expr(ctx, d, TBool())
        return self.expr(ctx, d, TList(v.bound, v.length))

    def incf(self, ctx: Ctx, d: int, v: Var) -> str:
        op = self.pick(("incf", "decf"))
        fold = f"(setq {v.name} ({self.pick(('rem', 'mod'))} {v.name} {v.bound + 1}))"
        choice = self.n(0, 2)
        if choice == 0:
            return f"(progn ({op} {v.name}) {fold})"
        if choice == 1 or d <= 1:  # a literal or a variable
            delta = self.leaf(ctx, TInt(LIMIT)).text
            return f"(progn ({op} {v.name} {delta}) {fold})"
        # Whether the place is read before or after a delta that assigns it
        # differs between implementations (SBCL reads it after): evaluate
        # such a delta first.
        tmp = self.fresh("d")
        delta = self.expr(ctx, d - 1, TInt(LIMIT)).text
        return f"(let (({tmp} {delta})) ({op} {v.name} {tmp}) {fold})"

    def mv_setq(self, ctx: Ctx, d: int, ints: list[Var]) -> str:
        count = self.n(1, min(2, len(ints)))
        chosen = []
        left = list(ints)
        for _ in range(count):
            v = self.pick(left)
            left.remove(v)
            chosen.append(v)
        mv = self.expr(ctx, d - 1, TMv(self.n(count, 3), min(v.bound for v in chosen)))
        return f"(multiple-value-setq ({' '.join(v.name for v in chosen)}) {mv.text})"

    def psetq(self, ctx: Ctx, d: int, ints: list[Var]) -> str:
        a = self.pick(ints)
        b = self.pick([v for v in ints if v.name != a.name])
        x = self.expr(ctx, d - 1, TInt(a.bound))
        y = self.expr(ctx, d - 1, TInt(b.bound))
        return f"(psetq {a.name} {x.text} {b.name} {y.text})"

    def push_stmt(self, ctx: Ctx, d: int, v: Var) -> str:
        x = self.expr(ctx, d - 1, TInt(v.bound))
        return self.push(v.name, v.length, x.text)

    def trace(self, ctx: Ctx, d: int) -> str:
        self.trace_used = True
        x = self.expr(ctx, d - 1, TInt(LIMIT))
        return f"(push {x.text} *trace*)"

    def print_stmt(self, ctx: Ctx, d: int) -> str:
        ty = self.pick((TInt(LIMIT), TBool(), TList(LIMIT, LMAX)))
        x = self.expr(ctx, d - 1, ty)
        form = self.pick(
            ("(print {})", '(format t "~a~%" {})', '(format t "<~a>" {})', "(prin1 {})")
        )
        return form.format(x.text)

    def when_stmt(self, ctx: Ctx, d: int) -> str:
        c = self.expr(ctx, d - 1, TBool())
        stmts = self.stmts(ctx, d - 1, 1, 2)
        op = self.pick(("when", "unless"))
        return f"({op} {c.text} {' '.join(stmts)})"

    def effect(self, ctx: Ctx, d: int) -> str:
        """Any expression, for its side effects."""
        ty = self.pick((TInt(LIMIT), TBool(), TList(LIMIT, LMAX), TMv(self.n(0, 2), LIMIT)))
        text = self.expr(ctx, d - 1, ty).text
        # In a TAGBODY (and the body of DOTIMES or DOLIST) an atom is a tag.
        return text if text.startswith(("(", "'")) else f"(progn {text})"

    def exit_stmt(self, ctx: Ctx, d: int) -> str:
        c = self.expr(ctx, d - 1, TBool())
        ex = self.exit(ctx, d, self.pick(self.exits(ctx)))
        return f"(when {c.text} {ex.text})"

    def tagbody_skip(self, ctx: Ctx, d: int) -> str:
        """(tagbody s... tag s...): the first statements may GO forward to tag."""
        tag = self.pick(GO_TAGS)
        uid = self.new_uid()
        before = replace(
            ctx,
            gotags={**ctx.gotags, tag: Exit("go", tag, uid, None)},
            active=ctx.active | {uid},
        )
        first = self.with_exit(lambda: self.stmts(before, d - 1, 1, 2), lambda n: n == ("lex", uid))
        # After the tag, GO to it would go backwards, and the outer tag of
        # that name is hidden.
        after_ctx = replace(ctx, gotags={k: v for k, v in ctx.gotags.items() if k != tag})
        after = self.stmts(after_ctx, d - 1, 0, 1)
        return f"(tagbody {' '.join(first)} {tag}{''.join(' ' + s for s in after)})"

    def dotimes_stmt(self, ctx: Ctx, d: int) -> str:
        i = self.pick(VAR_NAMES)
        count, count_bound = self.count(ctx.loop_header(), d)
        uid = self.new_uid()
        loop = self.loop_ctx(ctx, count_bound)
        loop = replace(
            loop.bind(Var(i, "int", count_bound, mutable=False)),
            blocks={**loop.blocks, "nil": Exit("block", "nil", uid, None)},
            active=loop.active | {uid},
        )
        body = self.with_exit(lambda: self.stmts(loop, d - 1, 1, 2), lambda n: n == ("lex", uid))
        return f"(dotimes ({i} {count}) {' '.join(body)})"

    def dolist_stmt(self, ctx: Ctx, d: int) -> str:
        x = self.pick(VAR_NAMES)
        lst = self.expr(ctx.loop_header(), d - 1, TList(LIMIT, LMAX))
        uid = self.new_uid()
        loop = self.loop_ctx(ctx, lst.length)
        loop = replace(
            loop.bind(Var(x, "int", lst.bound, mutable=False)),
            blocks={**loop.blocks, "nil": Exit("block", "nil", uid, None)},
            active=loop.active | {uid},
        )
        body = self.with_exit(lambda: self.stmts(loop, d - 1, 1, 2), lambda n: n == ("lex", uid))
        return f"(dolist ({x} {lst.text}) {' '.join(body)})"

    # ---- the program

    def program(self) -> str:
        forms = ["(defvar *trace* nil)"]
        ctx = Ctx()
        for i in range(1, self.n(0, 2) + 1):
            name = f"*s{i}*"
            bound = self.bound_choice()
            init = self.literal(bound)
            forms.append(f"(defvar {name} {init.text})")
            ctx = ctx.bind(Var(name, "int", bound))
            reader = f"get-s{i}"
            forms.append(f"(defun {reader} () {name})")
            ctx = ctx.bind_funcs(Func(reader, (), TInt(bound), frozenset(), 1))
        for i in range(1, self.n(0, 3) + 1):
            form, ctx = self.defun(ctx, i)
            forms.append(form)
        for i in range(1, self.n(0, 2) + 1):
            name = f"*g{i}*"
            v = self.expr(ctx, 2, TFn(self.n(0, 2), self.bound_choice(), self.bound_choice()))
            forms.append(f"(defparameter {name} {v.text})")
            ctx = ctx.bind(Var(name, "fn", fn=v.fn, mutable=False))
        for _ in range(self.n(1, 5)):
            forms.append(self.toplevel(ctx))
        if self.trace_used:
            forms.append("(print (reverse *trace*))")
        forms.append("(terpri)")
        return "\n".join(forms) + "\n"

    def defun(self, ctx: Ctx, i: int) -> tuple[str, Ctx]:
        kind = self.pick(("plain", "values", "thrower", "recursive", "maker"))
        params = self.names(VAR_NAMES, self.n(0, 2))
        bounds = tuple(self.bound_choice() for _ in params)
        base = ctx.bind(*(Var(p, "int", b) for p, b in zip(params, bounds, strict=True)))
        d = 3
        if kind == "maker":
            name = f"make{i}"

            def make_fn() -> Val:
                ty = TFn(self.n(0, 2), self.bound_choice(), self.bound_choice())
                return self.body(base, d, ty)

            body, needs, cost = self.function_body(make_fn)
            assert body.fn is not None
            func = Func(
                name,
                bounds,
                TFn(body.fn.arity, body.fn.bound, body.fn.param),
                needs,
                cost,
                maker=body.fn,
            )
            return f"(defun {name} ({' '.join(params)}) {body.text})", ctx.bind_funcs(func)
        if kind == "recursive":
            name, fuel = f"rec{i}", "fuel"
            result: TInt | TMv = (
                TInt(self.bound_choice()) if self.n(0, 2) else TMv(2, self.bound_choice())
            )
            provisional = Func(name, bounds, result, frozenset(), 1, fuel=True)
            inner = base.bind(Var(fuel, "int", MAX_FUEL, mutable=False))
            inner = replace(inner, budget=MAX_COST // REC_FACTOR)
            rec = replace(inner.bind_funcs(provisional), rec={name: fuel})

            def make_rec() -> str:
                b = self.expr(inner, d, result)
                s = self.body(rec, d, result)
                return f"(if (<= {fuel} 0) {b.text} (progn {s.text}))"

            text, needs, cost = self.function_body(make_rec)
            func = replace(provisional, needs=needs, cost=cost * REC_FACTOR)
            lambda_list = " ".join([fuel, *params])
            return f"(defun {name} ({lambda_list}) {text})", ctx.bind_funcs(func)
        name = f"fun{i}"
        result = (
            TMv(self.n(0, 3), self.bound_choice())
            if kind == "values"
            else TInt(self.bound_choice())
        )
        inner = base
        tag = self.pick(CATCH_TAGS)
        if kind == "thrower":
            inner = replace(base, catches={tag: Exit("catch", tag, 0, TInt(self.bound_choice()))})

        def make_body() -> Val:
            v = self.body(inner, d, result)
            if kind == "thrower":
                return replace(v, text=f"{self.transfer(inner, d, inner.catches[tag])} {v.text}")
            return v

        body, needs, cost = self.function_body(make_body)
        if isinstance(result, TInt):
            result = TInt(body.bound)
        func = Func(name, bounds, result, needs, cost)
        return f"(defun {name} ({' '.join(params)}) {body.text})", ctx.bind_funcs(func)

    def toplevel(self, ctx: Ctx) -> str:
        d = self.n(2, 5)
        choice = self.n(0, 6)
        if choice == 0:
            v = self.expr(ctx, d, TInt(LIMIT))
            return f"(print {v.text})"
        if choice == 1:
            v = self.expr(ctx, d, TInt(LIMIT))
            w = self.expr(ctx, d, TBool())
            return f'(format t "~a ~a~%" {v.text} {w.text})'
        if choice == 2:
            v = self.expr(ctx, d, TList(LIMIT, LMAX))
            return f'(format t "~a~%" {v.text})'
        if choice == 3:
            v = self.expr(ctx, d, TMv(self.n(0, 3), LIMIT))
            return f"(print (multiple-value-list {v.text}))"
        if choice == 4:
            return self.stmt(ctx, d)
        if choice == 6:
            # The integer through the rest of the numeric tower: bignums,
            # ratios, single- and double-floats (operations that IEEE
            # arithmetic determines exactly).
            v = self.expr(ctx, d, TInt(LIMIT))
            return (
                f"(let ((n {v.text})) (print (list (expt n 5) (* n n n n 123456789) (/ n 7)"
                " (+ n 1/3) (float n) (/ (float n 1d0) 3) (sqrt (abs n)) (isqrt (abs n))"
                " (floor n 7/2) (* n 0.1) (- n 0.5d0))))"
            )
        v = self.expr(ctx, d, TBool())
        return f"(print {v.text})"


@st.composite
def programs(draw: st.DrawFn) -> str:
    """A whole program, as text."""
    return Gen(draw).program()
