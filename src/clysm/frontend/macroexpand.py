"""MACROEXPAND-1 and MACROEXPAND over a LexEnv (no *macroexpand-hook*)."""

from __future__ import annotations

from typing import Any

from clysm.frontend.env import LexEnv, LocalMacro, SymbolMacro
from clysm.frontend.host_env import HostFunction
from clysm.frontend.host_runtime import primary
from clysm.frontend.names import SPECIAL_OPERATORS
from clysm.lisp.data import Cons, Symbol


def macro_function(name: Symbol, env: LexEnv) -> HostFunction | None:
    """The expander of `name` in `env`: a local macro unless a local function
    shadows it, else the global macro."""
    local = env.lookup_fun(name)
    if isinstance(local, LocalMacro):
        return local.expander
    if local is not None:  # flet/labels shadows the global macro
        return None
    return env.image.macros.get(name)


def symbol_macro_expansion(name: Symbol, env: LexEnv) -> tuple[bool, Any]:
    entry = env.lookup_var(name)
    if isinstance(entry, SymbolMacro):
        return True, entry.expansion
    if entry is None and name in env.image.symbol_macros:
        return True, env.image.symbol_macros[name]
    return False, None


def macroexpand_1(form: Any, env: LexEnv) -> tuple[Any, bool]:
    if isinstance(form, Symbol):
        found, expansion = symbol_macro_expansion(form, env)
        return (expansion, True) if found else (form, False)
    if isinstance(form, Cons) and isinstance(form.car, Symbol):
        if form.car in SPECIAL_OPERATORS:
            return form, False
        expander = macro_function(form.car, env)
        if expander is not None:
            return primary(expander(form, env)), True
    return form, False


def macroexpand(form: Any, env: LexEnv) -> tuple[Any, bool]:
    expanded_any = False
    while True:
        form, expanded = macroexpand_1(form, env)
        if not expanded:
            return form, expanded_any
        expanded_any = True
