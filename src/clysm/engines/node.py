"""V8 through Node.js: modules run under our JS host (js/node-main.mjs)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from clysm.engines.base import Engine, WasmModuleFile
from clysm.engines.tools import find_node

JS_DIR = Path(__file__).parent / "js"
NODE_MAIN = JS_DIR / "node-main.mjs"

# A deeper JS stack than node's default, so deep (non-tail) Lisp recursion
# gets far before the runtime's own depth limit turns it into a Lisp error.
NODE_FLAGS = ("--stack-size=4000",)


class NodeEngine(Engine):
    name = "node"

    def command(self, modules: Sequence[WasmModuleFile], args: Sequence[str] = ()) -> list[str]:
        specs = [f"{m.name}={m.path}" for m in modules]
        return [str(find_node()), *NODE_FLAGS, str(NODE_MAIN), *specs, "--", *args]

    def environment(self) -> dict[str, str]:
        # How our JS host starts the JIT compile service (docs/jit.md): this
        # very Python, so the service compiles with the same compiler.
        env = super().environment()
        env.setdefault("CLYSM_JIT_SERVICE", json.dumps(jit_service_command()))
        return env


def jit_service_command() -> list[str]:
    return [sys.executable, "-m", "clysm.tiering.jit_service"]
