"""Top-level processing with COMPILE-FILE's rules."""

from __future__ import annotations

import pytest
from frontend_helpers import read
from frontend_prelude import prelude_image

from clysm.errors import CompileError
from clysm.frontend.host_env import HostEnv
from clysm.frontend.ir import (
    CallGlobal,
    Const,
    GlobalSet,
    Lambda,
    Let,
    LexVar,
    TopLevelForm,
    children,
)
from clysm.frontend.toplevel import process_source, process_toplevel
from clysm.lisp.data import Symbol
from clysm.lisp.packages import Package, standard_packages

# Each test runs in a forked copy of a pristine prelude image (conftest.py).
pytestmark = pytest.mark.in_prelude_child


def sym(name: str) -> Symbol:
    s = read(name)
    assert isinstance(s, Symbol)
    return s


def value(image: HostEnv, name: str) -> object:
    return image.values.get(sym(name))


def test_defmacro_is_available_to_later_forms() -> None:
    image = prelude_image()
    forms = process_source("(defmacro twice (x) `(list ,x ,x))\n(twice 1)", image)
    assert isinstance(forms[-1].node, CallGlobal) and len(forms[-1].node.args) == 2
    assert str(forms[-1].pos) == "<string>:2:1"


def test_defun_is_evaluated_so_later_macros_can_call_it() -> None:
    image = prelude_image()
    forms = process_source(
        "(defun helper (x) (list 'quote (list x x)))\n"
        "(defmacro use-helper (x) (helper x))\n"
        "(use-helper 7)",
        image,
    )
    last = forms[-1].node
    assert isinstance(last, Const) and str(last.value) == "(7 7)"
    # The defun itself is also compiled.
    assert isinstance(forms[0].node, CallGlobal) and forms[0].node.name is sym("clysm::%defun")


def test_other_top_level_forms_are_only_compiled() -> None:
    image = prelude_image()
    forms = process_source("(set 'not-evaluated 1)", image)
    assert len(forms) == 1 and value(image, "not-evaluated") is None


def test_eval_when_situations() -> None:
    image = prelude_image()
    forms = process_source(
        "(eval-when (:compile-toplevel) (set 'ct 1))\n"
        "(eval-when (:load-toplevel) (set 'lt 2))\n"
        "(eval-when (:compile-toplevel :load-toplevel) (set 'both 3))\n"
        "(eval-when (:execute) (set 'ex 4))\n"
        "(eval-when (:compile-toplevel :load-toplevel)"
        "  (eval-when (:execute) (set 'nested 5)))",
        image,
    )
    assert value(image, "ct") == 1 and value(image, "both") == 3 and value(image, "nested") == 5
    assert value(image, "lt") is None and value(image, "ex") is None
    emitted = [f.node for f in forms]
    # ct and nested are only evaluated (CLHS 3.2.3.1); ex is discarded.
    assert len(emitted) == 2
    assert all(isinstance(n, CallGlobal) for n in emitted)


def test_progn_locally_macrolet_keep_top_levelness() -> None:
    image = prelude_image()
    forms = process_source(
        "(progn (eval-when (:compile-toplevel) (set 'a 1)) 10)\n"
        "(locally (declare (special zz)) (eval-when (:compile-toplevel) (set 'b 2)) zz)\n"
        "(macrolet ((m () '(set 'c 3))) (eval-when (:compile-toplevel) (m)))\n"
        "(symbol-macrolet ((s (set 'd 4))) (eval-when (:compile-toplevel) s))",
        image,
    )
    assert [value(image, n) for n in "abcd"] == [1, 2, 3, 4]
    assert len(forms) == 2  # 10 and zz
    assert forms[1].node.__class__.__name__ == "GlobalRef"


def test_defvar_proclaims_for_later_forms() -> None:
    image = prelude_image()
    forms = process_source("(defvar *dyn* 1)\n(let ((*dyn* 2)) *dyn*)", image)
    node = forms[-1].node
    assert isinstance(node, Let) and node.bindings[0].target is sym("*dyn*")


def test_in_package_switches_the_reader() -> None:
    registry = standard_packages()
    package = registry.find("FRONTEND-TEST-PKG") or registry.make(
        "FRONTEND-TEST-PKG", [], use=[registry.common_lisp]
    )
    image = prelude_image()
    seen: list[Package] = []
    forms = process_source("(in-package :frontend-test-pkg)\n'local-symbol", image)
    set_package, form = forms
    # As loading a compiled file does, the program sets *package* when it runs.
    assert isinstance(set_package.node, GlobalSet) and set_package.node.symbol is sym("*package*")
    assert isinstance(form.node, Const) and form.node.value.package is package
    assert value(image, "*package*") is registry.cl_user  # restored after the file
    process_toplevel(read('(in-package "FRONTEND-TEST-PKG")'), image, on_in_package=seen.append)
    assert value(image, "*package*") is package
    assert seen == [package]


def test_defpackage_acts_at_compile_time() -> None:
    # The forms after DEFPACKAGE and IN-PACKAGE are read into the new package,
    # with its use list, exports and shadowing symbols.
    registry = standard_packages()
    forms = process_source(
        "(defpackage :frontend-test-defpkg (:use :cl) (:export #:api) (:shadow #:list))\n"
        "(in-package :frontend-test-defpkg)\n"
        "'(api list car other)",
        prelude_image(),
    )
    package = registry.find("FRONTEND-TEST-DEFPKG")
    assert package is not None
    quoted = forms[-1].node
    assert isinstance(quoted, Const)
    api, shadowing_list, car, other = _items(quoted.value)
    assert api is package.external["API"] and shadowing_list.package is package
    assert car is registry.common_lisp.external["CAR"] and other.package is package
    assert package.shadowing == {"LIST": shadowing_list}
    registry.delete(package)


def _items(form: object) -> list[object]:
    out = []
    while hasattr(form, "car"):
        out.append(form.car)  # type: ignore[attr-defined]
        form = form.cdr  # type: ignore[attr-defined]
    return out


def test_emitted_forms_are_analyzed() -> None:
    image = prelude_image()
    (form,) = process_source("(let ((n 0)) #'(lambda () (setq n (+ n 1))))", image)
    assert isinstance(form, TopLevelForm) and isinstance(form.node, Let)
    n = form.node.bindings[0].target
    assert isinstance(n, LexVar) and n.captured and n.assigned
    (lam,) = [c for c in children(form.node) if isinstance(c, Lambda)]
    assert lam.free_vars == [n]


def test_compile_time_error_names_the_form() -> None:
    image = prelude_image()
    with pytest.raises(CompileError) as info:
        process_source('\n(eval-when (:compile-toplevel) (error "boom ~A" 42))', image, "f.lisp")
    assert str(info.value) == (
        'f.lisp:2:32: error during compile-time evaluation of (ERROR "boom ~A" 42): boom 42'
    )


def test_unknown_package() -> None:
    with pytest.raises(CompileError) as info:
        process_source("(in-package :no-such-package-here)", prelude_image(), "f.lisp")
    assert (
        str(info.value) == "f.lisp:1:1: IN-PACKAGE: there is no package named NO-SUCH-PACKAGE-HERE"
    )
