"""Host evaluator: function objects and calls (global, local, funcall,
apply, multiple-value-call, intrinsics)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from clysm.frontend.forms import show
from clysm.frontend.host_frames import Code, Frame, Scope, getter
from clysm.frontend.host_intrinsics import HOST_IMAGE_INTRINSICS, HOST_INTRINSICS
from clysm.frontend.host_lambda import compile_lambda
from clysm.frontend.host_runtime import LispError, MultipleValues, type_error, values_list
from clysm.frontend.ir import (
    Apply,
    CallGlobal,
    CallLocal,
    Funcall,
    GlobalFunction,
    LocalFunction,
    LocalFunctions,
    MultipleValueCall,
    Node,
    PrimCall,
)
from clysm.lisp.data import Symbol, is_proper_list, iter_list

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv

MV = MultipleValues


def coerce_function(image: HostEnv, x: Any) -> Callable[..., Any]:
    """A function designator to a function (FUNCALL and APPLY semantics)."""
    if callable(x):
        return x  # type: ignore[no-any-return]
    if isinstance(x, Symbol):
        return image.fdefinition(x)
    raise type_error(x, "(OR FUNCTION SYMBOL)")


def call_code(fetch: Code, args: list[Code], mv: bool) -> Code:
    """Code calling the function `fetch` yields with the values of `args`.
    Small argument counts get their own closures: this is the hot path."""
    n = len(args)
    if n == 0:
        if mv:
            return lambda f: fetch(f)()

        def call0(f: Frame) -> Any:
            r = fetch(f)()
            return r.primary if type(r) is MV else r

        return call0
    if n == 1:
        (a,) = args
        if mv:
            return lambda f: fetch(f)(a(f))

        def call1(f: Frame) -> Any:
            r = fetch(f)(a(f))
            return r.primary if type(r) is MV else r

        return call1
    if n == 2:
        a, b = args
        if mv:
            return lambda f: fetch(f)(a(f), b(f))

        def call2(f: Frame) -> Any:
            r = fetch(f)(a(f), b(f))
            return r.primary if type(r) is MV else r

        return call2
    if mv:
        return lambda f: fetch(f)(*[a(f) for a in args])

    def calln(f: Frame) -> Any:
        r = fetch(f)(*[a(f) for a in args])
        return r.primary if type(r) is MV else r

    return calln


class CallCompiler:
    image: HostEnv

    def compile(self, node: Node, scope: Scope, mv: bool) -> Code:
        raise NotImplementedError

    def call_compilers(self) -> dict[type, Callable[[Any, Scope, bool], Code]]:
        return {
            CallGlobal: self._call_global,
            CallLocal: self._call_local,
            Funcall: self._funcall,
            Apply: self._apply,
            MultipleValueCall: self._mv_call,
            PrimCall: self._prim_call,
            GlobalFunction: self._global_function,
            LocalFunction: self._local_function,
            LocalFunctions: self._local_functions,
        }

    def _args(self, nodes: list[Node], scope: Scope) -> list[Code]:
        return [self.compile(n, scope, False) for n in nodes]

    def _call_global(self, node: CallGlobal, scope: Scope, mv: bool) -> Code:
        name, image, functions, pos = node.name, self.image, self.image.functions, node.pos
        if not isinstance(name, Symbol):
            return call_code(lambda f: image.fdefinition(name), self._args(node.args, scope), mv)

        def fetch(f: Frame) -> Any:
            fn = functions.get(name)
            if fn is None:
                message = f"The function {show(name)} is undefined"
                raise LispError(message, "UNDEFINED-FUNCTION", pos)
            return fn

        return call_code(fetch, self._args(node.args, scope), mv)

    def _call_local(self, node: CallLocal, scope: Scope, mv: bool) -> Code:
        fetch = getter(*scope.locate(node.fun))
        return call_code(fetch, self._args(node.args, scope), mv)

    def _funcall(self, node: Funcall, scope: Scope, mv: bool) -> Code:
        function, image = self.compile(node.function, scope, False), self.image

        def fetch(f: Frame) -> Any:
            x = function(f)
            return x if callable(x) else coerce_function(image, x)

        return call_code(fetch, self._args(node.args, scope), mv)

    def _apply(self, node: Apply, scope: Scope, mv: bool) -> Code:
        function, image = self.compile(node.function, scope, False), self.image
        args = self._args(node.args, scope)

        def apply(f: Frame) -> Any:
            fn = coerce_function(image, function(f))
            values = [a(f) for a in args]
            spread = values.pop()
            if not is_proper_list(spread):
                raise type_error(spread, "LIST")
            r = fn(*values, *iter_list(spread))
            return r.primary if not mv and type(r) is MV else r

        return apply

    def _mv_call(self, node: MultipleValueCall, scope: Scope, mv: bool) -> Code:
        function, image = self.compile(node.function, scope, False), self.image
        args = [self.compile(n, scope, True) for n in node.args]

        def mv_call(f: Frame) -> Any:
            fn = coerce_function(image, function(f))
            r = fn(*[v for a in args for v in values_list(a(f))])
            return r.primary if not mv and type(r) is MV else r

        return mv_call

    def _prim_call(self, node: PrimCall, scope: Scope, mv: bool) -> Code:
        impl = HOST_INTRINSICS.get(node.op)
        if impl is None:
            impl = partial(HOST_IMAGE_INTRINSICS[node.op], self.image)
        args = self._args(node.args, scope)
        if len(args) == 1:
            (a,) = args
            return lambda f: impl(a(f))
        if len(args) == 2:
            a, b = args
            return lambda f: impl(a(f), b(f))
        return lambda f: impl(*[a(f) for a in args])

    def _global_function(self, node: GlobalFunction, scope: Scope, mv: bool) -> Code:
        name, image = node.name, self.image
        return lambda f: image.fdefinition(name)

    def _local_function(self, node: LocalFunction, scope: Scope, mv: bool) -> Code:
        return getter(*scope.locate(node.fun))

    def _local_functions(self, node: LocalFunctions, scope: Scope, mv: bool) -> Code:
        inner = Scope(scope)
        slots = [inner.add(fv) for fv in node.funs]
        home = inner if node.recursive else scope
        makers = []
        for fv in node.funs:
            assert fv.lam is not None
            makers.append(compile_lambda(self, fv.lam, home))
        body = self.compile(node.body, inner, mv)
        size, recursive = inner.size, node.recursive

        def local_functions(f: Frame) -> Any:
            g: Frame = [f] + [None] * (size - 1)
            env = g if recursive else f
            for slot, make in zip(slots, makers, strict=True):
                g[slot] = make(env)
            return body(g)

        return local_functions
