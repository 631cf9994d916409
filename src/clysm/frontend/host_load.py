"""LOAD of Lisp source into the host image: read and evaluate each form in
turn (eval-when only honours :execute here, as for a loaded source file)."""

from __future__ import annotations

from typing import Any

from clysm.errors import CompileError
from clysm.frontend.forms import pos_of, show
from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_runtime import LispError
from clysm.frontend.names import IN_PACKAGE, PACKAGE_VAR
from clysm.lisp.data import NIL, Cons, LispString, Symbol, is_proper_list
from clysm.lisp.packages import Package


def load_source(text: str, image: HostEnv, file: str = "<string>") -> Any:
    """Evaluate every top-level form of `text`; returns the last one's value(s).

    *package* is bound for the duration, and (in-package name) switches it
    for the forms that follow, as LOAD does.
    """
    from clysm.reader import Reader

    current = image.values.get(PACKAGE_VAR)
    reader = Reader(text, file, package=current if isinstance(current, Package) else None)
    saved = image.bind(PACKAGE_VAR, reader.package)
    result: Any = NIL
    try:
        for form in reader:
            if _is_in_package(form):
                reader.package = _find_package(image, form)
                image.values[PACKAGE_VAR] = reader.package
                continue
            try:
                result = image.eval(form)
            except LispError as e:
                raise CompileError(
                    f"error while loading: {e.message}", e.pos or pos_of(form)
                ) from e
    finally:
        image.unbind(PACKAGE_VAR, saved)
    return result


def _is_in_package(form: Any) -> bool:
    return isinstance(form, Cons) and form.car is IN_PACKAGE and is_proper_list(form)


def _find_package(image: HostEnv, form: Cons) -> Package:
    name = form.cdr.car if isinstance(form.cdr, Cons) else None
    text = (
        name.name
        if isinstance(name, Symbol)
        else name.text
        if isinstance(name, LispString)
        else None
    )
    package = image.packages.find(text) if text is not None else None
    if package is None:
        raise CompileError(f"IN-PACKAGE: no package named {show(name)}", pos_of(form))
    return package
