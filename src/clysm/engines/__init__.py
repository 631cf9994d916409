"""Engine adapters: one interface (`Engine`) over V8/node and wasmtime."""

from __future__ import annotations

from clysm.engines.base import Engine, RunResult, WasmModuleFile
from clysm.engines.node import NodeEngine
from clysm.engines.wasmtime import WasmtimeEngine
from clysm.errors import EngineError

ENGINES: dict[str, type[Engine]] = {"node": NodeEngine, "wasmtime": WasmtimeEngine}
DEFAULT_ENGINE = "node"


def get_engine(name: str = DEFAULT_ENGINE) -> Engine:
    try:
        return ENGINES[name]()
    except KeyError:
        known = ", ".join(ENGINES)
        raise EngineError(f"unknown engine {name!r} (expected one of: {known})") from None


__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "RunResult", "WasmModuleFile", "get_engine"]
