"""Host-side packages: where the reader interns symbols at compile time.

The run-time package system lives in the engine (runtime library); this one
mirrors it for source text.  There is one registry per Python process, like one
Lisp image.
"""

from __future__ import annotations

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


class PackageError(Exception):
    """A package operation that CL defines as signalling package-error."""


@dataclass(eq=False)
class Package:
    name: str
    nicknames: list[str] = field(default_factory=list)
    internal: dict[str, Symbol] = field(default_factory=dict)
    external: dict[str, Symbol] = field(default_factory=dict)
    use_list: list[Package] = field(default_factory=list)
    shadowing: dict[str, Symbol] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"#<PACKAGE {self.name}>"

    def find_symbol(self, name: str) -> tuple[Symbol | None, str | None]:
        if name in self.external:
            return self.external[name], EXTERNAL
        if name in self.internal:
            return self.internal[name], INTERNAL
        for used in self.use_list:
            if name in used.external:
                return used.external[name], INHERITED
        return None, None

    def intern(self, name: str) -> tuple[Symbol, str | None]:
        symbol, status = self.find_symbol(name)
        if symbol is not None:
            return symbol, status
        symbol = Symbol(name, self)
        if self.name == "KEYWORD":
            self.external[name] = symbol
        else:
            self.internal[name] = symbol
        return symbol, None

    def export(self, symbol: Symbol) -> None:
        found, _ = self.find_symbol(symbol.name)
        if found is None:
            self.import_symbol(symbol)
        elif found is not symbol:
            raise PackageError(f"{symbol.name} conflicts with a symbol accessible in {self.name}")
        if symbol.name in self.internal:
            del self.internal[symbol.name]
        self.external[symbol.name] = symbol

    def import_symbol(self, symbol: Symbol) -> None:
        found, status = self.find_symbol(symbol.name)
        if found is symbol and status != INHERITED:
            return
        if found is not None and found is not symbol and status != INHERITED:
            raise PackageError(f"importing {symbol.name} into {self.name} causes a name conflict")
        self.internal[symbol.name] = symbol
        if symbol.package is None:
            symbol.package = self

    def shadow(self, name: str) -> Symbol:
        symbol, status = self.find_symbol(name)
        if symbol is None or status == INHERITED:
            symbol = Symbol(name, self)
            self.internal[name] = symbol
        self.shadowing[name] = symbol
        return symbol

    def use(self, other: Package) -> None:
        if other not in self.use_list:
            self.use_list.append(other)


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
        for name in CLYSM_EXTERNAL_SYMBOLS:
            self.clysm.export(self.clysm.intern(name)[0])
        self.cl_user = self.make(
            "COMMON-LISP-USER", ["CL-USER"], use=[self.common_lisp, self.clysm]
        )

    def make(self, name: str, nicknames: list[str], use: list[Package] | None = None) -> Package:
        for n in [name, *nicknames]:
            if n in self._by_name:
                raise PackageError(f"a package named {n} already exists")
        package = Package(name, list(nicknames), use_list=list(use or []))
        for n in [name, *nicknames]:
            self._by_name[n] = package
        return package

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
