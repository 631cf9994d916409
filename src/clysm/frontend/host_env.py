"""The host image: the global Lisp environment at compile time.

Everything global lives in dicts keyed by Symbol here (never on Symbol
objects), so a fresh image can be made at will: function cells, setf
functions, macro functions, symbol values, proclamations and plists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clysm.frontend.host_runtime import UNBOUND, LispError
from clysm.frontend.names import PACKAGE_VAR
from clysm.lisp.data import NIL, Symbol, T
from clysm.lisp.packages import PackageRegistry, standard_packages

if TYPE_CHECKING:
    from clysm.frontend.env import LexEnv
    from clysm.frontend.host_eval import HostEvaluator

HostFunction = Callable[..., Any]


class HostEnv:
    def __init__(self, packages: PackageRegistry | None = None) -> None:
        self.packages = packages or standard_packages()
        self.functions: dict[Symbol, HostFunction] = {}
        self.setf_functions: dict[Symbol, HostFunction] = {}
        self.macros: dict[Symbol, HostFunction] = {}
        self.symbol_macros: dict[Symbol, Any] = {}
        self.compiler_macros: dict[Symbol, HostFunction] = {}
        self.notinline: set[Symbol] = set()
        self.values: dict[Symbol, Any] = {PACKAGE_VAR: self.packages.cl_user}
        self.specials: set[Symbol] = {PACKAGE_VAR}
        self.constants: set[Symbol] = set()
        self.plists: dict[Symbol, Any] = {}
        # Active catch frames, innermost last: (tag, frame identity).
        self.catchers: list[tuple[Any, object]] = []
        self._evaluator: HostEvaluator | None = None

    @classmethod
    def standard(cls, packages: PackageRegistry | None = None) -> HostEnv:
        """A fresh image with the host kernel installed."""
        from clysm.frontend.host_kernel import install_kernel

        image = cls(packages)
        install_kernel(image)
        return image

    # -- proclamations -----------------------------------------------------

    def is_special(self, sym: Symbol) -> bool:
        return sym in self.specials

    def is_constant(self, sym: Symbol) -> bool:
        return sym is NIL or sym is T or sym.is_keyword or sym in self.constants

    # -- values ------------------------------------------------------------

    def symbol_value(self, sym: Symbol) -> Any:
        if sym is NIL or sym is T or sym.is_keyword:
            return sym
        value = self.values.get(sym, UNBOUND)
        if value is UNBOUND:
            raise LispError(f"The variable {sym.name} is unbound", "UNBOUND-VARIABLE")
        return value

    def bind(self, sym: Symbol, value: Any) -> Any:
        """Dynamically bind `sym`; returns what `unbind` needs to restore it."""
        old = self.values.get(sym, UNBOUND)
        self.values[sym] = value
        return old

    def unbind(self, sym: Symbol, old: Any) -> None:
        if old is UNBOUND:
            self.values.pop(sym, None)
        else:
            self.values[sym] = old

    # -- functions ---------------------------------------------------------

    def fdefinition(self, name: Any) -> HostFunction:
        """The global function named `name` (a symbol or (SETF symbol))."""
        from clysm.frontend.forms import is_function_name, show

        if isinstance(name, Symbol):
            fn = self.functions.get(name)
        elif is_function_name(name):
            fn = self.setf_functions.get(name.cdr.car)
        else:
            raise LispError(f"{show(name)} is not a function name", "TYPE-ERROR")
        if fn is None:
            raise LispError(f"The function {show(name)} is undefined", "UNDEFINED-FUNCTION")
        return fn

    # -- evaluation --------------------------------------------------------

    @property
    def evaluator(self) -> HostEvaluator:
        if self._evaluator is None:
            from clysm.frontend.host_eval import HostEvaluator

            self._evaluator = HostEvaluator(self)
        return self._evaluator

    def null_env(self) -> LexEnv:
        from clysm.frontend.env import LexEnv

        return LexEnv(self)

    def eval(self, form: Any, env: LexEnv | None = None) -> Any:
        """Evaluate `form` at compile time; returns its value(s) (see host_runtime)."""
        return self.evaluator.eval_form(form, env or self.null_env())
