"""`clysm bench jit`: the JIT benchmark (issue 6, point 8).

bench/jit/latency.lisp runs compiled ahead of time on node, with the
compile service: it promotes generated functions of 1,000 statements with
COMPILE and times each promotion from the call to installed code, then
times fib and tak in Tier 1, in Tier 2 and AOT.  Beside that, this module
compiles the first generated function in this process, phase by phase
(read, front end, back end, encoding), to show where the service's time
goes, and profiles that compile to name the hot spots.
"""

from __future__ import annotations

import contextlib
import cProfile
import itertools
import pstats
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from clysm.bench.runners import Prepared
from clysm.bench.stats import median
from clysm.errors import ClysmError

if TYPE_CHECKING:
    from clysm.driver.compile import Toolchain

LATENCY_PROGRAM = Path(__file__).resolve().parents[3] / "bench" / "jit" / "latency.lisp"


@dataclass
class Promotion:
    name: str
    lines: int
    ok: bool
    ms: int
    failure: str = ""
    service_ms: float | None = None  # of `ms`, compiling in the service


@dataclass
class SpeedUp:
    benchmark: str
    tier1_ms: float  # per call
    tier2_ms: float
    aot_ms: float

    @property
    def tier2_over_tier1(self) -> float:
        return self.tier1_ms / self.tier2_ms

    @property
    def aot_over_tier2(self) -> float:
        return self.tier2_ms / self.aot_ms


@dataclass
class JitResults:
    first_promotion_ms: int | None = None
    promotions: list[Promotion] = field(default_factory=list)
    speed_ups: list[SpeedUp] = field(default_factory=list)
    statistics: str = ""
    phases_ms: dict[str, float] = field(default_factory=dict)
    hot_spots: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0

    @property
    def median_latency_ms(self) -> float | None:
        times = [p.ms for p in self.promotions if p.ok]
        return median(times) if times else None

    def to_json(self) -> dict[str, object]:
        return {
            **asdict(self),
            "median_latency_ms": self.median_latency_ms,
            "speed_ups": [
                {**asdict(s), "tier2_over_tier1": s.tier2_over_tier1} for s in self.speed_ups
            ],
        }


def parse_output(text: str, results: JitResults) -> str | None:
    """Fill `results` from the program's lines; returns the printed definition."""
    definition = None
    for line in text.splitlines():
        key, _, rest = line.partition(" ")
        words = rest.split()
        if key == "definition":
            definition = rest
        elif key == "first-promotion" and len(words) >= 2:
            results.first_promotion_ms = int(words[1])
        elif key == "promotion" and len(words) >= 4:
            name, lines, status, ms = words[:4]
            failure = " ".join(words[4:])
            results.promotions.append(Promotion(name, int(lines), status == "ok", int(ms), failure))
        elif key == "speed-up" and len(words) == 5:
            name, size, tier1, tier2, aot = words
            results.speed_ups.append(
                SpeedUp(f"{name} {size}", float(tier1), float(tier2), float(aot))
            )
        elif key == "statistics":
            results.statistics = rest
    return definition


def run_latency_program(functions: int, lines: int, fib_n: int, timeout: float) -> JitResults:
    from clysm.driver.compile import Toolchain
    from clysm.engines import WasmModuleFile, get_engine

    settings = (
        f"(defvar *functions* {functions})\n(defvar *lines* {lines})\n"
        f"(defvar *fib-n* {fib_n})\n(defvar *print-definition* t)\n"
    )
    text = settings + LATENCY_PROGRAM.read_text(encoding="utf-8")
    tc = Toolchain.load()
    program = tc.compile_program(text, "latency.lisp")
    node = get_engine("node")
    with tempfile.TemporaryDirectory(prefix="clysm-bench-") as tmp:
        path = Path(tmp) / "program.wasm"
        path.write_bytes(program)
        modules = [WasmModuleFile("rt", tc.runtime_path), WasmModuleFile("program", path)]
        # As `clysm run` does: the JIT requests are compiled on a thread of
        # this process, which already holds the compiler.
        job = Prepared(node.command(modules), node.environment(), jit_toolchain=tc)
        service_ms: list[float] = []
        with _timed_service(service_ms):
            sample = job.run(timeout)
    if not sample.ok:
        raise ClysmError(f"the JIT benchmark failed: {sample.stderr[-1000:]}")
    results = JitResults(wall_seconds=sample.seconds)
    definition = parse_output(sample.stdout, results)
    # Requests arrive in order: the warm-up function, then the generated ones.
    for promotion, ms in zip(results.promotions, service_ms[1:], strict=False):
        promotion.service_ms = ms
    if definition is not None:
        results.phases_ms, results.hot_spots = compile_phases(definition)
    return results


@contextlib.contextmanager
def _timed_service(times: list[float]) -> Iterator[None]:
    """Time each request the in-process compile service compiles (appended
    to `times`, in milliseconds), to split a promotion's latency between the
    service and the rest (expansion and printing in the runtime, the pipe,
    instantiating the module)."""
    from clysm.tiering import jit_service

    original = jit_service.compile_request

    def timed(text: str, toolchain: Toolchain) -> bytes:
        start = time.perf_counter()
        try:
            return original(text, toolchain)
        finally:
            times.append((time.perf_counter() - start) * 1000)

    jit_service.compile_request = timed
    try:
        yield
    finally:
        jit_service.compile_request = original


