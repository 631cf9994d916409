"""Host functions from `Lambda` nodes: argument parsing for ordinary lambda
lists (&optional, &rest, &key with supplied-p and &allow-other-keys) and
special parameters bound for the extent of the call."""

from __future__ import annotations

from typing import Any

from clysm.frontend.forms import show
from clysm.frontend.host_frames import Code, Frame, NodeCompiler, Scope
from clysm.frontend.host_runtime import LispError, lisp_eq
from clysm.frontend.ir import Lambda, LexVar
from clysm.lisp.data import NIL, Symbol, T, list_from
from clysm.lisp.packages import keyword

_ALLOW_OTHER_KEYS = keyword("ALLOW-OTHER-KEYS")
Target = int | Symbol  # a frame slot, or a special variable


def arg_count_error(name: Any, nargs: int, expected: str) -> LispError:
    who = show(name) if name is not None else "an anonymous function"
    return LispError(
        f"invalid number of arguments to {who}: got {nargs}, expected {expected}",
        "PROGRAM-ERROR",
    )


def _expected(node: Lambda) -> str:
    low = len(node.required)
    if node.rest is not None or node.key_p:
        return f"at least {low}"
    high = low + len(node.optional)
    return str(low) if high == low else f"{low} to {high}"


def compile_lambda(ev: NodeCompiler, node: Lambda, scope: Scope) -> Code:
    """Code that, run in a frame, makes the closure (a Python callable)."""
    inner = Scope(scope)

    def target(var: LexVar | Symbol) -> Target:
        return inner.add(var) if isinstance(var, LexVar) else var

    required = [target(v) for v in node.required]
    optional = []
    for opt in node.optional:
        var = target(opt.var)
        supplied = target(opt.supplied) if opt.supplied is not None else None
        optional.append((var, ev.compile(opt.default, inner, False), supplied))
    rest = target(node.rest) if node.rest is not None else None
    keys = []
    for key in node.keys:
        var = target(key.var)
        supplied = target(key.supplied) if key.supplied is not None else None
        keys.append((key.keyword, var, ev.compile(key.default, inner, False), supplied))
    body = ev.compile(node.body, inner, True)
    name = node.name
    size = inner.size
    if node.is_simple and all(isinstance(t, int) for t in required):
        return _simple(name, len(required), size, body)

    image = ev.image
    expected = _expected(node)
    nreq, nopt = len(required), len(optional)
    key_p, allow_other = node.key_p, node.allow_other_keys

    def make(env: Frame) -> Any:
        def fn(*args: Any) -> Any:
            nargs = len(args)
            if nargs < nreq or (rest is None and not key_p and nargs > nreq + nopt):
                raise arg_count_error(name, nargs, expected)
            f: Frame = [env] + [None] * (size - 1)
            saved: list[tuple[Symbol, Any]] = []

            def bind(t: Target, value: Any) -> None:
                if isinstance(t, int):
                    f[t] = value
                else:
                    saved.append((t, image.bind(t, value)))

            try:
                for i in range(nreq):
                    bind(required[i], args[i])
                i = nreq
                for var, default, supplied in optional:
                    if i < nargs:
                        bind(var, args[i])
                        i += 1
                        if supplied is not None:
                            bind(supplied, T)
                    else:
                        bind(var, default(f))
                        if supplied is not None:
                            bind(supplied, NIL)
                more = args[i:]
                if rest is not None:
                    bind(rest, list_from(more))
                if key_p:
                    _bind_keys(name, more, keys, allow_other, f, bind)
                return body(f)
            finally:
                for sym, old in reversed(saved):
                    image.unbind(sym, old)

        fn.lisp_name = name  # type: ignore[attr-defined]
        return fn

    return make


def _bind_keys(
    name: Any,
    more: tuple[Any, ...],
    keys: list[tuple[Symbol, Target, Code, Target | None]],
    allow_other: bool,
    f: Frame,
    bind: Any,
) -> None:
    if len(more) % 2:
        raise LispError(
            f"odd number of &KEY arguments to {show(name) if name else 'a function'}",
            "PROGRAM-ERROR",
        )
    pairs = [(more[j], more[j + 1]) for j in range(0, len(more), 2)]
    if not allow_other and pairs:
        allowed = next((v for k, v in pairs if k is _ALLOW_OTHER_KEYS), NIL)
        if allowed is NIL:
            known = [kw for kw, _, _, _ in keys] + [_ALLOW_OTHER_KEYS]
            for k, _ in pairs:
                if not any(k is kw for kw in known):
                    raise LispError(
                        f"unknown &KEY argument {show(k)} to "
                        f"{show(name) if name else 'a function'}",
                        "PROGRAM-ERROR",
                    )
    for kw, var, default, supplied in keys:
        for k, v in pairs:
            if lisp_eq(k, kw):
                bind(var, v)
                if supplied is not None:
                    bind(supplied, T)
                break
        else:
            bind(var, default(f))
            if supplied is not None:
                bind(supplied, NIL)


def _simple(name: Any, n: int, size: int, body: Code) -> Code:
    """Only lexical required parameters: the fast path."""
    pad = [None] * (size - 1 - n)
    expected = str(n)

    def make(env: Frame) -> Any:
        if n == 1 and not pad:

            def fn1(*args: Any) -> Any:
                if len(args) != 1:
                    raise arg_count_error(name, len(args), expected)
                return body([env, args[0]])

            fn1.lisp_name = name  # type: ignore[attr-defined]
            return fn1

        def fn(*args: Any) -> Any:
            if len(args) != n:
                raise arg_count_error(name, len(args), expected)
            return body([env, *args, *pad])

        fn.lisp_name = name  # type: ignore[attr-defined]
        return fn

    return make
