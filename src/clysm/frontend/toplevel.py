"""Top-level forms, processed as COMPILE-FILE does (CLHS 3.2.3.1).

- progn, locally, macrolet and symbol-macrolet keep their body at top level;
- eval-when decides between compiling, evaluating in the host, or both;
- (in-package name) switches the current package for later forms (the
  caller's reader learns of it through `on_in_package`); in a program
  (`package_at_run_time`) it also sets *package* when the program runs, as
  loading a compiled file does;
- (clysm::%defun 'name fn) -- what the Lisp DEFUN expands to -- is compiled
  and also evaluated in the host, as loading a file would, so that macros
  later in the file can call the function.  Other top-level forms are not
  evaluated unless eval-when asks for it.

Every emitted node has been through analyze().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clysm.errors import CompileError
from clysm.frontend.analyze import analyze
from clysm.frontend.binding import macrolet_env, symbol_macrolet_env
from clysm.frontend.convert import Converter
from clysm.frontend.declarations import parse_body
from clysm.frontend.env import LexEnv
from clysm.frontend.forms import is_function_name, pos_of, show
from clysm.frontend.handlers import HANDLERS
from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_runtime import LispError
from clysm.frontend.ir import Node, TopLevelForm
from clysm.frontend.macroexpand import macro_function, symbol_macro_expansion
from clysm.frontend.names import (
    DEFINE_COMPILER_MACRO,
    DEFMACRO,
    DEFUN,
    DEFUN_FN,
    EVAL_WHEN,
    IN_PACKAGE,
    LOCALLY,
    MACROLET,
    PACKAGE_VAR,
    PROGN,
    QUOTE,
    SYMBOL_MACROLET,
)
from clysm.frontend.special_forms import eval_when_situations
from clysm.lisp.data import Cons, LispString, Symbol, lisp_list
from clysm.lisp.packages import Package, cl_symbol, clysm_symbol

# Definers whose definitions emit=False defers.  Only functions: a deferred
# macro or compiler macro could be needed while another deferred definition
# is being processed (DESTRUCTURING-BIND's expander calls CDR, whose compiler
# macro uses DESTRUCTURING-BIND), which would see neither definition.
DEFERRED_DEFINERS = (DEFUN,)
SETQ = cl_symbol("SETQ")


@dataclass
class TopLevel:
    """State of processing one file's top-level forms.

    With emit=False nothing is compiled: only the compile-time effects are
    produced (eval-when, and DEFUN, whose function is converted lazily, on
    its first call at compile time).  That builds the compile-time image of
    an already compiled file, such as the runtime library, quickly.
    """

    image: HostEnv
    on_in_package: Callable[[Package], None] | None = None
    emit: bool = True
    package_at_run_time: bool = False
    converter: Converter = field(init=False)

    def __post_init__(self) -> None:
        self.converter = Converter(self.image)

    def process(self, form: Any, env: LexEnv | None = None) -> list[TopLevelForm]:
        out: list[TopLevelForm] = []
        try:
            self._process(form, env or self.image.null_env(), False, out)
        except RecursionError:
            raise CompileError("form is nested too deeply to compile", pos_of(form)) from None
        return out

    def _process(self, form: Any, env: LexEnv, compile_too: bool, out: list[TopLevelForm]) -> None:
        conv = self.converter
        if not self.emit:
            # Expand step by step: a definer met on the way is deferred.
            while not self._defer_definition(form, env):
                expansion = self._expand_1(form, env)
                if expansion is form:
                    break
                form = expansion
            else:
                return
        with conv.at(form):
            form = self._expand(form, env)
            with conv.at(form):
                head = form.car if isinstance(form, Cons) else None
                if head is PROGN:
                    for sub in conv.args(form, 0, None, "(PROGN FORM*)"):
                        self._process(sub, env, compile_too, out)
                elif head is LOCALLY:
                    body = parse_body(conv.args(form, 0, None, "(LOCALLY DECL* FORM*)"), conv.pos)
                    inner = env.child()
                    conv.add_free_specials(inner, body.decls, set())
                    for sub in body.forms:
                        self._process(sub, inner, compile_too, out)
                elif head is MACROLET or head is SYMBOL_MACROLET:
                    make_env = macrolet_env if head is MACROLET else symbol_macrolet_env
                    inner, body = make_env(conv, form, env)
                    for sub in body.forms:
                        self._process(sub, inner, compile_too, out)
                elif head is EVAL_WHEN:
                    self._eval_when(form, env, compile_too, out)
                elif head is IN_PACKAGE:
                    package = self._in_package(form)
                    if self.package_at_run_time:
                        self._process(_set_package_form(package), env, False, out)
                elif not self.emit and not compile_too:
                    if head is DEFUN_FN:
                        self._define_lazily(form, env)
                else:
                    node = analyze(conv.convert(form, env))
                    if compile_too or head is DEFUN_FN:
                        self._host_eval(node, form)
                    out.append(TopLevelForm(node, pos_of(form) or conv.pos))

    def _expand(self, form: Any, env: LexEnv) -> Any:
        """Macroexpand `form` until it is a special form, call or atom."""
        while True:
            expansion = self._expand_1(form, env)
            if expansion is form:
                return form
            form = expansion

    def _expand_1(self, form: Any, env: LexEnv) -> Any:
        """One macro expansion of `form`, or `form` itself."""
        if isinstance(form, Symbol):
            found, expansion = symbol_macro_expansion(form, env)
            return expansion if found else form
        if not isinstance(form, Cons) or not isinstance(form.car, Symbol):
            return form
        head = form.car
        if head in HANDLERS or head is IN_PACKAGE:
            return form
        expander = macro_function(head, env)
        if expander is None:
            return form
        with self.converter.at(form):
            return self.converter.expand(expander, form, env)

    def _eval_when(
        self, form: Cons, env: LexEnv, compile_too: bool, out: list[TopLevelForm]
    ) -> None:
        situations, body = eval_when_situations(self.converter, form)
        ct, lt, ex = ("compile" in situations, "load" in situations, "execute" in situations)
        if lt:
            for sub in body:
                self._process(sub, env, ct or (ex and compile_too), out)
        elif ct or (ex and compile_too):
            for sub in body:
                node = self.converter.convert(sub, env)
                self._host_eval(analyze(node), sub)

    def _in_package(self, form: Cons) -> Package:
        conv = self.converter
        (name,) = conv.args(form, 1, 1, "(IN-PACKAGE NAME)")
        if not isinstance(name, Symbol | LispString):
            raise conv.error(f"IN-PACKAGE: {show(name)} is not a package name")
        text = name.name if isinstance(name, Symbol) else name.text
        package = self.image.packages.find(text)
        if package is None:
            raise conv.error(f"IN-PACKAGE: there is no package named {text}")
        self.image.values[PACKAGE_VAR] = package
        if self.on_in_package is not None:
            self.on_in_package(package)
        return package

    def _defer_definition(self, form: Any, env: LexEnv) -> bool:
        """(DEFUN name ...), (DEFMACRO name ...) and (DEFINE-COMPILER-MACRO
        name ...) with emit=False: define `name` by a stub that processes the
        whole form on its first use."""
        if not (isinstance(form, Cons) and form.car in DEFERRED_DEFINERS):
            return False
        if macro_function(form.car, env) is None or not isinstance(form.cdr, Cons):
            return False
        name = form.cdr.car
        if form.car is DEFMACRO or form.car is DEFINE_COMPILER_MACRO:
            if not isinstance(name, Symbol):
                return False
            table, key = (
                (self.image.macros, name)
                if form.car is DEFMACRO
                else (self.image.compiler_macros, name)
            )
        elif isinstance(name, Symbol):
            table, key = self.image.functions, name
        elif is_function_name(name):
            table, key = self.image.setf_functions, name.cdr.car
        else:
            return False
        if getattr(table.get(key), "is_kernel_primitive", False):
            return True  # the library's definition of a primitive is for the run time
        if form.car is DEFMACRO:
            self.image.functions.pop(key, None)  # as %DEFMACRO does

        def first_use(*args: Any) -> Any:
            if table.get(key) is first_use:
                del table[key]
                TopLevel(self.image)._process(form, env, False, [])
            return table[key](*args)

        first_use.lisp_name = name  # type: ignore[attr-defined]
        table[key] = first_use
        return True

    def _define_lazily(self, form: Any, env: LexEnv) -> None:
        """(%DEFUN 'name fn) at compile time, converting FN on its first call."""
        name_form = form.cdr.car if isinstance(form.cdr, Cons) else None
        if not (isinstance(name_form, Cons) and name_form.car is QUOTE):
            self._host_eval(analyze(self.converter.convert(form, env)), form)
            return
        name = name_form.cdr.car
        table, key = (
            (self.image.functions, name)
            if isinstance(name, Symbol)
            else (self.image.setf_functions, name.cdr.car)
        )
        if getattr(table.get(key), "is_kernel_primitive", False):
            return  # the library's definition of a primitive is for the run time

        function_form = form.cdr.cdr.car
        real: list[Any] = []

        def first_call(*args: Any) -> Any:
            if not real:
                real.append(
                    self._host_eval(analyze(self.converter.convert(function_form, env)), form)
                )
                if table.get(key) is first_call:
                    table[key] = real[0]
            return real[0](*args)

        first_call.lisp_name = name  # type: ignore[attr-defined]
        table[key] = first_call

    def _host_eval(self, node: Node, form: Any) -> Any:
        try:
            return self.image.evaluator.eval_node(node)
        except LispError as e:
            raise CompileError(
                f"error during compile-time evaluation of {_brief(form)}: {e.message}",
                e.pos or pos_of(form) or self.converter.pos,
            ) from e


def _set_package_form(package: Package) -> Any:
    """(setq *package* (clysm::%find-package-or-lose "NAME"))"""
    find = lisp_list(clysm_symbol("%FIND-PACKAGE-OR-LOSE"), LispString(package.name or ""))
    return lisp_list(SETQ, PACKAGE_VAR, find)


def _brief(form: Any) -> str:
    text = show(form)
    return text if len(text) <= 60 else text[:57] + "..."


def process_toplevel(
    form: Any,
    env: LexEnv | HostEnv,
    *,
    on_in_package: Callable[[Package], None] | None = None,
) -> list[TopLevelForm]:
    """Process one top-level form in `env` (an image means its null lexical
    environment); returns the forms to compile, in order."""
    if isinstance(env, HostEnv):
        return TopLevel(env, on_in_package).process(form)
    return TopLevel(env.image, on_in_package).process(form, env)


def process_source(
    text: str, image: HostEnv, file: str = "<string>", *, emit: bool = True
) -> list[TopLevelForm]:
    """Read and process every top-level form of `text`, following IN-PACKAGE
    (emit=False: compile-time effects only, see TopLevel)."""
    from clysm.reader import Reader

    package = image.values.get(PACKAGE_VAR)
    reader = Reader(text, file, package=package if isinstance(package, Package) else None)

    def switch(package: Package) -> None:
        reader.package = package

    toplevel = TopLevel(image, switch, emit, package_at_run_time=True)
    out: list[TopLevelForm] = []
    saved = image.bind(PACKAGE_VAR, reader.package)  # like COMPILE-FILE, bind *package*
    try:
        for form in reader:
            out.extend(toplevel.process(form))
    finally:
        image.unbind(PACKAGE_VAR, saved)
    return out


def process_forms(forms: list[Any], image: HostEnv, *, emit: bool = True) -> list[TopLevelForm]:
    """Process forms read earlier (see read_file_forms), as process_source
    processes the forms it reads."""
    package = image.values.get(PACKAGE_VAR)
    toplevel = TopLevel(image, None, emit)
    out: list[TopLevelForm] = []
    saved = image.bind(PACKAGE_VAR, package if isinstance(package, Package) else None)
    try:
        for form in forms:
            out.extend(toplevel.process(form))
    finally:
        image.unbind(PACKAGE_VAR, saved)
    return out


def read_file_forms(text: str, file: str) -> list[Any]:
    """Every form of a file that starts in CL-USER and changes package only
    with top-level (IN-PACKAGE name) forms, as the runtime library's files do."""
    from clysm.reader import Reader

    reader = Reader(text, file)
    forms = []
    for form in reader:
        forms.append(form)
        if isinstance(form, Cons) and form.car is IN_PACKAGE and isinstance(form.cdr, Cons):
            name = form.cdr.car
            text_name = name.name if isinstance(name, Symbol) else getattr(name, "text", None)
            package = reader.registry.find(text_name) if text_name else None
            if package is not None:
                reader.package = package
    return forms
