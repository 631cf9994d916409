"""Forms to IR: macro expansion plus conversion of special forms and calls.

`Converter.convert(form, env)` is the entry point; each special operator has
its own function in special_forms.py, control.py, binding.py or
destructure.py (registered in handlers.HANDLERS).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from clysm.errors import CompileError, SourcePos
from clysm.frontend.declarations import Declarations
from clysm.frontend.env import SPECIAL_DECL, LexEnv, LocalMacro, SymbolMacro
from clysm.frontend.forms import form_list, pos_of, show
from clysm.frontend.handlers import HANDLERS
from clysm.frontend.host_env import HostEnv, HostFunction
from clysm.frontend.host_runtime import LispError, primary
from clysm.frontend.intrinsics import intrinsic_for
from clysm.frontend.ir import (
    Apply,
    CallGlobal,
    CallLocal,
    Const,
    Funcall,
    FunVar,
    GlobalRef,
    LexRef,
    LexVar,
    Node,
    PrimCall,
    Progn,
    Values,
)
from clysm.frontend.names import APPLY, DECLARE, FUNCALL, LAMBDA, VALUES
from clysm.lisp.data import NIL, Char, Cons, Symbol, is_number

# Converting and evaluating nest Python calls as deep as the Lisp code nests.
RECURSION_LIMIT = 20000


def ensure_recursion_limit() -> None:
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)


class Converter:
    def __init__(self, image: HostEnv) -> None:
        self.image = image
        self._where: list[SourcePos] = []
        ensure_recursion_limit()

    # -- positions and errors ----------------------------------------------

    @property
    def pos(self) -> SourcePos | None:
        """The position of the innermost form being converted that has one."""
        return self._where[-1] if self._where else None

    def error(self, message: str, where: Any = None) -> CompileError:
        return CompileError(message, pos_of(where) or self.pos)

    @contextmanager
    def at(self, form: Any) -> Iterator[None]:
        """Make `form`'s position the current one while converting it."""
        pos = pos_of(form)
        if pos is None:
            yield
            return
        self._where.append(pos)
        try:
            yield
        finally:
            self._where.pop()

    def args(self, form: Cons, low: int, high: int | None, shape: str) -> list[Any]:
        """The arguments of special form `form`, checking their number."""
        args = form_list(form, lambda: f"{show(form.car)} form", pos_of(form) or self.pos)[1:]
        if len(args) < low or (high is not None and len(args) > high):
            raise self.error(f"malformed {show(form.car)} form {show(form)}; expected {shape}")
        return args

    # -- conversion --------------------------------------------------------

    def convert(self, form: Any, env: LexEnv) -> Node:
        if isinstance(form, Cons):
            if form.pos is None:
                return self._convert_cons(form, env)
            self._where.append(form.pos)
            try:
                return self._convert_cons(form, env)
            finally:
                self._where.pop()
        if isinstance(form, Symbol):
            return self.convert_variable(form, env)
        return Const(form, pos=self.pos)

    def convert_body(self, forms: list[Any], env: LexEnv) -> Node:
        """An implicit progn."""
        if not forms:
            return Const(NIL, pos=self.pos)
        if len(forms) == 1:
            return self.convert(forms[0], env)
        return Progn([self.convert(f, env) for f in forms], pos=self.pos)

    def convert_variable(self, sym: Symbol, env: LexEnv) -> Node:
        if self.image.is_constant(sym):
            if sym in self.image.constants:
                value = self.image.values.get(sym)
                # Inline only values whose identity cannot be observed.
                if is_number(value) or isinstance(value, Symbol | Char):
                    return Const(value, pos=self.pos)
                return GlobalRef(sym, pos=self.pos)
            return Const(sym, pos=self.pos)
        entry = env.lookup_var(sym)
        if isinstance(entry, LexVar):
            return LexRef(entry, pos=self.pos)
        if isinstance(entry, SymbolMacro):
            return self.convert(entry.expansion, env)
        if entry is None and sym in self.image.symbol_macros:
            return self.convert(self.image.symbol_macros[sym], env)
        return GlobalRef(sym, pos=self.pos)

    def _convert_cons(self, form: Cons, env: LexEnv) -> Node:
        head = form.car
        if isinstance(head, Symbol):
            handler = HANDLERS.get(head)
            if handler is not None:
                return handler(self, form, env)
            local = env.lookup_fun(head)
            if isinstance(local, FunVar):
                return CallLocal(local, self.convert_args(form, env), pos=self.pos)
            if isinstance(local, LocalMacro):
                return self.convert(self.expand(local.expander, form, env), env)
            expander = self.image.macros.get(head)
            if expander is not None:
                return self.convert(self.expand(expander, form, env), env)
            if head is DECLARE:
                raise self.error(
                    f"misplaced declaration {show(form)}: declarations are only "
                    "allowed at the start of a body"
                )
            compiler_macro = self.image.compiler_macros.get(head)
            if compiler_macro is not None and head not in self.image.notinline:
                expansion = self.expand(compiler_macro, form, env)
                if expansion is not form:
                    return self.convert(expansion, env)
            return self._convert_global_call(head, form, env)
        if isinstance(head, Cons) and head.car is LAMBDA:
            from clysm.frontend.lambdas import convert_lambda_call

            return convert_lambda_call(self, head, form, env)
        raise self.error(
            f"illegal function call {show(form)}: {show(head)} is not a function name "
            "or lambda expression"
        )

    def convert_args(self, form: Cons, env: LexEnv) -> list[Node]:
        args = form_list(form, "function call", pos_of(form) or self.pos)[1:]
        return [self.convert(a, env) for a in args]

    def _convert_global_call(self, head: Symbol, form: Cons, env: LexEnv) -> Node:
        args = self.convert_args(form, env)
        if head is FUNCALL or head is APPLY:
            least = 1 if head is FUNCALL else 2
            if len(args) < least:
                raise self.error(
                    f"{show(head)} requires at least {least} argument"
                    f"{'s' if least > 1 else ''}, got {len(args)}: {show(form)}"
                )
            node_class = Funcall if head is FUNCALL else Apply
            return node_class(args[0], args[1:], pos=self.pos)
        if head is VALUES:
            return Values(args, pos=self.pos)
        intrinsic = intrinsic_for(head)
        if intrinsic is not None:
            if len(args) != intrinsic.arity:
                raise self.error(
                    f"{show(head)} takes {intrinsic.arity} argument"
                    f"{'' if intrinsic.arity == 1 else 's'}, got {len(args)}: {show(form)}"
                )
            return PrimCall(intrinsic.op, args, pos=self.pos)
        return CallGlobal(head, args, pos=self.pos)

    def expand(self, expander: HostFunction, form: Cons, env: LexEnv) -> Any:
        """Call a macro function, reporting Lisp errors at the macro call."""
        try:
            return primary(expander(form, env))
        except LispError as e:
            raise self.error(f"error while expanding macro {show(form.car)}: {e.message}") from e
        except RecursionError as e:
            raise self.error(
                f"error while expanding macro {show(form.car)}: control stack exhausted"
            ) from e

    # -- bindings ------------------------------------------------------------

    def binding_target(
        self, name: Any, decls: Declarations, what: str, where: Any = None
    ) -> LexVar | Symbol:
        """What binding `name` makes: a LexVar, or the symbol itself if special."""
        if not isinstance(name, Symbol):
            raise self.error(f"{what}: {show(name)} is not a variable name", where)
        if self.image.is_constant(name):
            raise self.error(f"{what}: {show(name)} names a constant and cannot be bound", where)
        if name in decls.specials or self.image.is_special(name):
            return name
        return LexVar(name, ignorable=name in decls.ignored)

    @staticmethod
    def declare_in(env: LexEnv, name: Symbol, target: LexVar | Symbol) -> None:
        env.vars[name] = target if isinstance(target, LexVar) else SPECIAL_DECL

    @staticmethod
    def add_free_specials(env: LexEnv, decls: Declarations, bound: set[Symbol]) -> None:
        """Free `special` declarations: references in the body are dynamic."""
        for name in decls.specials - bound:
            env.vars[name] = SPECIAL_DECL

    def function_from_lambda(self, lam: Any) -> HostFunction:
        """Compile a converted Lambda into a host function (macrolet expanders)."""
        result = self.image.evaluator.eval_node(lam)
        assert callable(result)
        return result


# Register the special forms.
from clysm.frontend import (  # noqa: E402, F401
    binding,
    control,
    destructure,
    special_forms,
)
