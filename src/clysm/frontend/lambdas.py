"""Lambda expressions: ordinary lambda lists and function bodies to `Lambda`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.frontend.declarations import Declarations, parse_body
from clysm.frontend.env import LexEnv
from clysm.frontend.forms import form_list, pos_of, show
from clysm.frontend.ir import (
    Binding,
    Block,
    BlockInfo,
    Funcall,
    KeyParam,
    Lambda,
    Let,
    LexVar,
    Node,
    OptionalParam,
)
from clysm.frontend.lambda_list import LambdaList, parse_lambda_list
from clysm.frontend.names import LAMBDA_LIST_KEYWORDS, LET
from clysm.lisp.data import Cons, Symbol, is_proper_list, iter_list, lisp_list, list_from

if TYPE_CHECKING:
    from clysm.frontend.convert import Converter


def convert_lambda(
    conv: Converter,
    lambda_list: Any,
    body_forms: list[Any],
    env: LexEnv,
    *,
    name: Any = None,
    block_name: Symbol | None = None,
    source: Any = None,
) -> Lambda:
    """Convert (lambda LAMBDA-LIST . BODY); with `block_name`, the body is
    wrapped in an implicit block (flet, labels, named-lambda, macros)."""
    ll = parse_lambda_list(lambda_list, "ordinary", conv.pos, conv.image.is_constant)
    body = parse_body(body_forms, conv.pos, allow_doc=True)
    decls = body.decls
    scope = env.child()
    bound: set[Symbol] = set()

    def bind(var: Symbol) -> LexVar | Symbol:
        target = conv.binding_target(var, decls, "lambda list", lambda_list)
        conv.declare_in(scope, var, target)
        bound.add(var)
        return target

    lam = Lambda(name, [], pos=conv.pos, source=source)
    lam.required = [bind(v) for v in ll.required]
    for opt in ll.optional:
        # Each default sees the parameters to its left, so convert before binding.
        default = conv.convert(opt.init, scope)
        var = bind(opt.var)
        supplied = bind(opt.supplied) if opt.supplied is not None else None
        lam.optional.append(OptionalParam(var, default, supplied))
    if ll.rest is not None:
        lam.rest = bind(ll.rest)
    lam.key_p = ll.key_p
    lam.allow_other_keys = ll.allow_other_keys
    for key in ll.keys:
        default = conv.convert(key.init, scope)
        var = bind(key.var)
        supplied = bind(key.supplied) if key.supplied is not None else None
        lam.keys.append(KeyParam(key.keyword, var, default, supplied))
    lam.body = _aux_and_body(conv, ll, decls, body.forms, scope, bound, block_name)
    return lam


def _aux_and_body(
    conv: Converter,
    ll: LambdaList,
    decls: Declarations,
    forms: list[Any],
    scope: LexEnv,
    bound: set[Symbol],
    block_name: Symbol | None,
) -> Node:
    """&aux variables become nested Lets (a let*) around the body."""
    lets: list[Let] = []
    for aux in ll.aux:
        init = conv.convert(aux.init, scope)
        scope = scope.child()
        target = conv.binding_target(aux.var, decls, "&AUX")
        conv.declare_in(scope, aux.var, target)
        bound.add(aux.var)
        lets.append(Let([Binding(target, init)], init, pos=conv.pos))
    body_env = scope.child()
    conv.add_free_specials(body_env, decls, bound)
    if block_name is not None:
        info = BlockInfo(block_name)
        body_env.blocks[block_name] = info
        node: Node = Block(info, conv.convert_body(forms, body_env), pos=conv.pos)
    else:
        node = conv.convert_body(forms, body_env)
    for let in reversed(lets):
        let.body = node
        node = let
    return node


def lambda_parts(conv: Converter, lambda_form: Cons, what: str) -> tuple[Any, list[Any]]:
    """(LAMBDA-LIST . BODY) of a (lambda ...) or (named-lambda name ...) tail."""
    if not isinstance(lambda_form, Cons):
        raise conv.error(f"malformed {what} {show(lambda_form)}; expected (LAMBDA-LIST . BODY)")
    body = form_list(lambda_form.cdr, what, pos_of(lambda_form) or conv.pos)
    return lambda_form.car, body


def convert_lambda_call(conv: Converter, head: Cons, form: Cons, env: LexEnv) -> Node:
    """((lambda (a b) ...) x y): a let when only required parameters match the
    arguments, otherwise a call of the lambda."""
    with conv.at(head):
        lambda_list, body = lambda_parts(conv, head.cdr, "lambda expression")
    args = form_list(form, "function call", pos_of(form) or conv.pos)[1:]
    if _let_like(conv, lambda_list, body, len(args)):
        pairs = zip(iter_list(lambda_list), args, strict=True)
        bindings = list_from(lisp_list(p, a) for p, a in pairs)
        return conv.convert(Cons(LET, Cons(bindings, list_from(body)), pos_of(form)), env)
    with conv.at(head):
        lam = convert_lambda(conv, lambda_list, body, env, source=head)
    return Funcall(lam, [conv.convert(a, env) for a in args], pos=conv.pos)


def _let_like(conv: Converter, lambda_list: Any, body: list[Any], nargs: int) -> bool:
    """Only plain required parameters, as many as arguments, and no docstring
    (which a let body would not allow before declarations).  Anything else,
    including mistakes, goes through the lambda path and its messages."""
    if not is_proper_list(lambda_list):
        return False
    params = list(iter_list(lambda_list))
    if len(params) != nargs or len(set(map(id, params))) != nargs:
        return False
    for p in params:
        if not isinstance(p, Symbol) or p in LAMBDA_LIST_KEYWORDS or conv.image.is_constant(p):
            return False
    return parse_body(body, conv.pos, allow_doc=True).doc is None
