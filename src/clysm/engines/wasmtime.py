"""wasmtime through its CLI: earlier modules are linked with --preload."""

from __future__ import annotations

from collections.abc import Sequence

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
)


class WasmtimeEngine(Engine):
    name = "wasmtime"

    def command(self, modules: Sequence[WasmModuleFile], args: Sequence[str] = ()) -> list[str]:
        *preloads, main = modules
        cmd = [str(find_wasmtime()), "run", *WASMTIME_FLAGS]
        for module in preloads:
            cmd += ["--preload", f"{module.name}={module.path}"]
        return [*cmd, "--", str(main.path), *args]
