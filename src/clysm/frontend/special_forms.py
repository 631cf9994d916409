"""Special forms that bind nothing lexically: quote, if, progn, setq,
function, the, locally, eval-when, load-time-value, the multiple-value forms,
progv, catch, throw and unwind-protect."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.frontend.declarations import parse_body
from clysm.frontend.env import LexEnv, LocalMacro, SymbolMacro
from clysm.frontend.forms import (
    block_name_of,
    form_list,
    function_key,
    is_function_name,
    pos_of,
    show,
)
from clysm.frontend.handlers import HANDLERS, special_form
from clysm.frontend.ir import (
    Catch,
    Const,
    FunVar,
    GlobalFunction,
    GlobalSet,
    If,
    LexSet,
    LexVar,
    LocalFunction,
    MultipleValueCall,
    MultipleValueProg1,
    Node,
    Progn,
    Progv,
    The,
    Throw,
    UnwindProtect,
)
from clysm.frontend.ir import LoadTimeValue as LoadTimeValueNode
from clysm.frontend.lambdas import convert_lambda, lambda_parts
from clysm.frontend.names import (
    CATCH,
    COMPILE,
    EVAL,
    EVAL_WHEN,
    FUNCTION,
    IF,
    LAMBDA,
    LOAD,
    LOAD_TIME_VALUE,
    LOCALLY,
    MULTIPLE_VALUE_CALL,
    MULTIPLE_VALUE_PROG1,
    NAMED_LAMBDA,
    PROGN,
    PROGV,
    QUOTE,
    SETF,
    SETQ,
    THE,
    THROW,
    UNWIND_PROTECT,
)
from clysm.lisp.data import NIL, Cons, Symbol, T, lisp_list
from clysm.lisp.packages import keyword

if TYPE_CHECKING:
    from clysm.frontend.convert import Converter


@special_form(QUOTE)
def convert_quote(conv: Converter, form: Cons, env: LexEnv) -> Node:
    (obj,) = conv.args(form, 1, 1, "(QUOTE OBJECT)")
    return Const(obj, pos=conv.pos)


@special_form(IF)
def convert_if(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 2, 3, "(IF TEST THEN [ELSE])")
    else_ = conv.convert(args[2], env) if len(args) == 3 else Const(NIL, pos=conv.pos)
    return If(conv.convert(args[0], env), conv.convert(args[1], env), else_, pos=conv.pos)


@special_form(PROGN)
def convert_progn(conv: Converter, form: Cons, env: LexEnv) -> Node:
    return conv.convert_body(conv.args(form, 0, None, "(PROGN FORM*)"), env)


@special_form(SETQ)
def convert_setq(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 0, None, "(SETQ {VAR FORM}*)")
    if len(args) % 2:
        raise conv.error(
            f"odd number of arguments to SETQ in {show(form)}; expected (SETQ {{VAR FORM}}*)"
        )
    nodes = [_assign(conv, args[i], args[i + 1], env) for i in range(0, len(args), 2)]
    if not nodes:
        return Const(NIL, pos=conv.pos)
    return nodes[0] if len(nodes) == 1 else Progn(nodes, pos=conv.pos)


def _assign(conv: Converter, var: Any, value: Any, env: LexEnv) -> Node:
    if not isinstance(var, Symbol):
        raise conv.error(f"SETQ: {show(var)} is not a symbol; expected a variable name")
    if conv.image.is_constant(var):
        raise conv.error(f"SETQ: {show(var)} names a constant and cannot be assigned")
    entry = env.lookup_var(var)
    if entry is None and var in conv.image.symbol_macros:
        entry = SymbolMacro(conv.image.symbol_macros[var])
    if isinstance(entry, SymbolMacro):
        # CLHS SETQ: assigning a symbol-macro is SETF of its expansion.
        return conv.convert(lisp_list(SETF, entry.expansion, value), env)
    if isinstance(entry, LexVar):
        return LexSet(entry, conv.convert(value, env), pos=conv.pos)
    return GlobalSet(var, conv.convert(value, env), pos=conv.pos)


@special_form(FUNCTION)
def convert_function(conv: Converter, form: Cons, env: LexEnv) -> Node:
    (name,) = conv.args(form, 1, 1, "(FUNCTION NAME) or (FUNCTION (LAMBDA ...))")
    if isinstance(name, Cons) and name.car is LAMBDA:
        with conv.at(name):
            ll, body = lambda_parts(conv, name.cdr, "lambda expression")
            return convert_lambda(conv, ll, body, env, source=name)
    if isinstance(name, Cons) and name.car is NAMED_LAMBDA:
        with conv.at(name):
            rest = name.cdr
            if not isinstance(rest, Cons) or not is_function_name(rest.car):
                raise conv.error(
                    f"malformed {show(name)}; expected (NAMED-LAMBDA NAME LAMBDA-LIST . BODY)"
                )
            ll, body = lambda_parts(conv, rest.cdr, "NAMED-LAMBDA")
            fname = rest.car
            block = block_name_of(fname)
            return convert_lambda(conv, ll, body, env, name=fname, block_name=block, source=name)
    if not is_function_name(name):
        raise conv.error(
            f"FUNCTION: {show(name)} is not a function name or lambda expression", name
        )
    local = env.lookup_fun(function_key(name))
    if isinstance(local, FunVar):
        return LocalFunction(local, pos=conv.pos)
    if isinstance(local, LocalMacro):
        raise conv.error(f"FUNCTION: {show(name)} names a local macro, not a function")
    if isinstance(name, Symbol):
        if name in HANDLERS:
            raise conv.error(f"FUNCTION: {show(name)} names a special operator, not a function")
        if name in conv.image.macros:
            raise conv.error(f"FUNCTION: {show(name)} names a macro, not a function")
        return GlobalFunction(name, pos=conv.pos)
    return GlobalFunction(lisp_list(SETF, name.cdr.car), pos=conv.pos)


@special_form(THE)
def convert_the(conv: Converter, form: Cons, env: LexEnv) -> Node:
    type_spec, value = conv.args(form, 2, 2, "(THE TYPE FORM)")
    return The(type_spec, conv.convert(value, env), pos=conv.pos)


@special_form(LOCALLY)
def convert_locally(conv: Converter, form: Cons, env: LexEnv) -> Node:
    body = parse_body(conv.args(form, 0, None, "(LOCALLY DECLARATION* FORM*)"), conv.pos)
    inner = env.child()
    conv.add_free_specials(inner, body.decls, set())
    return conv.convert_body(body.forms, inner)


_SITUATIONS = {
    keyword("COMPILE-TOPLEVEL"): "compile",
    keyword("LOAD-TOPLEVEL"): "load",
    keyword("EXECUTE"): "execute",
    COMPILE: "compile",
    LOAD: "load",
    EVAL: "execute",
}


def eval_when_situations(conv: Converter, form: Cons) -> tuple[set[str], list[Any]]:
    """The situations of an eval-when form (as "compile"/"load"/"execute") and its body."""
    args = conv.args(form, 1, None, "(EVAL-WHEN (SITUATION*) FORM*)")
    situations: set[str] = set()
    for s in form_list(args[0], "EVAL-WHEN situation list", pos_of(form) or conv.pos):
        if s not in _SITUATIONS:
            raise conv.error(
                f"EVAL-WHEN: unknown situation {show(s)}; expected :COMPILE-TOPLEVEL, "
                ":LOAD-TOPLEVEL or :EXECUTE"
            )
        situations.add(_SITUATIONS[s])
    return situations, args[1:]


@special_form(EVAL_WHEN)
def convert_eval_when(conv: Converter, form: Cons, env: LexEnv) -> Node:
    # Not at top level: only :execute matters (top level is in toplevel.py).
    situations, body = eval_when_situations(conv, form)
    if "execute" in situations:
        return conv.convert_body(body, env)
    return Const(NIL, pos=conv.pos)


@special_form(LOAD_TIME_VALUE)
def convert_load_time_value(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 1, 2, "(LOAD-TIME-VALUE FORM [READ-ONLY-P])")
    read_only = args[1] if len(args) > 1 else NIL
    if read_only is not T and read_only is not NIL:
        raise conv.error(f"LOAD-TIME-VALUE: READ-ONLY-P must be T or NIL, not {show(read_only)}")
    # The form is evaluated in the null lexical environment.
    node = conv.convert(args[0], LexEnv(conv.image))
    return LoadTimeValueNode(node, read_only is T, pos=conv.pos)


@special_form(MULTIPLE_VALUE_CALL)
def convert_multiple_value_call(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 1, None, "(MULTIPLE-VALUE-CALL FUNCTION FORM*)")
    nodes = [conv.convert(a, env) for a in args]
    return MultipleValueCall(nodes[0], nodes[1:], pos=conv.pos)


@special_form(MULTIPLE_VALUE_PROG1)
def convert_multiple_value_prog1(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 1, None, "(MULTIPLE-VALUE-PROG1 FIRST-FORM FORM*)")
    nodes = [conv.convert(a, env) for a in args]
    return MultipleValueProg1(nodes[0], nodes[1:], pos=conv.pos)


@special_form(PROGV)
def convert_progv(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 2, None, "(PROGV SYMBOLS VALUES FORM*)")
    symbols = conv.convert(args[0], env)
    values = conv.convert(args[1], env)
    return Progv(symbols, values, conv.convert_body(args[2:], env), pos=conv.pos)


@special_form(CATCH)
def convert_catch(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 1, None, "(CATCH TAG FORM*)")
    tag = conv.convert(args[0], env)
    return Catch(tag, conv.convert_body(args[1:], env), pos=conv.pos)


@special_form(THROW)
def convert_throw(conv: Converter, form: Cons, env: LexEnv) -> Node:
    tag, value = conv.args(form, 2, 2, "(THROW TAG RESULT-FORM)")
    return Throw(conv.convert(tag, env), conv.convert(value, env), pos=conv.pos)


@special_form(UNWIND_PROTECT)
def convert_unwind_protect(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 1, None, "(UNWIND-PROTECT PROTECTED-FORM CLEANUP-FORM*)")
    protected = conv.convert(args[0], env)
    return UnwindProtect(protected, conv.convert_body(args[1:], env), pos=conv.pos)
