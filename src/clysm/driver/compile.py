"""From a source file to Wasm: the runtime module (built once and cached) and
a program module compiled against it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clysm.backend.link import build_program_module
from clysm.driver.cache import cached_path, runtime_digest, store
from clysm.driver.crossref import cross_reference
from clysm.driver.gc_pause import without_cyclic_gc
from clysm.driver.library_build import (
    CompiledLibrary,
    compile_library,
    library_sources,
    runtime_module,
)
from clysm.frontend.host_env import HostEnv
from clysm.frontend.ir import TopLevelForm
from clysm.frontend.toplevel import process_forms, process_source, read_file_forms
from clysm.lisp.data import NIL, Cons, LispString, Symbol, T, lisp_list
from clysm.lisp.packages import cl_symbol, clysm_symbol
from clysm.lisp.printer import prin1_to_string
from clysm.wasm import Module, encode, validate

DOLIST, QUOTE, EVAL = cl_symbol("DOLIST"), cl_symbol("QUOTE"), cl_symbol("EVAL")
FORM = clysm_symbol("FORM")
SETQ, JIT_THRESHOLD = cl_symbol("SETQ"), clysm_symbol("*JIT-THRESHOLD*")
JIT_LOG = clysm_symbol("*JIT-LOG*")
LOAD_SOURCE = clysm_symbol("%LOAD-SOURCE")
REPL, INPUT_REQUEST_MARKER = clysm_symbol("REPL"), clysm_symbol("*INPUT-REQUEST-MARKER*")
# Plist marks of generic function names, put at compile time by DEFGENERIC,
# DEFMETHOD and DEFCLASS (clos-methods.lisp): the library's generic functions
# are not DEFUNs, but the compiler must know them.
GENERIC_MARK, SETF_GENERIC_MARK = (
    clysm_symbol("%GENERIC-FUNCTION"),
    clysm_symbol("%SETF-GENERIC-FUNCTION"),
)


def _validating() -> bool:
    # The test suite sets this: every module it makes is checked by wasm-tools.
    return os.environ.get("CLYSM_VALIDATE", "") not in ("", "0")


def finish(module: Module) -> bytes:
    """Encode `module` (and validate it when asked to)."""
    data = encode(module)
    if _validating():
        validate(data)
    return data


def _marked(image: HostEnv, name: Any, mark: Symbol) -> bool:
    plist = image.plists.get(name, NIL)
    while isinstance(plist, Cons) and isinstance(plist.cdr, Cons):
        if plist.car is mark:
            return plist.cdr.car is not NIL
        plist = plist.cdr.cdr
    return False


@dataclass
class Toolchain:
    """The compiled library: its compile-time image and its runtime module."""

    library: CompiledLibrary
    runtime_path: Path
    warnings: list[str] = field(default_factory=list)  # of the last program compiled

    @classmethod
    @without_cyclic_gc
    def load(cls) -> Toolchain:
        sources = library_sources()
        path = cached_path(f"runtime-{runtime_digest(sources)}.wasm")
        if path.is_file():
            return cls(compile_library(sources, emit=False), path)
        library = compile_library(sources)
        store(path, finish(runtime_module(library)))
        return cls(library, path)

    def runtime_module(self) -> Module:
        """The runtime module itself (rebuilt: the cache holds only its bytes)."""
        return runtime_module(compile_library())

    @without_cyclic_gc
    def program_module(self, text: str, file: str) -> Module:
        """Compile one source file; its definitions go into the image too.
        Calls to functions defined nowhere become `warnings`."""
        forms = process_source(text, self.library.image, file)
        self.warnings = self._undefined_function_warnings(forms)
        return build_program_module(process_forms(_jit_log_setup(), self.library.image) + forms)

    def _undefined_function_warnings(self, forms: list[TopLevelForm]) -> list[str]:
        image = self.library.image
        xref = cross_reference(forms)
        warnings = []
        for name, pos in xref.called.items():
            if name in xref.defined:
                continue
            if isinstance(name, tuple):  # ("setf", symbol)
                known = name[1] in image.setf_functions or _marked(
                    image, name[1], SETF_GENERIC_MARK
                )
                shown = f"(SETF {prin1_to_string(name[1])})"
            else:
                known = (
                    name in image.functions
                    or name in image.macros
                    or _marked(image, name, GENERIC_MARK)
                )
                shown = prin1_to_string(name)
            if not known:
                where = f"{pos}: " if pos else ""
                warnings.append(f"{where}undefined function {shown}")
        return warnings

    @without_cyclic_gc
    def compile_program(self, text: str, file: str) -> bytes:
        return finish(self.program_module(text, file))

    @without_cyclic_gc
    def load_program(self, text: str, file: str, *, jit_threshold: int | None) -> bytes:
        """A program that LOADs `text` at run time: the runtime's own reader
        reads it and EVAL evaluates each form (`clysm load`)."""
        setup = lisp_list(SETQ, JIT_THRESHOLD, jit_threshold if jit_threshold else NIL)
        load = lisp_list(LOAD_SOURCE, LispString(text), LispString(file))
        forms = [*_jit_log_setup(), setup, load]
        return finish(build_program_module(process_forms(forms, self.library.image)))

    @without_cyclic_gc
    def repl_program(self, *, jit_threshold: int | None, input_marker: str | None = None) -> bytes:
        """A program running the runtime's read-eval-print loop (`clysm repl`).
        With `input_marker`, the program writes it to standard output each
        time it waits for input (driver/terminal.py)."""
        setup = lisp_list(SETQ, JIT_THRESHOLD, jit_threshold if jit_threshold else NIL)
        forms = [*_jit_log_setup(), setup]
        if input_marker is not None:
            forms.append(lisp_list(SETQ, INPUT_REQUEST_MARKER, LispString(input_marker)))
        forms.append(lisp_list(REPL))
        return finish(build_program_module(process_forms(forms, self.library.image)))

    @without_cyclic_gc
    def eval_program(self, text: str, file: str, *, jit_threshold: int | None = None) -> bytes:
        """A program that runs `text` in the Tier 1 interpreter: its forms
        (read at compile time) are handed to EVAL one by one at run time,
        with promotion to Tier 2 after `jit_threshold` calls (None: never)."""
        forms = read_file_forms(text, file)
        run = lisp_list(
            DOLIST, lisp_list(FORM, lisp_list(QUOTE, lisp_list(*forms))), lisp_list(EVAL, FORM)
        )
        setup = lisp_list(SETQ, JIT_THRESHOLD, jit_threshold if jit_threshold else NIL)
        toplevel = process_forms([*_jit_log_setup(), setup, run], self.library.image)
        return finish(build_program_module(toplevel))


def _jit_log_setup() -> list[object]:
    """With CLYSM_JIT_LOG set, a form logging promotions (docs/jit.md),
    to run before the program's own forms."""
    if os.environ.get("CLYSM_JIT_LOG", "") in ("", "0"):
        return []
    return [lisp_list(SETQ, JIT_LOG, T)]
