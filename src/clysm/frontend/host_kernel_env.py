"""Kernel primitives on the image: calling, errors, global definitions,
symbol values and plists, symbols and packages, macro expansion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.frontend.env import LexEnv
from clysm.frontend.forms import is_function_name, show
from clysm.frontend.host_calls import coerce_function
from clysm.frontend.host_format import format_message, princ_text
from clysm.frontend.host_kernel import kernel
from clysm.frontend.host_kernel_data import _proper, b, string_designator
from clysm.frontend.host_runtime import UNBOUND, LispError, MultipleValues, make_values, type_error
from clysm.frontend.macroexpand import macroexpand, macroexpand_1
from clysm.frontend.names import (
    INLINE,
    INTERNAL_OPERATORS,
    NOTINLINE,
    QUOTE,
    SPECIAL,
    SPECIAL_OPERATORS,
)
from clysm.lisp.data import NIL, Cons, LispString, Symbol
from clysm.lisp.packages import cl_symbol, keyword

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv

_GENSYM_COUNTER = cl_symbol("*GENSYM-COUNTER*")


def init_image(image: HostEnv) -> None:
    image.values[_GENSYM_COUNTER] = 1
    image.specials.add(_GENSYM_COUNTER)


def _symbol(x: Any) -> Symbol:
    if not isinstance(x, Symbol):
        raise type_error(x, "SYMBOL")
    return x


def _env(image: HostEnv, env: Any) -> LexEnv:
    if env is NIL:
        return image.null_env()
    if not isinstance(env, LexEnv):
        raise type_error(env, "ENVIRONMENT")
    return env


# -- calling -----------------------------------------------------------------


@kernel("FUNCALL", image=True)
def funcall(image: HostEnv, fn: Any, *args: Any) -> Any:
    return coerce_function(image, fn)(*args)


@kernel("APPLY", image=True)
def apply(image: HostEnv, fn: Any, *args: Any) -> Any:
    if not args:
        raise LispError("APPLY needs a list of arguments", "PROGRAM-ERROR")
    return coerce_function(image, fn)(*args[:-1], *_proper(args[-1]))


@kernel("VALUES")
def values(*args: Any) -> Any:
    return make_values(list(args))


@kernel("ERROR")
def error(datum: Any, *args: Any) -> Any:
    if isinstance(datum, LispString):
        raise LispError(format_message(datum.text, list(args)))
    if isinstance(datum, Symbol):  # a condition type and its initargs
        initargs = dict(zip(args[::2], args[1::2], strict=False))
        control = initargs.get(keyword("FORMAT-CONTROL"))
        if isinstance(control, LispString):
            arguments = _proper(initargs.get(keyword("FORMAT-ARGUMENTS"), NIL))
            raise LispError(format_message(control.text, arguments), datum.name)
        details = " ".join(princ_text(a) if isinstance(a, LispString) else show(a) for a in args)
        raise LispError(f"{datum.name}{': ' + details if details else ''}", datum.name)
    raise LispError(show(datum))


# -- global function and macro definitions -------------------------------------


@kernel("FDEFINITION", image=True)
def fdefinition(image: HostEnv, name: Any) -> Any:
    return image.fdefinition(name)


@kernel("SYMBOL-FUNCTION", image=True)
def symbol_function(image: HostEnv, name: Any) -> Any:
    return image.fdefinition(_symbol(name))


@kernel("FBOUNDP", image=True)
def fboundp(image: HostEnv, name: Any) -> Symbol:
    if isinstance(name, Symbol):
        return b(name in image.functions or name in image.macros or name in SPECIAL_OPERATORS)
    if is_function_name(name):
        return b(name.cdr.car in image.setf_functions)
    raise type_error(name, "(OR SYMBOL (CONS (EQL SETF)))")


@kernel("%FSET", package="CLYSM", image=True)
def fset(image: HostEnv, name: Any, fn: Any) -> Any:
    """Install `fn` as the global function `name`; a macro of that name goes."""
    if not callable(fn):
        raise type_error(fn, "FUNCTION")
    if isinstance(name, Symbol):
        image.macros.pop(name, None)
        image.functions[name] = fn
    elif is_function_name(name):
        image.setf_functions[name.cdr.car] = fn
    else:
        raise type_error(name, "(OR SYMBOL (CONS (EQL SETF)))")
    return fn


@kernel("%DEFUN", package="CLYSM", image=True)
def defun(image: HostEnv, name: Any, fn: Any) -> Any:
    """DEFUN at compile time.  A host kernel primitive keeps its Python
    definition: the library's Lisp definition of it is the run-time one."""
    if not getattr(image.functions.get(name), "is_kernel_primitive", False):
        fset(image, name, fn)
    return name


@kernel("%DEFMACRO", package="CLYSM", image=True)
def defmacro(image: HostEnv, name: Any, fn: Any) -> Any:
    set_macro_function(image, fn, name)
    return name


@kernel("MACRO-FUNCTION", image=True)
def macro_function(image: HostEnv, name: Any, env: Any = NIL) -> Any:
    from clysm.frontend.macroexpand import macro_function as lookup

    return lookup(_symbol(name), _env(image, env)) or NIL


@kernel("MACRO-FUNCTION", image=True, setf=True)
def set_macro_function(image: HostEnv, fn: Any, name: Any, env: Any = NIL) -> Any:
    if not callable(fn):
        raise type_error(fn, "FUNCTION")
    image.functions.pop(_symbol(name), None)
    image.macros[name] = fn
    return fn


