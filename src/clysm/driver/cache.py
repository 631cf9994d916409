"""The on-disk cache of built runtime modules.

A runtime module depends on the library sources and on the compiler that
built it, so its key is a digest of both: editing either rebuilds it.  The
digest covers exactly the library texts that were compiled, and the
compiler's sources as they were when this process imported the compiler
(a long-running process must not file an old build under a new key).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import clysm

PACKAGE_DIR = Path(clysm.__file__).parent
# The compiler's packages (the library's texts are hashed as compiled).
_COMPILER_PACKAGES = ("runtime", "frontend", "backend", "wasm", "lisp", "reader")


def cache_dir() -> Path:
    explicit = os.environ.get("CLYSM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clysm"


def _compiler_digest() -> str:
    h = hashlib.sha256(clysm.__version__.encode())
    for sub in _COMPILER_PACKAGES:
        for path in sorted((PACKAGE_DIR / sub).rglob("*.py")):
            h.update(str(path.relative_to(PACKAGE_DIR)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


_COMPILER_DIGEST = _compiler_digest()


def runtime_digest(library_sources: list[tuple[str, str]]) -> str:
    h = hashlib.sha256(_COMPILER_DIGEST.encode())
    for name, text in library_sources:
        h.update(name.encode() + b"\0" + text.encode() + b"\0")
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
