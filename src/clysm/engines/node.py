"""V8 through Node.js: modules run under our JS host (js/node-main.mjs)."""

from __future__ import annotations

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
