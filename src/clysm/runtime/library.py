"""The runtime library's Lisp sources, in the order they must be loaded.

Each file may use only macros defined by the files before it (or earlier in
itself).  The host image loads them to get the standard macros at compile
time; the back end compiles the same files into the runtime module.
"""

from __future__ import annotations

from pathlib import Path

from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_load import load_source

LISP_DIR = Path(__file__).parent / "lisp"
# The Tier 1 interpreter is Lisp compiled into the runtime too.
TIERING_LISP_DIR = Path(__file__).parent.parent / "tiering" / "lisp"

LIBRARY_FILES: tuple[str, ...] = (
    "boot.lisp",
    "backquote.lisp",
    "control.lisp",
    "transforms.lisp",
    "list.lisp",
    "kernel.lisp",
    "unicode-tables.lisp",
    "characters.lisp",
    "bignum.lisp",
    "numbers.lisp",
    "float.lisp",
    "irrat.lisp",
    "setf.lisp",
    "stream.lisp",
    "print.lisp",
    "format.lisp",
    "layout.lisp",
    "conditions.lisp",
    "packages.lisp",
    "array.lisp",
    "input.lisp",
    "reader.lisp",
    "types.lisp",
    "subtypep.lisp",
    "struct.lisp",
    "hash-table.lisp",
    "sequence.lisp",
    "unicode-names.lisp",
    "charnames.lisp",
    "files.lisp",
    "loop.lisp",
    "pprint.lisp",
    "pprint-dispatch.lisp",
    "format-pprint.lisp",
    "circle.lisp",
    "clos-classes.lisp",
    "clos-methods.lisp",
    "clos-protocol.lisp",
)

# The Tier 1 interpreter (src/clysm/tiering/lisp), after the whole library.
TIERING_FILES: tuple[str, ...] = (
    "environment.lisp",
    "lambda-list.lisp",
    "tiers.lisp",
    "interpreter.lisp",
    "expand.lisp",
    "request.lisp",
    "load.lisp",
    "repl.lisp",
)


def library_paths() -> list[Path]:
    paths = [LISP_DIR / name for name in LIBRARY_FILES]
    return paths + [TIERING_LISP_DIR / name for name in TIERING_FILES]


def load_library(image: HostEnv) -> HostEnv:
    """Load every library file into `image` (as LOAD would) and return it."""
    for path in library_paths():
        load_source(path.read_text(encoding="utf-8"), image, str(path))
    return image