def _request_text(definition: str) -> str:
    # (DEFUN NAME (X) . BODY) as the runtime would send it: a named lambda
    # whose body is in a block of its name (the runtime expands the macros
    # first; here the service expands them, which costs about the same).
    inner = definition.strip()
    assert inner.startswith("(DEFUN ")
    name, _, rest = inner[len("(DEFUN ") :].partition(" ")
    lambda_list, _, body = rest.partition(" ")
    return (
        f"(:specials () :form (CLYSM::NAMED-LAMBDA {name} {lambda_list} "
        f"(BLOCK {name} {body[:-1]})))"
    )


def compile_phases(
    definition: str, repeats: int = 3, profile: bool = True
) -> tuple[dict[str, float], list[str]]:
    """Median milliseconds of each phase of compiling `definition` as the
    service does (with Python's cyclic garbage collector paused), and the
    top functions of a profile of that compile."""
    from clysm.backend.link import build_jit_module
    from clysm.driver.compile import Toolchain
    from clysm.driver.gc_pause import cyclic_gc_paused
    from clysm.frontend.toplevel import process_forms
    from clysm.lisp.data import lisp_list
    from clysm.lisp.packages import standard_packages
    from clysm.tiering.jit_compiler import FUNCTION, LAMBDA, LITERALS, parse_request
    from clysm.wasm import encode, validate

    text = _request_text(definition)
    tc = Toolchain.load()
    image = tc.library.image

    def once(times: dict[str, list[float]]) -> None:
        marks = [time.perf_counter()]
        # The definition was printed in CL-USER, unlike a real request.
        specials, form = parse_request(text, standard_packages().cl_user)
        marks.append(time.perf_counter())
        image.specials.update(specials)
        maker = lisp_list(
            FUNCTION, lisp_list(LAMBDA, lisp_list(LITERALS), lisp_list(FUNCTION, form))
        )
        (toplevel,) = process_forms([maker], image)
        marks.append(time.perf_counter())
        module = build_jit_module(toplevel)
        marks.append(time.perf_counter())
        data = encode(module)
        marks.append(time.perf_counter())
        validate(data)  # wasm-tools: what the engine's own validation stands for
        marks.append(time.perf_counter())
        names = ("read", "front end", "back end", "encode", "validate (wasm-tools)")
        for phase, (a, b) in zip(names, itertools.pairwise(marks), strict=True):
            times.setdefault(phase, []).append((b - a) * 1000)

    times: dict[str, list[float]] = {}
    with cyclic_gc_paused():
        for _ in range(repeats):
            once(times)
    phases = {k: median(v) for k, v in times.items()}
    if not profile:
        return phases, []
    profiler = cProfile.Profile()
    with cyclic_gc_paused():
        profiler.enable()
        once({})
        profiler.disable()
    return phases, _hot_spots(profiler)


def _hot_spots(profile: cProfile.Profile, count: int = 12) -> list[str]:
    stats = pstats.Stats(profile)
    rows = []
    for (file, line, function), entry in stats.stats.items():  # type: ignore[attr-defined]
        calls, total = entry[1], entry[2]
        where = f"{Path(file).parent.name}/{Path(file).name}:{line}" if line else file
        rows.append((total, f"{function} ({where}): {total * 1000:.0f} ms self, {calls} calls"))
    rows.sort(reverse=True)
    return [text for _, text in rows[:count]]


def format_report(results: JitResults) -> str:
    lines = ["JIT benchmark (clysm bench jit)", ""]
    if results.first_promotion_ms is not None:
        lines.append(f"first promotion (a tiny function): {results.first_promotion_ms} ms")
    for p in results.promotions:
        status = "ok" if p.ok else f"FAILED: {p.failure}"
        split = ""
        if p.service_ms is not None:
            rest = p.ms - p.service_ms
            split = f" (compiling in the service {p.service_ms:.0f} ms, the rest {rest:.0f} ms)"
        lines.append(f"promotion of {p.name} ({p.lines} lines): {p.ms} ms{split} {status}")
    latency = results.median_latency_ms
    if latency is not None:
        verdict = "met" if latency <= 100 else "not met"
        lines.append(f"median promotion latency: {latency:.0f} ms (target <= 100 ms: {verdict})")
    if results.phases_ms:
        total = sum(results.phases_ms.values())
        phases = ", ".join(f"{k} {v:.0f} ms" for k, v in results.phases_ms.items())
        lines.append(f"compiling the first function in-process: {total:.0f} ms ({phases})")
    for s in results.speed_ups:
        verdict = "met" if s.tier2_over_tier1 >= 10 else "not met"
        lines.append(
            f"{s.benchmark}: Tier 1 {s.tier1_ms:.2f} ms, Tier 2 {s.tier2_ms:.2f} ms, "
            f"AOT {s.aot_ms:.2f} ms per call; Tier 2 / Tier 1 speed-up "
            f"{s.tier2_over_tier1:.1f}x (target >= 10x: {verdict}); "
            f"Tier 2 is {s.aot_over_tier2:.2f}x AOT's time"
        )
    if results.statistics:
        lines.append(f"jit-statistics: {results.statistics}")
    if results.hot_spots:
        lines += ["", "hot spots of the in-process compile (self time):"]
        lines += [f"  {h}" for h in results.hot_spots]
    return "\n".join(lines)
