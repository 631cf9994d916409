"""Compiling the runtime library into the runtime module.

The library files are processed as COMPILE-FILE processes a file, in one host
image: that image is then the compile-time environment of user programs (it
has every library macro), and the forms go into the runtime module.
"""

from __future__ import annotations

from dataclasses import dataclass

from clysm.backend.link import build_runtime_module
from clysm.frontend.host_env import HostEnv
from clysm.frontend.ir import TopLevelForm
from clysm.frontend.toplevel import process_source
from clysm.runtime.library import library_paths
from clysm.wasm import Module


@dataclass
class CompiledLibrary:
    image: HostEnv
    forms: list[TopLevelForm]
    sources: list[tuple[str, str]]  # (file name, text) as compiled, in order


def compile_library() -> CompiledLibrary:
    """Process every library file in load order into one image."""
    image = HostEnv.standard()
    forms: list[TopLevelForm] = []
    sources = []
    for path in library_paths():
        text = path.read_text(encoding="utf-8")
        sources.append((path.name, text))
        forms += process_source(text, image, path.name)
    return CompiledLibrary(image, forms, sources)


def runtime_module(library: CompiledLibrary) -> Module:
    return build_runtime_module(library.forms)
