"""Compiling the runtime library into the runtime module.

The library files are processed as COMPILE-FILE processes a file, in one host
image: that image is then the compile-time environment of user programs (it
has every library macro), and the forms go into the runtime module.
"""

from __future__ import annotations

import contextlib
import pickle
from dataclasses import dataclass
from typing import Any

from clysm.backend.link import build_runtime_module
from clysm.driver.cache import cached_path, runtime_digest, store
from clysm.frontend.host_env import HostEnv
from clysm.frontend.ir import TopLevelForm
from clysm.frontend.toplevel import process_forms, read_file_forms
from clysm.runtime.library import library_paths
from clysm.wasm import Module


@dataclass
class CompiledLibrary:
    image: HostEnv
    forms: list[TopLevelForm]
    sources: list[tuple[str, str]]  # (file name, text) as compiled, in order


def library_sources() -> list[tuple[str, str]]:
    """(file name, text) of every library file, in load order."""
    return [(path.name, path.read_text(encoding="utf-8")) for path in library_paths()]


def compile_library(
    sources: list[tuple[str, str]] | None = None, *, emit: bool = True
) -> CompiledLibrary:
    """Process every library file in load order into one image.  With
    emit=False only the image is built (the runtime module is cached)."""
    sources = sources if sources is not None else library_sources()
    image = HostEnv.standard()
    forms: list[TopLevelForm] = []
    for name, text in sources:
        forms += process_forms(read_library_file(name, text), image, emit=emit)
    return CompiledLibrary(image, forms, sources)


def read_library_file(name: str, text: str) -> list[Any]:
    """The forms of a library file, from the on-disk cache when it has them
    (reading is a good part of building the compile-time image)."""
    path = cached_path(f"forms-{runtime_digest([(name, text)])}.pickle")
    try:
        with open(path, "rb") as f:
            forms: list[Any] = pickle.load(f)
        return forms
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        pass
    forms = read_file_forms(text, name)
    with contextlib.suppress(OSError, RecursionError, pickle.PickleError):
        store(path, pickle.dumps(forms, protocol=pickle.HIGHEST_PROTOCOL))  # only a cache
    return forms


def runtime_module(library: CompiledLibrary) -> Module:
    return build_runtime_module(library.forms)