@kernel("SPECIAL-OPERATOR-P")
def special_operator_p(name: Any) -> Symbol:
    return b(_symbol(name) in SPECIAL_OPERATORS or name in INTERNAL_OPERATORS)


@kernel("MACROEXPAND-1", image=True)
def macroexpand_1_(image: HostEnv, form: Any, env: Any = NIL) -> MultipleValues:
    expansion, expanded = macroexpand_1(form, _env(image, env))
    return MultipleValues([expansion, b(expanded)])


@kernel("MACROEXPAND", image=True)
def macroexpand_(image: HostEnv, form: Any, env: Any = NIL) -> MultipleValues:
    expansion, expanded = macroexpand(form, _env(image, env))
    return MultipleValues([expansion, b(expanded)])


# -- variables and proclamations -------------------------------------------


@kernel("CONSTANTP", image=True)
def constantp(image: HostEnv, form: Any, env: Any = NIL) -> Symbol:
    if isinstance(form, Symbol):
        return b(image.is_constant(form))
    if isinstance(form, Cons):
        return b(form.car is QUOTE)
    return b(True)


@kernel("BOUNDP", image=True)
def boundp(image: HostEnv, sym: Any) -> Symbol:
    return b(image.is_constant(_symbol(sym)) or image.values.get(sym, UNBOUND) is not UNBOUND)


@kernel("SYMBOL-VALUE", image=True)
def symbol_value(image: HostEnv, sym: Any) -> Any:
    return image.symbol_value(_symbol(sym))


@kernel("SET", image=True)
def set_(image: HostEnv, sym: Any, value: Any) -> Any:
    if image.is_constant(_symbol(sym)):
        raise LispError(f"cannot set the constant {show(sym)}")
    image.values[sym] = value
    return value


@kernel("PROCLAIM", image=True)
def proclaim(image: HostEnv, spec: Any) -> Any:
    items = _proper(spec)
    if items and items[0] is SPECIAL:
        for name in items[1:]:
            image.specials.add(_symbol(name))
    elif items and items[0] is NOTINLINE:
        image.notinline.update(n for n in items[1:] if isinstance(n, Symbol))
    elif items and items[0] is INLINE:
        image.notinline.difference_update(items[1:])
    return NIL  # other proclamations have no effect on the host


@kernel("%DEFINE-COMPILER-MACRO", package="CLYSM", image=True)
def define_compiler_macro(image: HostEnv, name: Any, fn: Any) -> Any:
    if not callable(fn):
        raise type_error(fn, "FUNCTION")
    image.compiler_macros[_symbol(name)] = fn
    return name


@kernel("COMPILER-MACRO-FUNCTION", image=True)
def compiler_macro_function(image: HostEnv, name: Any, env: Any = NIL) -> Any:
    return image.compiler_macros.get(name, NIL)


@kernel("%DEFINE-SYMBOL-MACRO", package="CLYSM", image=True)
def define_symbol_macro(image: HostEnv, name: Any, expansion: Any) -> Any:
    if image.is_constant(_symbol(name)) or image.is_special(name):
        raise LispError(f"cannot define {show(name)} as a symbol-macro: it is a variable")
    image.symbol_macros[name] = expansion
    return name


@kernel("EVAL", image=True)
def eval_(image: HostEnv, form: Any) -> Any:
    """EVAL at compile time is the host evaluator (the Tier 1 interpreter at run time)."""
    return image.eval(form)


@kernel("%DEFCONSTANT", package="CLYSM", image=True)
def defconstant(image: HostEnv, name: Any, value: Any) -> Any:
    image.values[_symbol(name)] = value
    image.constants.add(name)
    return name


@kernel("GET", image=True)
def get(image: HostEnv, sym: Any, indicator: Any, default: Any = NIL) -> Any:
    plist = image.plists.get(_symbol(sym), NIL)
    while isinstance(plist, Cons) and isinstance(plist.cdr, Cons):
        if plist.car is indicator:
            return plist.cdr.car
        plist = plist.cdr.cdr
    return default


@kernel("%PUT", package="CLYSM", image=True)
def put(image: HostEnv, sym: Any, indicator: Any, value: Any) -> Any:
    plist = image.plists.get(_symbol(sym), NIL)
    cell = plist
    while isinstance(cell, Cons) and isinstance(cell.cdr, Cons):
        if cell.car is indicator:
            cell.cdr.car = value
            return value
        cell = cell.cdr.cdr
    image.plists[sym] = Cons(indicator, Cons(value, plist))
    return value


# -- symbols and packages ------------------------------------------------------


@kernel("SYMBOL-NAME")
def symbol_name(sym: Any) -> LispString:
    return LispString(_symbol(sym).name)


@kernel("MAKE-SYMBOL")
def make_symbol(name: Any) -> Symbol:
    if not isinstance(name, LispString):
        raise type_error(name, "STRING")
    return Symbol(name.text)


@kernel("GENSYM", image=True)
def gensym(image: HostEnv, x: Any = NIL) -> Symbol:
    counter = image.symbol_value(_GENSYM_COUNTER)
    if type(x) is int:
        return Symbol(f"G{x}")
    prefix = "G" if x is NIL else string_designator(x)
    image.values[_GENSYM_COUNTER] = counter + 1
    return Symbol(f"{prefix}{counter}")
