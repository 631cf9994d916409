"""Binding forms: let, let*, flet, labels, macrolet, symbol-macrolet and the
internal %multiple-value-bind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.frontend.declarations import Body, parse_body
from clysm.frontend.env import LexEnv, LocalMacro, SymbolMacro
from clysm.frontend.forms import (
    block_name_of,
    form_list,
    function_key,
    is_function_name,
    pos_of,
    show,
)
from clysm.frontend.handlers import special_form
from clysm.frontend.ir import (
    Binding,
    FunVar,
    Let,
    LexVar,
    LocalFunctions,
    MultipleValueBind,
    Node,
)
from clysm.frontend.lambdas import convert_lambda
from clysm.frontend.names import (
    FLET,
    LABELS,
    LET,
    LET_STAR,
    MACRO_LAMBDA_OP,
    MACROLET,
    MULTIPLE_VALUE_BIND_OP,
    SYMBOL_MACROLET,
)
from clysm.lisp.data import NIL, Cons, Symbol

if TYPE_CHECKING:
    from clysm.frontend.convert import Converter


def _binding_specs(conv: Converter, form: Cons, what: str) -> tuple[list[tuple[Any, Any]], Body]:
    """The (name init-form) pairs of a let or let*, and its body."""
    args = conv.args(form, 1, None, f"({what} ({{VAR | (VAR [INIT-FORM])}}*) FORM*)")
    specs: list[tuple[Any, Any]] = []
    for b in form_list(args[0], f"{what} binding list", pos_of(form) or conv.pos):
        if isinstance(b, Cons):
            parts = form_list(b, f"{what} binding", pos_of(b) or conv.pos)
            if len(parts) > 2:
                raise conv.error(
                    f"malformed {what} binding {show(b)}; expected VAR or (VAR [INIT-FORM])", b
                )
            specs.append((parts[0], parts[1] if len(parts) == 2 else NIL))
        else:
            specs.append((b, NIL))
    return specs, parse_body(args[1:], conv.pos)


@special_form(LET)
def convert_let(conv: Converter, form: Cons, env: LexEnv) -> Node:
    specs, body = _binding_specs(conv, form, "LET")
    inner = env.child()
    bindings: list[Binding] = []
    for name, init in specs:
        target = conv.binding_target(name, body.decls, "LET")
        if name in inner.vars:
            raise conv.error(f"LET: the variable {show(name)} is bound more than once")
        bindings.append(Binding(target, conv.convert(init, env)))
        conv.declare_in(inner, name, target)
    conv.add_free_specials(inner, body.decls, {n for n, _ in specs})
    return Let(bindings, conv.convert_body(body.forms, inner), pos=conv.pos)


@special_form(LET_STAR)
def convert_let_star(conv: Converter, form: Cons, env: LexEnv) -> Node:
    specs, body = _binding_specs(conv, form, "LET*")
    scope = env
    lets: list[Let] = []
    for name, init in specs:
        target = conv.binding_target(name, body.decls, "LET*")
        value = conv.convert(init, scope)
        scope = scope.child()
        conv.declare_in(scope, name, target)
        lets.append(Let([Binding(target, value)], value, pos=conv.pos))
    inner = scope.child()
    conv.add_free_specials(inner, body.decls, {n for n, _ in specs})
    node: Node = conv.convert_body(body.forms, inner)
    if not lets:
        return Let([], node, pos=conv.pos)
    for let in reversed(lets):
        let.body = node
        node = let
    return node


def _function_defs(conv: Converter, form: Cons, what: str) -> tuple[list[Cons], Body]:
    args = conv.args(form, 1, None, f"({what} ((NAME LAMBDA-LIST . BODY)*) FORM*)")
    defs = form_list(args[0], f"{what} definition list", pos_of(form) or conv.pos)
    seen: set[Any] = set()
    for d in defs:
        if not (isinstance(d, Cons) and isinstance(d.cdr, Cons)):
            raise conv.error(
                f"malformed {what} definition {show(d)}; expected (NAME LAMBDA-LIST . BODY)", d
            )
        if not is_function_name(d.car) or (what == "MACROLET" and not isinstance(d.car, Symbol)):
            raise conv.error(f"{what}: {show(d.car)} is not a valid function name", d)
        key = function_key(d.car)
        if key in seen:
            raise conv.error(f"{what}: {show(d.car)} is defined more than once", d)
        seen.add(key)
    return defs, parse_body(args[1:], conv.pos)


def _local_lambda(conv: Converter, d: Cons, env: LexEnv) -> Any:
    with conv.at(d):
        body = form_list(d.cdr.cdr, "function body", pos_of(d) or conv.pos)
        return convert_lambda(
            conv, d.cdr.car, body, env, name=d.car, block_name=block_name_of(d.car), source=d
        )


@special_form(FLET, LABELS)
def convert_flet(conv: Converter, form: Cons, env: LexEnv) -> Node:
    recursive = form.car is LABELS
    defs, body = _function_defs(conv, form, "LABELS" if recursive else "FLET")
    inner = env.child()
    funs = [FunVar(d.car) for d in defs]
    for d, fv in zip(defs, funs, strict=True):
        inner.funs[function_key(d.car)] = fv
    # labels functions see each other; flet functions see only the outside.
    for d, fv in zip(defs, funs, strict=True):
        fv.lam = _local_lambda(conv, d, inner if recursive else env)
    body_env = inner.child()
    conv.add_free_specials(body_env, body.decls, set())
    return LocalFunctions(funs, conv.convert_body(body.forms, body_env), recursive, pos=conv.pos)


@special_form(MACROLET)
def convert_macrolet(conv: Converter, form: Cons, env: LexEnv) -> Node:
    inner, body = macrolet_env(conv, form, env)
    return conv.convert_body(body.forms, inner)


def macrolet_env(conv: Converter, form: Cons, env: LexEnv) -> tuple[LexEnv, Body]:
    """The environment a macrolet's body is converted in (also used at top level)."""
    defs, body = _function_defs(conv, form, "MACROLET")
    definition_env = env.macros_only()
    inner = env.child()
    for d in defs:
        with conv.at(d):
            expander_form = Cons(MACRO_LAMBDA_OP, d, pos_of(d))
            lam = conv.convert(expander_form, definition_env)
            inner.funs[d.car] = LocalMacro(d.car, conv.function_from_lambda(lam))
    conv.add_free_specials(inner, body.decls, set())
    return inner, body


