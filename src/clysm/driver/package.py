"""`clysm compile`: a directory that runs with node alone and loads in a
browser page.

    DIR/main.mjs          node DIR/main.mjs [ARGS...]
    DIR/index.html        serve DIR over HTTP and open it
    DIR/rt.wasm           the runtime module
    DIR/program.wasm      the program module
    DIR/*.mjs             the JS host (WASI subset and module linking)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from clysm.driver.compile import Toolchain, finish
from clysm.driver.run import report_warnings
from clysm.engines.node import JS_DIR
from clysm.wasm import to_wat

# Files copied from the engine adapters' JS folder: source name -> name in DIR.
HOST_FILES = {
    "clysm-host.mjs": "clysm-host.mjs",
    "node-main.mjs": "node-main.mjs",
    "program-main.mjs": "main.mjs",
    "browser-main.mjs": "browser-main.mjs",
    "index.html": "index.html",
}


def write_program_directory(
    text: str, file: str, out: Path, *, wat: bool = False, toolchain: Toolchain | None = None
) -> list[Path]:
    """Compile `text` and write the directory; returns the files written."""
    tc = toolchain or Toolchain.load()
    program = tc.program_module(text, file)
    report_warnings(tc.warnings)
    program_bytes = finish(program)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source, name in HOST_FILES.items():
        shutil.copyfile(JS_DIR / source, out / name)
        written.append(out / name)
    shutil.copyfile(tc.runtime_path, out / "rt.wasm")
    (out / "program.wasm").write_bytes(program_bytes)
    written += [out / "rt.wasm", out / "program.wasm"]
    if wat:
        (out / "program.wat").write_text(to_wat(program), encoding="utf-8")
        (out / "rt.wat").write_text(to_wat(tc.runtime_module()), encoding="utf-8")
        written += [out / "program.wat", out / "rt.wat"]
    return written
