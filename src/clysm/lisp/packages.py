"""Host-side packages: where the reader interns symbols at compile time.

The run-time package system lives in the engine (runtime/lisp/packages.lisp);
this one mirrors it for the compiler: the reader interns into these packages,
and DEFPACKAGE, IN-PACKAGE, EXPORT ... evaluated at compile time change them
(frontend/host_kernel_pkg.py gives them to the host evaluator).  The rules
are CLHS chapter 11's, with SBCL's choices where it leaves some.  There is one
registry per Python process, like one Lisp image.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from clysm.lisp.cl_symbols import CL_EXTERNAL_SYMBOLS
from clysm.lisp.data import NIL, Symbol, T

# The external symbols of package CLYSM: the API of tiered execution
# (docs/jit.md).  CL-USER uses CLYSM, so programs can name them unqualified.
CLYSM_EXTERNAL_SYMBOLS = (
    "FUNCTION-TIER",
    "FUNCTION-TIER-FAILURE",
    "*JIT-THRESHOLD*",
    "*JIT-LOG*",
    "JIT-STATISTICS",
    "EXIT",
    "QUIT",
)

# Status values returned by `find_symbol`, as in CL's second value.
INTERNAL = "INTERNAL"
EXTERNAL = "EXTERNAL"
INHERITED = "INHERITED"


def _symbols(symbols: Symbol | Iterable[Symbol]) -> list[Symbol]:
    return [symbols] if isinstance(symbols, Symbol) else list(symbols)


class PackageError(Exception):
    """A package operation that CL defines as signalling package-error."""

    def __init__(self, message: str, package: object = None) -> None:
        super().__init__(message)
        self.package = package


@dataclass(eq=False)
class Package:
    name: str
    nicknames: list[str] = field(default_factory=list)
    internal: dict[str, Symbol] = field(default_factory=dict)
    external: dict[str, Symbol] = field(default_factory=dict)
    use_list: list[Package] = field(default_factory=list)
    used_by: list[Package] = field(default_factory=list)
    shadowing: dict[str, Symbol] = field(default_factory=dict)
    documentation: str | None = None
    deleted: bool = False

    def __repr__(self) -> str:
        return "#<PACKAGE (deleted)>" if self.deleted else f'#<PACKAGE "{self.name}">'

    @property
    def is_keyword(self) -> bool:
        return self.name == "KEYWORD"

    # -- lookup ------------------------------------------------------------

    def find_symbol(self, name: str) -> tuple[Symbol | None, str | None]:
        if name in self.external:
            return self.external[name], EXTERNAL
        if name in self.internal:
            return self.internal[name], INTERNAL
        for used in self.use_list:
            if name in used.external:
                return used.external[name], INHERITED
        return None, None

    def present(self, name: str) -> Symbol | None:
        return self.external.get(name) or self.internal.get(name)

    def intern(self, name: str) -> tuple[Symbol, str | None]:
        symbol, status = self.find_symbol(name)
        if symbol is not None:
            return symbol, status
        symbol = Symbol(name, self)
        if self.is_keyword:
            self.external[name] = symbol
        else:
            self.internal[name] = symbol
        return symbol, None

    def _add_present(self, symbol: Symbol) -> None:
        if self.is_keyword:
            self.external[symbol.name] = symbol
        else:
            self.internal[symbol.name] = symbol
        if symbol.package is None:
            symbol.package = self

    def _remove_present(self, symbol: Symbol) -> None:
        self.internal.pop(symbol.name, None)
        self.external.pop(symbol.name, None)
        if self.shadowing.get(symbol.name) is symbol:
            del self.shadowing[symbol.name]
        if symbol.package is self:
            symbol.package = None

    # -- the dictionary's operations ------------------------------------------

    def export(self, symbols: Symbol | Iterable[Symbol]) -> None:
        symbols = _symbols(symbols)
        missing = [s for s in symbols if self.find_symbol(s.name)[0] is not s]
        if missing:
            names = ", ".join(s.name for s in missing)
            raise PackageError(f"symbols not accessible in {self.name}: {names}", self)
        for symbol in symbols:
            for user in self.used_by:
                found, _ = user.find_symbol(symbol.name)
                if found is not None and found is not symbol and symbol.name not in user.shadowing:
                    raise PackageError(
                        f"exporting {symbol.name} from {self.name} causes a name conflict"
                        f" in {user.name}",
                        user,
                    )
        for symbol in symbols:
            if self.external.get(symbol.name) is not symbol:
                self.internal.pop(symbol.name, None)
                self.external[symbol.name] = symbol

    def unexport(self, symbols: Symbol | Iterable[Symbol]) -> None:
        symbols = _symbols(symbols)
        for symbol in symbols:
            if self.find_symbol(symbol.name)[0] is not symbol:
                raise PackageError(f"{symbol.name} is not accessible in {self.name}", self)
        for symbol in symbols:
            if self.external.get(symbol.name) is symbol:
                del self.external[symbol.name]
                self.internal[symbol.name] = symbol

    def import_symbols(self, symbols: Symbol | Iterable[Symbol]) -> None:
        symbols = _symbols(symbols)
        for symbol in symbols:
            found, status = self.find_symbol(symbol.name)
            if found is not None and found is not symbol:
                raise PackageError(
                    f"importing {symbol.name} into {self.name} causes a name conflict", self
                )
        for symbol in symbols:
            found, status = self.find_symbol(symbol.name)
            if found is None or status == INHERITED:
                self._add_present(symbol)

    def shadowing_import(self, symbols: Symbol | Iterable[Symbol]) -> None:
        symbols = _symbols(symbols)
        for symbol in symbols:
            old = self.present(symbol.name)
            if old is not symbol:
                if old is not None:
                    self._remove_present(old)
                self._add_present(symbol)
            self.shadowing[symbol.name] = symbol

    def shadow(self, names: str | Iterable[str]) -> None:
        for name in [names] if isinstance(names, str) else names:
            symbol = self.present(name)
            if symbol is None:
                symbol = Symbol(name, self)
                self._add_present(symbol)
            self.shadowing[name] = symbol

    def use(self, packages: Package | Iterable[Package]) -> None:
        for other in [packages] if isinstance(packages, Package) else packages:
            if other.is_keyword:
                raise PackageError("the KEYWORD package cannot be used", self)
            if other in self.use_list:
                continue
            for name, symbol in other.external.items():
                found, _ = self.find_symbol(name)
                if found is not None and found is not symbol and name not in self.shadowing:
                    raise PackageError(
                        f"using {other.name} in {self.name} causes a name conflict on {name}",
                        self,
                    )
            self.use_list.insert(0, other)  # as SBCL: the newest first
            other.used_by.insert(0, self)

    def unuse(self, packages: Iterable[Package]) -> None:
        for other in packages:
            if other in self.use_list:
                self.use_list.remove(other)
                other.used_by.remove(self)

    def unintern(self, symbol: Symbol) -> bool:
        if self.present(symbol.name) is not symbol:
            return False
        self._remove_present(symbol)
        return True

    def all_symbols(self) -> list[tuple[Symbol, str]]:
        """Every accessible symbol with its status, present ones first."""
        out = [(s, EXTERNAL) for s in self.external.values()]
        out += [(s, INTERNAL) for s in self.internal.values()]
        for used in self.use_list:
            for name, symbol in used.external.items():
                if self.find_symbol(name)[0] is symbol and self.present(name) is None:
                    out.append((symbol, INHERITED))
        return out


class PackageRegistry:
    """All packages of one host image, by name and nickname."""

    def __init__(self) -> None:
        self._by_name: dict[str, Package] = {}
        self.common_lisp = self.make("COMMON-LISP", ["CL"])
        adopted = {"NIL": NIL, "T": T}
        for name in CL_EXTERNAL_SYMBOLS:
            symbol = adopted.get(name) or Symbol(name)
            symbol.package = self.common_lisp
            self.common_lisp.external[name] = symbol
        self.keyword = self.make("KEYWORD", [])
        self.clysm = self.make("CLYSM", [], use=[self.common_lisp])
        self.clysm.export(self.clysm.intern(name)[0] for name in CLYSM_EXTERNAL_SYMBOLS)
        self.cl_user = self.make(
            "COMMON-LISP-USER", ["CL-USER"], use=[self.common_lisp, self.clysm]
        )

    def _check_free(self, names: Iterable[str], package: Package | None = None) -> None:
        for n in names:
            owner = self._by_name.get(n)
            if owner is not None and owner is not package:
                raise PackageError(f'a package named "{n}" already exists', n)

    def make(self, name: str, nicknames: list[str], use: list[Package] | None = None) -> Package:
        self._check_free([name, *nicknames])
        package = Package(name, list(nicknames))
        for n in [name, *nicknames]:
            self._by_name[n] = package
        package.use(use or [])
        return package

    def rename(self, package: Package, name: str, nicknames: list[str]) -> None:
        self._check_free([name, *nicknames], package)
        for n in [package.name, *package.nicknames]:
            self._by_name.pop(n, None)
        package.name, package.nicknames = name, list(nicknames)
        for n in [name, *nicknames]:
            self._by_name[n] = package

    def delete(self, package: Package) -> None:
        for user in list(package.used_by):
            user.unuse([package])
        package.unuse(list(package.use_list))
        for symbol in [*package.external.values(), *package.internal.values()]:
            package._remove_present(symbol)
        for n in [package.name, *package.nicknames]:
            if self._by_name.get(n) is package:
                del self._by_name[n]
        package.nicknames, package.deleted = [], True

    def find(self, name: str) -> Package | None:
        return self._by_name.get(name)

    def all(self) -> list[Package]:
        unique: dict[int, Package] = {id(p): p for p in self._by_name.values()}
        return list(unique.values())


_registry: PackageRegistry | None = None


def standard_packages() -> PackageRegistry:
    global _registry
    if _registry is None:
        _registry = PackageRegistry()
    return _registry


def keyword(name: str) -> Symbol:
    return standard_packages().keyword.intern(name)[0]


def cl_symbol(name: str) -> Symbol:
    symbol, status = standard_packages().common_lisp.find_symbol(name)
    assert symbol is not None and status == EXTERNAL, name
    return symbol


def clysm_symbol(name: str) -> Symbol:
    return standard_packages().clysm.intern(name)[0]


# Create the registry at import so that NIL and T always have their package.
standard_packages()