@special_form(SYMBOL_MACROLET)
def convert_symbol_macrolet(conv: Converter, form: Cons, env: LexEnv) -> Node:
    inner, body = symbol_macrolet_env(conv, form, env)
    return conv.convert_body(body.forms, inner)


def symbol_macrolet_env(conv: Converter, form: Cons, env: LexEnv) -> tuple[LexEnv, Body]:
    args = conv.args(form, 1, None, "(SYMBOL-MACROLET ((SYMBOL EXPANSION)*) FORM*)")
    body = parse_body(args[1:], conv.pos)
    inner = env.child()
    for d in form_list(args[0], "SYMBOL-MACROLET definition list", pos_of(form) or conv.pos):
        parts = form_list(d, "SYMBOL-MACROLET definition", pos_of(d) or conv.pos)
        if len(parts) != 2 or not isinstance(parts[0], Symbol):
            raise conv.error(
                f"malformed SYMBOL-MACROLET definition {show(d)}; expected (SYMBOL EXPANSION)", d
            )
        name = parts[0]
        if conv.image.is_constant(name) or conv.image.is_special(name):
            raise conv.error(
                f"SYMBOL-MACROLET: {show(name)} names a constant or special variable", d
            )
        if name in body.decls.specials:
            raise conv.error(f"SYMBOL-MACROLET: {show(name)} is declared special", d)
        inner.vars[name] = SymbolMacro(parts[1])
    conv.add_free_specials(inner, body.decls, set())
    return inner, body


@special_form(MULTIPLE_VALUE_BIND_OP)
def convert_multiple_value_bind(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 2, None, "(%MULTIPLE-VALUE-BIND (VAR*) VALUES-FORM FORM*)")
    names = form_list(args[0], "MULTIPLE-VALUE-BIND variable list", pos_of(form) or conv.pos)
    body = parse_body(args[2:], conv.pos)
    values_form = conv.convert(args[1], env)
    inner = env.child()
    targets: list[LexVar | Symbol] = []
    for name in names:
        target = conv.binding_target(name, body.decls, "MULTIPLE-VALUE-BIND")
        if name in inner.vars:
            raise conv.error(
                f"MULTIPLE-VALUE-BIND: the variable {show(name)} is bound more than once"
            )
        conv.declare_in(inner, name, target)
        targets.append(target)
    conv.add_free_specials(inner, body.decls, set(names))
    return MultipleValueBind(
        targets, values_form, conv.convert_body(body.forms, inner), pos=conv.pos
    )
