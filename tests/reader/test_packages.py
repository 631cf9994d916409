"""The compiler's packages (clysm.lisp.packages): the rules of CLHS 11 that
the reader and DEFPACKAGE at compile time rely on, and the JIT reader's
home-package prefixes.  The run-time package system is tested by the
program corpus (corpus/packages-*.lisp) against SBCL."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

import pytest

from clysm.lisp.data import Symbol
from clysm.lisp.packages import (
    EXTERNAL,
    INHERITED,
    INTERNAL,
    Package,
    PackageError,
    cl_symbol,
    standard_packages,
)
from clysm.reader import read_from_string

_serial = count()


@pytest.fixture
def fresh() -> Iterator[list[Package]]:
    """Packages made by a test, deleted after it."""
    made: list[Package] = []
    yield made
    for package in made:
        if not package.deleted:
            standard_packages().delete(package)


def make(made: list[Package], use: list[Package] | None = None) -> Package:
    package = standard_packages().make(f"TEST-PKG-{next(_serial)}", [], use)
    made.append(package)
    return package


def test_statuses(fresh: list[Package]) -> None:
    lib = make(fresh)
    app = make(fresh, [lib, standard_packages().common_lisp])
    x, _ = lib.intern("X")
    lib.export(x)
    y, status = app.intern("Y")
    assert status is None
    assert app.find_symbol("Y") == (y, INTERNAL)
    assert app.find_symbol("X") == (x, INHERITED)
    assert lib.find_symbol("X") == (x, EXTERNAL)
    assert app.find_symbol("CAR") == (cl_symbol("CAR"), INHERITED)
    assert app.find_symbol("NOPE") == (None, None)


def test_export_conflict_with_a_user(fresh: list[Package]) -> None:
    lib = make(fresh)
    app = make(fresh, [lib])
    mine, _ = app.intern("Z")
    theirs, _ = lib.intern("Z")
    with pytest.raises(PackageError):
        lib.export(theirs)
    app.shadow("Z")  # a shadowing symbol hides the inherited one: no conflict
    lib.export(theirs)
    assert app.find_symbol("Z") == (mine, INTERNAL)


def test_use_conflict_and_shadowing_import(fresh: list[Package]) -> None:
    lib = make(fresh)
    app = make(fresh)
    theirs, _ = lib.intern("W")
    lib.export(theirs)
    mine, _ = app.intern("W")
    with pytest.raises(PackageError):
        app.use(lib)
    app.shadowing_import(theirs)
    assert mine.package is None  # it was present only there: now uninterned
    app.use(lib)
    assert app.find_symbol("W") == (theirs, INTERNAL)
    assert app.shadowing["W"] is theirs


def test_import_unexport_unintern(fresh: list[Package]) -> None:
    lib = make(fresh)
    app = make(fresh)
    s, _ = lib.intern("S")
    app.import_symbols(s)
    assert app.find_symbol("S") == (s, INTERNAL) and s.package is lib
    lib.export(s)
    lib.unexport(s)
    assert lib.find_symbol("S") == (s, INTERNAL)
    assert app.unintern(s) and s.package is lib
    assert lib.unintern(s) and s.package is None
    loose = Symbol("LOOSE")
    app.import_symbols(loose)
    assert loose.package is app  # an uninterned symbol gets a home


def test_rename_and_delete(fresh: list[Package]) -> None:
    registry = standard_packages()
    lib = make(fresh)
    app = make(fresh, [lib])
    name = f"RENAMED-{next(_serial)}"
    registry.rename(lib, name, [name + "-NICK"])
    assert registry.find(name + "-NICK") is lib
    sym, _ = lib.intern("GONE")
    registry.delete(lib)
    assert lib.deleted and registry.find(name) is None
    assert sym.package is None and lib not in app.use_list
    with pytest.raises(PackageError):
        registry.make(app.name, [])


def test_jit_reader_reads_home_prefixes(fresh: list[Package]) -> None:
    app = make(fresh, [standard_packages().common_lisp])
    known, _ = app.intern("KNOWN")
    form = read_from_string(
        f"({app.name}::KNOWN NO-SUCH-PACKAGE::F NO-SUCH-PACKAGE:F COMMON-LISP:CAR :K)",
        home_prefixes=True,
    )
    first, second, third, car, key = form.car, *_items(form.cdr)
    assert first is known
    assert second is third and second.package is not None
    assert second.package.name == "NO-SUCH-PACKAGE"
    assert standard_packages().find("NO-SUCH-PACKAGE") is None
    assert car is cl_symbol("CAR") and key.is_keyword


def _items(form: object) -> list[object]:
    out = []
    while form is not None and hasattr(form, "car"):
        out.append(form.car)  # type: ignore[attr-defined]
        form = form.cdr  # type: ignore[attr-defined]
    return out
