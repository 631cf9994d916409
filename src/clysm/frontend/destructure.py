"""Macro and destructuring lambda lists, lowered to plain Lisp.

Two internal special operators live here:

  (clysm::%destructuring-bind LAMBDA-LIST EXPRESSION . BODY)
  (clysm::%macro-lambda NAME MACRO-LAMBDA-LIST . BODY)

The second yields a macro function of (form env).  Both become a let* whose
init forms use only special forms, the %car/%cdr/%consp/%eq intrinsics and
ERROR, so the back end, the host evaluator and the Lisp library's DEFMACRO,
DESTRUCTURING-BIND and MACROLET share this single implementation.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from clysm.frontend.declarations import parse_body
from clysm.frontend.env import LexEnv
from clysm.frontend.forms import pos_of, show
from clysm.frontend.handlers import special_form
from clysm.frontend.ir import Node
from clysm.frontend.lambda_list import LambdaList, Pattern, parse_lambda_list
from clysm.frontend.names import (
    BLOCK,
    DECLARE,
    DESTRUCTURING_BIND_OP,
    ERROR,
    FUNCTION,
    GO,
    IF,
    IGNORABLE,
    LET,
    LET_STAR,
    MACRO_LAMBDA_OP,
    NAMED_LAMBDA,
    PROGN,
    QUOTE,
    RETURN_FROM,
    SETQ,
    TAGBODY,
)
from clysm.lisp.data import NIL, Cons, LispString, Symbol, T, lisp_list, list_from
from clysm.lisp.packages import clysm_symbol, keyword

if TYPE_CHECKING:
    from clysm.frontend.convert import Converter

_CAR = clysm_symbol("%CAR")
_CDR = clysm_symbol("%CDR")
_CONSP = clysm_symbol("%CONSP")
_EQ = clysm_symbol("%EQ")
_ALLOW_OTHER_KEYS = keyword("ALLOW-OTHER-KEYS")
_counter = itertools.count(1)


def _gensym(prefix: str) -> Symbol:
    return Symbol(f"{prefix}{next(_counter)}")


def _quote(x: Any) -> Any:
    return lisp_list(QUOTE, x)


class _Lowering:
    """Collects the let* bindings that destructure one lambda list."""

    def __init__(self) -> None:
        self.bindings: list[Any] = []
        self.ignorable: list[Symbol] = []

    def add(self, var: Symbol, init: Any) -> None:
        self.bindings.append(lisp_list(var, init))

    def temp(self, init: Any, prefix: str = "L") -> Symbol:
        var = _gensym(prefix)
        self.add(var, init)
        self.ignorable.append(var)
        return var

    @staticmethod
    def fail(problem: str, subject: Symbol, ll: LambdaList) -> Any:
        message = f"{problem} ~S to match lambda list ~S"
        return lisp_list(ERROR, LispString(message), subject, _quote(ll.source))

    def bind(self, pattern: Pattern, init: Any) -> None:
        if isinstance(pattern, LambdaList):
            self.destructure(pattern, self.temp(init))
        else:
            self.add(pattern, init)

    def destructure(self, ll: LambdaList, whole: Symbol) -> None:
        """Bind `ll`'s variables from the list held in variable `whole`."""
        if ll.whole is not None:
            self.bind(ll.whole, whole)
        cur = whole
        for req in ll.required:
            fetch = lisp_list(
                IF,
                lisp_list(_CONSP, cur),
                lisp_list(_CAR, cur),
                self.fail("too few elements in", whole, ll),
            )
            self.bind(req, fetch)
            cur = self.temp(lisp_list(_CDR, cur))
        for opt in ll.optional:
            present = lisp_list(_CONSP, cur)
            self.bind(opt.var, lisp_list(IF, present, lisp_list(_CAR, cur), opt.init))
            if opt.supplied is not None:
                self.add(opt.supplied, present)
            cur = self.temp(lisp_list(IF, present, lisp_list(_CDR, cur), cur))
        if ll.rest is not None:
            self.bind(ll.rest, cur)
        if ll.key_p:
            self.keys(ll, cur, whole)
        elif ll.rest is None:
            self.temp(
                lisp_list(IF, cur, self.fail("too many elements in", whole, ll), NIL), "CHECK"
            )
        for aux in ll.aux:
            self.add(aux.var, aux.init)

    def keys(self, ll: LambdaList, plist: Symbol, whole: Symbol) -> None:
        self.temp(
            _check_plist(plist, self.fail("odd-length or dotted keyword list in", whole, ll)),
            "CHECK",
        )
        if not ll.allow_other_keys:
            known = [k.keyword for k in ll.keys] + [_ALLOW_OTHER_KEYS]
            allowed = _getf(plist, _ALLOW_OTHER_KEYS, NIL)
            unknown = self.fail("unknown keyword in", whole, ll)
            self.temp(lisp_list(IF, allowed, NIL, _check_keys(plist, known, unknown)), "CHECK")
        missing = Symbol("MISSING")
        for key in ll.keys:
            found = self.temp(_getf(plist, key.keyword, _quote(missing)), "KEY")
            absent = lisp_list(_EQ, found, _quote(missing))
            self.bind(key.var, lisp_list(IF, absent, key.init, found))
            if key.supplied is not None:
                self.add(key.supplied, lisp_list(IF, absent, NIL, T))


