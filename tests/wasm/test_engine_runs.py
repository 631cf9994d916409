"""Every sample module validates and gives its known result on node and wasmtime."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import pytest
from engine_helpers import RunResult, run_node_batch, run_wasmtime_batch
from wasm_samples import Sample, all_samples

from clysm.wasm import encode, validate

SAMPLES = {s.name: s for s in all_samples()}
BINARIES = {name: encode(s.module) for name, s in SAMPLES.items()}
ON_WASMTIME = [n for n, s in SAMPLES.items() if not s.node_only]


@pytest.fixture(scope="module")
def runs() -> dict[str, dict[str, RunResult]]:
    """All samples run in one node process and concurrent wasmtime processes."""
    names = list(SAMPLES)
    with ThreadPoolExecutor(max_workers=1) as pool:
        wt = pool.submit(run_wasmtime_batch, [BINARIES[n] for n in ON_WASMTIME])
        node = run_node_batch([BINARIES[n] for n in names])
        wasmtime = wt.result()
    results: dict[str, dict[str, RunResult]] = {
        n: {"node": r} for n, r in zip(names, node, strict=True)
    }
    for n, r in zip(ON_WASMTIME, wasmtime, strict=True):
        results[n]["wasmtime"] = r
    return results


def check(s: Sample, r: RunResult, engine: str) -> None:
    if s.trap:
        assert r.trap is not None, f"expected a trap, got {r.value!r}"
        assert s.trap[engine] in r.trap
        return
    assert r.trap is None, r.trap
    if s.output is not None:
        assert r.output == s.output
    if s.expected is None:
        return
    assert r.value is not None
    if isinstance(s.expected, float):
        got = float(r.value)
        if math.isnan(s.expected):
            assert math.isnan(got)
        else:
            assert got == s.expected
            assert math.copysign(1.0, got) == math.copysign(1.0, s.expected)  # -0.0
    else:
        assert int(r.value) == s.expected


@pytest.mark.parametrize("name", list(SAMPLES))
def test_sample_validates(name: str) -> None:
    validate(BINARIES[name])


@pytest.mark.parametrize("name", list(SAMPLES))
def test_sample_on_node(runs: dict[str, dict[str, RunResult]], name: str) -> None:
    check(SAMPLES[name], runs[name]["node"], "node")


@pytest.mark.parametrize("name", ON_WASMTIME)
def test_sample_on_wasmtime(runs: dict[str, dict[str, RunResult]], name: str) -> None:
    check(SAMPLES[name], runs[name]["wasmtime"], "wasmtime")
