"""Compiling one JIT request: a fully expanded function from the running
runtime (tiering/lisp/expand.lisp) into a Tier 2 module.

A request is the text
    (:specials (symbol ...) :form (named-lambda name lambda-list . body))
in which literal objects appear as (SVREF CLYSM::%JIT-LITERALS i); the
module's `make(literals)` returns the compiled function, closed over the
vector of those objects (backend/link.py, build_jit_module).
"""

from __future__ import annotations

from typing import Any

from clysm.backend.link import build_jit_module
from clysm.driver.compile import Toolchain, finish
from clysm.driver.gc_pause import without_cyclic_gc
from clysm.errors import CompileError
from clysm.frontend.toplevel import process_forms
from clysm.lisp.data import Cons, Symbol, iter_list, lisp_list
from clysm.lisp.packages import Package, cl_symbol, clysm_symbol, standard_packages
from clysm.reader import read_from_string

JIT_PACKAGE = "CLYSM-JIT"
# Unqualified symbols of a request are those of COMMON-LISP (request.lisp):
# read in a package that uses COMMON-LISP and in which nothing is interned.
REQUEST_PACKAGE = "CLYSM-JIT-REQUEST"
FUNCTION, LAMBDA = cl_symbol("FUNCTION"), cl_symbol("LAMBDA")
LITERALS = clysm_symbol("%JIT-LITERALS")


def _request_package() -> Package:
    registry = standard_packages()
    if registry.find(JIT_PACKAGE) is None:
        registry.make(JIT_PACKAGE, [])
    package = registry.find(REQUEST_PACKAGE)
    if package is None:
        package = registry.make(REQUEST_PACKAGE, [], [registry.common_lisp])
    return package


def parse_request(text: str, package: Package | None = None) -> tuple[list[Symbol], Any]:
    """(specials, form) of a request; unqualified symbols are read in
    `package` (by default, those of COMMON-LISP as the runtime writes them)."""
    package = package or _request_package()
    request = read_from_string(text, home_prefixes=True, package=package)
    fields: dict[str, Any] = {}
    items = list(iter_list(request))
    for key, value in zip(items[::2], items[1::2], strict=True):
        if isinstance(key, Symbol):
            fields[key.name] = value
    form = fields.get("FORM")
    if not isinstance(form, Cons):
        raise CompileError("JIT request without a :FORM")
    specials = [s for s in iter_list(fields.get("SPECIALS")) if isinstance(s, Symbol)]
    return specials, form


@without_cyclic_gc
def compile_request(text: str, toolchain: Toolchain) -> bytes:
    """The Tier 2 module for a request, encoded (and validated when asked)."""
    specials, form = parse_request(text)
    image = toolchain.library.image
    image.specials.update(specials)  # special in the running image: special here
    maker = lisp_list(FUNCTION, lisp_list(LAMBDA, lisp_list(LITERALS), lisp_list(FUNCTION, form)))
    (toplevel,) = process_forms([maker], image)
    return finish(build_jit_module(toplevel))
