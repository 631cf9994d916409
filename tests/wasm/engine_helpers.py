"""Minimal engine runners for the wasm toolchain tests (tests only).

node: one process runs a whole batch of modules, each instantiated with a
`host` import object (print_i32/print_i64/print_f64) and its `main` export
called.  wasmtime: `wasmtime run --invoke main`, one process per module, run
concurrently.  Both report a `RunResult`.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from clysm.engines.tools import find_node, find_wasmtime
from clysm.engines.wasmtime import WASMTIME_FLAGS

_NODE_RUNNER = r"""
const fs = require('fs');
function fmt(x) {
  if (typeof x === 'number' && Object.is(x, -0)) return '-0';
  return String(x);
}
const host = {
  print_i32: (x) => console.log(String(x)),
  print_i64: (x) => console.log(String(x)),
  print_f64: (x) => console.log(fmt(x)),
};
for (const [i, file] of process.argv.slice(2).entries()) {
  console.log('### ' + i);
  try {
    const mod = new WebAssembly.Module(fs.readFileSync(file));
    const inst = new WebAssembly.Instance(mod, { host });
    const r = inst.exports.main();
    if (r !== undefined) console.log('=> ' + fmt(r));
  } catch (e) {
    const kind = e instanceof WebAssembly.RuntimeError ? 'trap' : 'error';
    console.log('!! ' + kind + ': ' + e.message);
    console.log('!!stack ' + JSON.stringify(String(e.stack)));
  }
}
"""


def node_path() -> str:
    return str(find_node())


def wasmtime_path() -> str:
    return str(find_wasmtime())


@dataclass
class RunResult:
    output: list[str] = field(default_factory=list)  # printed lines, without the result
    value: str | None = None  # main's result as the engine prints it
    trap: str | None = None  # trap or error message
    stack: str = ""  # stack trace / backtrace text, when there was a trap

    def number(self) -> int | float:
        assert self.trap is None, f"trapped: {self.trap}"
        assert self.value is not None, "main returned nothing"
        try:
            return int(self.value)
        except ValueError:
            return float(self.value)


def run_node_batch(wasms: list[bytes]) -> list[RunResult]:
    with tempfile.TemporaryDirectory() as tmp:
        runner = Path(tmp) / "runner.cjs"
        runner.write_text(_NODE_RUNNER)
        files = []
        for i, w in enumerate(wasms):
            p = Path(tmp) / f"m{i}.wasm"
            p.write_bytes(w)
            files.append(str(p))
        proc = subprocess.run(
            [node_path(), str(runner), *files],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    results: list[RunResult] = []
    for line in proc.stdout.splitlines():
        if line.startswith("### "):
            results.append(RunResult())
        elif line.startswith("=> "):
            results[-1].value = line[3:]
        elif line.startswith("!!stack "):
            results[-1].stack = json.loads(line[8:])
        elif line.startswith("!! "):
            results[-1].trap = line[3:]
        else:
            results[-1].output.append(line)
    assert len(results) == len(wasms), proc.stdout
    return results


def run_wasmtime(wasm: bytes) -> RunResult:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "m.wasm"
        p.write_bytes(wasm)
        proc = subprocess.run(
            [wasmtime_path(), "run", *WASMTIME_FLAGS, "--invoke", "main", str(p)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "RUST_BACKTRACE": "0"},  # the wasm backtrace is enough
        )
    if proc.returncode != 0:
        return RunResult(trap=proc.stderr.strip(), stack=proc.stderr)
    lines = proc.stdout.splitlines()
    return RunResult(output=lines[:-1], value=lines[-1] if lines else None)


def run_wasmtime_batch(wasms: list[bytes]) -> list[RunResult]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(run_wasmtime, wasms))


def run_both(wasm: bytes) -> tuple[RunResult, RunResult]:
    with ThreadPoolExecutor(max_workers=1) as pool:
        wt = pool.submit(run_wasmtime, wasm)
        (nd,) = run_node_batch([wasm])
        return nd, wt.result()