def _loop(p: Symbol, start: Any, body: Any, after: Any, top: Symbol) -> Any:
    """(let ((p start)) (tagbody top (if (consp p) BODY AFTER)))"""
    cond = lisp_list(IF, lisp_list(_CONSP, p), body, after)
    return lisp_list(LET, lisp_list(lisp_list(p, start)), lisp_list(TAGBODY, top, cond))


def _advance2(p: Symbol) -> Any:
    return lisp_list(SETQ, p, lisp_list(_CDR, lisp_list(_CDR, p)))


def _check_plist(plist: Symbol, error: Any) -> Any:
    """Signal `error` unless `plist` is a proper list of even length."""
    p, top = _gensym("P"), _gensym("TOP")
    step = lisp_list(
        IF,
        lisp_list(_CONSP, lisp_list(_CDR, p)),
        lisp_list(PROGN, _advance2(p), lisp_list(GO, top)),
        error,
    )
    return _loop(p, plist, step, lisp_list(IF, p, error, NIL), top)


def _check_keys(plist: Symbol, known: list[Symbol], error: Any) -> Any:
    p, top = _gensym("P"), _gensym("TOP")
    key = lisp_list(_CAR, p)
    test: Any = NIL
    for k in reversed(known):
        test = lisp_list(IF, lisp_list(_EQ, key, _quote(k)), T, test)
    step = lisp_list(PROGN, lisp_list(IF, test, NIL, error), _advance2(p), lisp_list(GO, top))
    return _loop(p, plist, step, NIL, top)


def _getf(plist: Symbol, key: Symbol, default: Any) -> Any:
    """The value after the first `key` in the (checked) `plist`, else `default`."""
    p, top, block = _gensym("P"), _gensym("TOP"), _gensym("GETF")
    hit = lisp_list(RETURN_FROM, block, lisp_list(_CAR, lisp_list(_CDR, p)))
    step = lisp_list(
        PROGN,
        lisp_list(IF, lisp_list(_EQ, lisp_list(_CAR, p), _quote(key)), hit),
        _advance2(p),
        lisp_list(GO, top),
    )
    return lisp_list(BLOCK, block, _loop(p, plist, step, NIL, top), default)


def _let_star(lowering: _Lowering, body: list[Any]) -> Any:
    declare = lisp_list(DECLARE, list_from([IGNORABLE, *lowering.ignorable]))
    return Cons(LET_STAR, Cons(list_from(lowering.bindings), Cons(declare, list_from(body))))


@special_form(DESTRUCTURING_BIND_OP)
def convert_destructuring_bind(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 2, None, "(%DESTRUCTURING-BIND LAMBDA-LIST EXPRESSION . BODY)")
    ll = parse_lambda_list(args[0], "destructuring", conv.pos, conv.image.is_constant)
    lowering = _Lowering()
    lowering.destructure(ll, lowering.temp(args[1]))
    return conv.convert(_let_star(lowering, args[2:]), env)


@special_form(MACRO_LAMBDA_OP)
def convert_macro_lambda(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 2, None, "(%MACRO-LAMBDA NAME MACRO-LAMBDA-LIST . BODY)")
    name, ll_form = args[0], args[1]
    if not isinstance(name, Symbol):
        raise conv.error(f"%MACRO-LAMBDA: the macro name {show(name)} is not a symbol")
    ll = parse_lambda_list(ll_form, "macro", conv.pos, conv.image.is_constant)
    body = parse_body(args[2:], conv.pos, allow_doc=True)
    whole, environment = _gensym("WHOLE"), _gensym("ENV")
    lowering = _Lowering()
    if ll.whole is not None:
        lowering.bind(ll.whole, whole)
        ll.whole = None
    if ll.environment is not None:
        lowering.add(ll.environment, environment)
    lowering.destructure(ll, lowering.temp(lisp_list(_CDR, whole), "ARGS"))
    inner = _let_star(lowering, [*body.declare_forms, *body.forms])
    expander = lisp_list(
        NAMED_LAMBDA,
        name,
        lisp_list(whole, environment),
        lisp_list(DECLARE, lisp_list(IGNORABLE, environment)),
        inner,
    )
    return conv.convert(Cons(FUNCTION, Cons(expander, NIL), pos_of(form)), env)
