"""Kernel primitives for packages at compile time.

The compiler's reader interns into the host's packages (clysm.lisp.packages),
so at compile time the standard package functions work on those: DEFPACKAGE,
EXPORT and the others evaluated by EVAL-WHEN or by a macro expander change
what the reader sees next.  At run time the same functions are the Lisp ones
of runtime/lisp/packages.lisp; the macros (DEFPACKAGE, DO-SYMBOLS, ...) are
defined once, there, over these functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.frontend.forms import show
from clysm.frontend.host_kernel import kernel
from clysm.frontend.host_kernel_data import _proper, b, string_designator
from clysm.frontend.host_runtime import LispError, MultipleValues, type_error
from clysm.lisp.data import NIL, Char, Cons, LispString, Symbol, T, lisp_list
from clysm.lisp.packages import Package, PackageError, keyword
from clysm.lisp.packages import standard_packages as _registry

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv


def _current(image: HostEnv) -> Package:
    from clysm.frontend.names import PACKAGE_VAR

    package = image.symbol_value(PACKAGE_VAR)
    if not isinstance(package, Package):
        raise type_error(package, "PACKAGE")
    return package


def _no_package(designator: Any) -> LispError:
    return LispError(
        f"The name {show(designator)} does not designate any package.", "PACKAGE-ERROR"
    )


def _find(designator: Any) -> Package | None:
    if isinstance(designator, Package):
        return designator
    if not isinstance(designator, LispString | Symbol | Char):
        raise type_error(designator, "(OR STRING SYMBOL CHARACTER PACKAGE)")
    return _registry().find(string_designator(designator))


def _package(image: HostEnv, designator: Any) -> Package:
    """The package a package designator names (NIL: *package*, for the
    optional arguments left out)."""
    if designator is NIL:
        return _current(image)
    package = _find(designator)
    if package is None or package.deleted:
        raise _no_package(designator)
    return package


def _packages(image: HostEnv, designators: Any) -> list[Package]:
    items = _proper(designators) if designators is NIL or hasattr(designators, "car") else None
    if items is None:
        items = [designators]
    return [_package(image, d) for d in items]


def _symbols(x: Any) -> list[Symbol]:
    items = [x] if isinstance(x, Symbol) and x is not NIL else _proper(x)
    for s in items:
        if not isinstance(s, Symbol):
            raise type_error(s, "SYMBOL")
    return items


def _names(x: Any) -> list[str]:
    items = [x] if not (x is NIL or hasattr(x, "car")) else _proper(x)
    return [string_designator(n) for n in items]


def _checked(action: Any) -> Any:
    try:
        return action()
    except PackageError as e:
        raise LispError(str(e), "PACKAGE-ERROR") from None


def _status(status: str | None) -> Any:
    return keyword(status) if status else NIL


def _string_list(names: list[str]) -> Any:
    return lisp_list(*[LispString(n) for n in names])


# -- finding packages and symbols ----------------------------------------------


@kernel("FIND-PACKAGE")
def find_package(designator: Any) -> Any:
    found = _find(designator)
    return found if found is not None and not found.deleted else NIL


@kernel("PACKAGEP")
def packagep(x: Any) -> Symbol:
    return b(isinstance(x, Package))


@kernel("SYMBOL-PACKAGE")
def symbol_package(sym: Any) -> Any:
    if not isinstance(sym, Symbol):
        raise type_error(sym, "SYMBOL")
    return sym.package or NIL


@kernel("INTERN", image=True)
def intern(image: HostEnv, name: Any, package: Any = NIL) -> MultipleValues:
    if not isinstance(name, LispString):
        raise type_error(name, "STRING")
    sym, status = _package(image, package).intern(name.text)
    return MultipleValues([sym, _status(status)])


@kernel("FIND-SYMBOL", image=True)
def find_symbol(image: HostEnv, name: Any, package: Any = NIL) -> MultipleValues:
    if not isinstance(name, LispString):
        raise type_error(name, "STRING")
    sym, status = _package(image, package).find_symbol(name.text)
    return MultipleValues([sym if sym is not None else NIL, _status(status)])


@kernel("UNINTERN", image=True)
def unintern(image: HostEnv, sym: Any, package: Any = NIL) -> Symbol:
    (symbol,) = _symbols(sym) if sym is not NIL else [sym]
    return b(_package(image, package).unintern(symbol))


# -- package attributes -----------------------------------------------------------


@kernel("PACKAGE-NAME")
def package_name(designator: Any) -> Any:
    package = _find(designator)
    if package is None:
        raise _no_package(designator)
    return NIL if package.deleted else LispString(package.name)


@kernel("PACKAGE-NICKNAMES", image=True)
def package_nicknames(image: HostEnv, designator: Any) -> Any:
    return _string_list(_package(image, designator).nicknames)


@kernel("PACKAGE-USE-LIST", image=True)
def package_use_list(image: HostEnv, designator: Any) -> Any:
    return lisp_list(*_package(image, designator).use_list)


@kernel("PACKAGE-USED-BY-LIST", image=True)
def package_used_by_list(image: HostEnv, designator: Any) -> Any:
    return lisp_list(*_package(image, designator).used_by)


@kernel("PACKAGE-SHADOWING-SYMBOLS", image=True)
def package_shadowing_symbols(image: HostEnv, designator: Any) -> Any:
    return lisp_list(*_package(image, designator).shadowing.values())


@kernel("LIST-ALL-PACKAGES")
def list_all_packages() -> Any:
    return lisp_list(*_registry().all())


@kernel("%PACKAGE-SYMBOL-LIST", package="CLYSM", image=True)
def package_symbol_list(image: HostEnv, designator: Any, types: Any) -> Any:
    """((symbol . status) ...) of the symbols accessible in a package whose
    status (:INTERNAL, :EXTERNAL, :INHERITED) is one of `types`."""
    wanted = {t.name for t in _symbols(types)}
    entries = _package(image, designator).all_symbols()
    return lisp_list(*[Cons(sym, keyword(s)) for sym, s in entries if s in wanted])


@kernel("%SET-PACKAGE-DOCUMENTATION", package="CLYSM", image=True)
def set_package_documentation(image: HostEnv, designator: Any, doc: Any) -> Any:
    _package(image, designator).documentation = doc.text if isinstance(doc, LispString) else None
    return doc


# -- making, renaming, deleting ---------------------------------------------------


def _keys(args: tuple[Any, ...], allowed: set[str]) -> dict[str, Any]:
    if len(args) % 2:
        raise LispError("odd number of keyword arguments", "PROGRAM-ERROR")
    keys: dict[str, Any] = {}
    for key, value in zip(args[::2], args[1::2], strict=True):
        if not isinstance(key, Symbol) or key.name not in allowed:
            raise LispError(f"unknown keyword argument {show(key)}", "PROGRAM-ERROR")
        keys.setdefault(key.name, value)
    return keys


@kernel("MAKE-PACKAGE", image=True)
def make_package(image: HostEnv, name: Any, *args: Any) -> Package:
    keys = _keys(args, {"NICKNAMES", "USE"})
    use = _packages(image, keys.get("USE", NIL))
    nicknames = _names(keys.get("NICKNAMES", NIL))
    return _checked(  # type: ignore[no-any-return]
        lambda: _registry().make(string_designator(name), nicknames, use)
    )


@kernel("RENAME-PACKAGE", image=True)
def rename_package(image: HostEnv, designator: Any, new_name: Any, nicknames: Any = NIL) -> Any:
    package = _package(image, designator)
    name = new_name.name if isinstance(new_name, Package) else string_designator(new_name)
    _checked(lambda: _registry().rename(package, name, _names(nicknames)))
    return package


@kernel("DELETE-PACKAGE", image=True)
def delete_package(image: HostEnv, designator: Any) -> Symbol:
    package = _find(designator)
    if package is None:
        raise _no_package(designator)
    if package.deleted:
        return NIL
    _registry().delete(package)
    return T


# -- the symbols of a package ------------------------------------------------------


@kernel("EXPORT", image=True)
def export(image: HostEnv, symbols: Any, package: Any = NIL) -> Symbol:
    target = _package(image, package)
    _checked(lambda: target.export(_symbols(symbols)))
    return T


@kernel("UNEXPORT", image=True)
def unexport(image: HostEnv, symbols: Any, package: Any = NIL) -> Symbol:
    target = _package(image, package)
    _checked(lambda: target.unexport(_symbols(symbols)))
    return T


@kernel("IMPORT", image=True)
def import_(image: HostEnv, symbols: Any, package: Any = NIL) -> Symbol:
    target = _package(image, package)
    _checked(lambda: target.import_symbols(_symbols(symbols)))
    return T


@kernel("SHADOWING-IMPORT", image=True)
def shadowing_import(image: HostEnv, symbols: Any, package: Any = NIL) -> Symbol:
    _package(image, package).shadowing_import(_symbols(symbols))
    return T


@kernel("SHADOW", image=True)
def shadow(image: HostEnv, names: Any, package: Any = NIL) -> Symbol:
    _package(image, package).shadow(_names(names))
    return T


@kernel("USE-PACKAGE", image=True)
def use_package(image: HostEnv, packages: Any, package: Any = NIL) -> Symbol:
    target = _package(image, package)
    used = _packages(image, packages)
    _checked(lambda: target.use(used))
    return T


@kernel("UNUSE-PACKAGE", image=True)
def unuse_package(image: HostEnv, packages: Any, package: Any = NIL) -> Symbol:
    _package(image, package).unuse(_packages(image, packages))
    return T
