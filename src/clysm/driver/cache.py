"""The on-disk cache of built runtime modules.

A runtime module depends on the library sources and on the compiler that
built it, so its key is a digest of both: editing either rebuilds it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import clysm

PACKAGE_DIR = Path(clysm.__file__).parent
# What a runtime module is made of: the library sources and the compiler.
_INPUTS = ("runtime", "frontend", "backend", "wasm", "lisp", "reader")


def cache_dir() -> Path:
    explicit = os.environ.get("CLYSM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clysm"


def source_digest() -> str:
    h = hashlib.sha256(clysm.__version__.encode())
    for sub in _INPUTS:
        for path in sorted((PACKAGE_DIR / sub).rglob("*")):
            if path.suffix in (".py", ".lisp") and path.is_file():
                h.update(str(path.relative_to(PACKAGE_DIR)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:20]


def cached_path(name: str) -> Path:
    return cache_dir() / name


def store(path: Path, data: bytes) -> None:
    """Write atomically, so concurrent runs never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
