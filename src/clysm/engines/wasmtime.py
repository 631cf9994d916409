"""wasmtime through its CLI: earlier modules are linked with --preload."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from clysm.engines.base import Engine, WasmModuleFile
from clysm.engines.tools import find_wasmtime

# The proposals clysm's modules use; the copying collector is much faster than
# wasmtime's default one for allocation-heavy Lisp code.  A 4 MiB Wasm stack
# (default 512 KiB) lets deep non-tail recursion reach the runtime's own depth
# limit, which signals a Lisp storage-condition instead of crashing.
WASMTIME_FLAGS = (
    "-W",
    "gc=y,function-references=y,tail-call=y,exceptions=y,max-wasm-stack=4194304",
    "-C",
    "collector=copying",
    # Compiling the runtime module takes seconds: keep the machine code.
    "-C",
    "cache=y",
)

# Files for the runtime's OPEN and LOAD: the current directory and the root,
# as our JS host gives them on node (engines/js/clysm-host.mjs).
PREOPENS = ("--dir", ".", "--dir", "/")


class WasmtimeEngine(Engine):
    name = "wasmtime"

    def command(self, modules: Sequence[WasmModuleFile], args: Sequence[str] = ()) -> list[str]:
        *preloads, main = modules
        cmd = [str(find_wasmtime()), "run", *WASMTIME_FLAGS, *PREOPENS]
        # wasmtime cannot host the JIT: the runtime's "clysm_host" imports
        # come from a stub whose compile always fails (functions stay in Tier 1).
        cmd += ["--preload", f"clysm_host={host_stub_path()}"]
        for module in preloads:
            cmd += ["--preload", f"{module.name}={module.path}"]
        return [*cmd, "--", str(main.path), *args]


def host_stub_module() -> bytes:
    """The "clysm_host" module for wasmtime: jit_compile fails, jit_error is empty."""
    from clysm.wasm import Module, encode
    from clysm.wasm.types import EQREF, I32

    m = Module("clysm-host-stub")
    compile_type = m.func_type([I32, I32, EQREF], [EQREF])
    error_type = m.func_type([I32, I32], [I32])
    m.add_export(
        "jit_compile", "func", m.add_function("jit_compile", compile_type, [], [("ref.null", "eq")])
    )
    m.add_export(
        "jit_error", "func", m.add_function("jit_error", error_type, [], [("i32.const", 0)])
    )
    return encode(m)


def host_stub_path() -> Path:
    path = Path(tempfile.gettempdir()) / f"clysm-host-stub-{os.getuid()}.wasm"
    data = host_stub_module()
    if not path.is_file() or path.read_bytes() != data:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path
