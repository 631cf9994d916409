"""The host evaluator: runs IR in Python at compile time.

This is how macro expanders, macrolet definitions and eval-when forms run
(never the compiled program: see docs and design.md).  The IR is turned once
into a tree of Python closures ("closure compilation"); each closure takes a
run-time frame (host_frames.py) and returns the node's value.

A closure compiled with `mv=True` may return a MultipleValues; one compiled
with `mv=False` always returns a single object.  Non-local exits are Python
exceptions (host_runtime.py); dynamic bindings are undone in `finally`
clauses, so every exit path restores them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.frontend.forms import show
from clysm.frontend.host_calls import CallCompiler
from clysm.frontend.host_control import ControlCompiler
from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_frames import Code, Frame, Scope, getter, setter
from clysm.frontend.host_lambda import compile_lambda
from clysm.frontend.host_runtime import (
    UNBOUND,
    GoSignal,
    LispError,
    ReturnFromSignal,
    make_values,
    primary,
    values_list,
)
from clysm.frontend.ir import (
    Const,
    GlobalRef,
    GlobalSet,
    If,
    Lambda,
    Let,
    LexRef,
    LexSet,
    LexVar,
    LoadTimeValue,
    MultipleValueBind,
    MultipleValueProg1,
    Node,
    Progn,
    The,
    Values,
)
from clysm.lisp.data import NIL, Symbol


class HostEvaluator(CallCompiler, ControlCompiler):
    def __init__(self, image: HostEnv) -> None:
        from clysm.frontend.convert import ensure_recursion_limit

        ensure_recursion_limit()
        self.image = image
        self._compilers: dict[type, Callable[[Any, Scope, bool], Code]] = {
            Const: self._const,
            LexRef: self._lex_ref,
            LexSet: self._lex_set,
            GlobalRef: self._global_ref,
            GlobalSet: self._global_set,
            If: self._if,
            Progn: self._progn,
            Let: self._let,
            MultipleValueBind: self._mv_bind,
            MultipleValueProg1: self._mv_prog1,
            Values: self._values,
            Lambda: lambda node, scope, mv: compile_lambda(self, node, scope),
            The: lambda node, scope, mv: self.compile(node.value, scope, mv),
            LoadTimeValue: self._load_time_value,
        }
        self._compilers.update(self.call_compilers())
        self._compilers.update(self.control_compilers())

    # -- entry points --------------------------------------------------------

    def eval_node(self, node: Node) -> Any:
        """Evaluate IR in the null lexical environment; returns value(s)."""
        scope = Scope(None)
        code = self.compile(node, scope, True)
        return self.run(code, [None] * scope.size)

    def eval_form(self, form: Any, env: Any) -> Any:
        from clysm.frontend.convert import Converter

        return self.eval_node(Converter(self.image).convert(form, env))

    def run(self, code: Code, frame: Frame) -> Any:
        try:
            return code(frame)
        except RecursionError:
            message = "control stack exhausted (recursion too deep)"
            raise LispError(message, "STORAGE-CONDITION") from None
        except ReturnFromSignal:
            raise LispError("RETURN-FROM a block that has been exited", "CONTROL-ERROR") from None
        except GoSignal:
            raise LispError("GO to a tagbody that has been exited", "CONTROL-ERROR") from None

    # -- compilation ---------------------------------------------------------

    def compile(self, node: Node, scope: Scope, mv: bool) -> Code:
        return self._compilers[type(node)](node, scope, mv)

    def _const(self, node: Const, scope: Scope, mv: bool) -> Code:
        value = node.value
        return lambda f: value

    def _lex_ref(self, node: LexRef, scope: Scope, mv: bool) -> Code:
        return getter(*scope.locate(node.var))

    def _lex_set(self, node: LexSet, scope: Scope, mv: bool) -> Code:
        return setter(*scope.locate(node.var), self.compile(node.value, scope, False))

    def _global_ref(self, node: GlobalRef, scope: Scope, mv: bool) -> Code:
        sym, values, pos = node.symbol, self.image.values, node.pos

        def ref(f: Frame) -> Any:
            v = values.get(sym, UNBOUND)
            if v is UNBOUND:
                raise LispError(f"The variable {show(sym)} is unbound", "UNBOUND-VARIABLE", pos)
            return v

        return ref

    def _global_set(self, node: GlobalSet, scope: Scope, mv: bool) -> Code:
        sym, values = node.symbol, self.image.values
        value = self.compile(node.value, scope, False)

        def set_global(f: Frame) -> Any:
            v = values[sym] = value(f)
            return v

        return set_global

    def _if(self, node: If, scope: Scope, mv: bool) -> Code:
        test = self.compile(node.test, scope, False)
        then = self.compile(node.then, scope, mv)
        else_ = self.compile(node.else_, scope, mv)
        return lambda f: else_(f) if test(f) is NIL else then(f)

    def _progn(self, node: Progn, scope: Scope, mv: bool) -> Code:
        if not node.body:
            return lambda f: NIL
        first = [self.compile(n, scope, False) for n in node.body[:-1]]
        last = self.compile(node.body[-1], scope, mv)
        if len(first) == 1:
            a = first[0]

            def progn2(f: Frame) -> Any:
                a(f)
                return last(f)

            return progn2

        def progn(f: Frame) -> Any:
            for c in first:
                c(f)
            return last(f)

        return progn

    def _values(self, node: Values, scope: Scope, mv: bool) -> Code:
        args = [self.compile(a, scope, False) for a in node.args]
        if mv:
            return lambda f: make_values([a(f) for a in args])
        if not args:
            return lambda f: NIL

        def first_value(f: Frame) -> Any:
            values = [a(f) for a in args]
            return values[0]

        return first_value

    def _mv_prog1(self, node: MultipleValueProg1, scope: Scope, mv: bool) -> Code:
        first = self.compile(node.first, scope, mv)
        rest = [self.compile(n, scope, False) for n in node.rest]

        def prog1(f: Frame) -> Any:
            result = first(f)
            for c in rest:
                c(f)
            return result

        return prog1

    def _load_time_value(self, node: LoadTimeValue, scope: Scope, mv: bool) -> Code:
        # Evaluated once, in the null lexical environment, the first time it runs.
        cell: list[Any] = []

        def ltv(f: Frame) -> Any:
            if not cell:
                cell.append(primary(self.eval_node(node.form)))
            return cell[0]

        return ltv

    # -- binding forms -------------------------------------------------------

    def _binder(
        self, targets: list[LexVar | Symbol], scope: Scope
    ) -> tuple[Scope, list[int | Symbol]]:
        """The scope for a binding form's body, and where each value goes."""
        inner = Scope(scope) if any(isinstance(t, LexVar) for t in targets) else scope
        return inner, [inner.add(t) if isinstance(t, LexVar) else t for t in targets]

    def _let(self, node: Let, scope: Scope, mv: bool) -> Code:
        inits = [self.compile(b.value, scope, False) for b in node.bindings]
        inner, places = self._binder([b.target for b in node.bindings], scope)
        body = self.compile(node.body, inner, mv)
        return self._bind_code(inits, inner is not scope, places, inner.size, body)

    def _mv_bind(self, node: MultipleValueBind, scope: Scope, mv: bool) -> Code:
        form = self.compile(node.values_form, scope, True)
        n = len(node.vars)

        def values_of(f: Frame) -> list[Any]:
            vals = values_list(form(f))
            return vals[:n] if len(vals) >= n else vals + [NIL] * (n - len(vals))

        inner, places = self._binder(list(node.vars), scope)
        body = self.compile(node.body, inner, mv)
        return self._bind_code(values_of, inner is not scope, places, inner.size, body)

    def _bind_code(
        self,
        inits: list[Code] | Code,
        new_frame: bool,
        places: list[int | Symbol],
        size: int,
        body: Code,
    ) -> Code:
        """Code binding `places` to the values of `inits` (a list of codes, or
        one code returning the list of values) around `body`."""
        image = self.image
        specials = any(isinstance(p, Symbol) for p in places)
        evaluate: Callable[[Frame], list[Any]]
        if isinstance(inits, list):
            codes = inits
            if len(codes) == 1 and new_frame and not specials:
                init = codes[0]
                pad = [None] * (size - 2)
                return lambda f: body([f, init(f), *pad])
            evaluate = lambda f: [c(f) for c in codes]  # noqa: E731
        else:
            evaluate = inits
        if not specials:
            pad = [None] * (size - 1 - len(places))
            if new_frame:
                return lambda f: body([f, *evaluate(f), *pad])

            def evaluate_then_body(f: Frame) -> Any:
                evaluate(f)
                return body(f)

            return evaluate_then_body

        def bind(f: Frame) -> Any:
            values = evaluate(f)
            g: Frame = [f] + [None] * (size - 1) if new_frame else f
            saved: list[tuple[Symbol, Any]] = []
            try:
                for place, value in zip(places, values, strict=True):
                    if isinstance(place, int):
                        g[place] = value
                    else:
                        saved.append((place, image.bind(place, value)))
                return body(g)
            finally:
                for sym, old in reversed(saved):
                    image.unbind(sym, old)

        return bind
