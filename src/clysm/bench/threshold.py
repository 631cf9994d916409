"""How the JIT threshold changes tiered run time:
`python -m clysm.bench.threshold [--bench fib,tak] [--size quick] [--runs 3]
[--programs FILE ...]`.

Each benchmark of the suite runs under `clysm load` (node, compile requests
served in-process as `clysm load` does) with every threshold of a sweep and
with the JIT off; runs are interleaved round by round and medians kept.  The
table shows, per threshold, each benchmark's time relative to the best
threshold for it, and the geometric mean of those ratios: the default
threshold (driver/run.py) is the one with the smallest mean (docs/jit.md).

With --programs, the given Lisp files are measured instead of the suite:
ordinary programs with many functions, most of them called a few times,
show what promoting cold code costs, which the benchmarks' few hot
functions do not.
"""

from __future__ import annotations

import argparse
import functools
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from clysm.bench import suite
from clysm.bench.process import measure
from clysm.bench.stats import geometric_mean, median

if TYPE_CHECKING:
    from clysm.driver.compile import Toolchain

DEFAULT_THRESHOLDS = (1, 10, 100, 1000, 10000)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bench", metavar="NAME,...", help="only these benchmarks")
    parser.add_argument("--size", choices=suite.SIZES, default="quick")
    parser.add_argument("--runs", type=int, default=3, help="runs per threshold (median)")
    parser.add_argument(
        "--programs", nargs="+", type=Path, metavar="FILE", help="measure these files instead"
    )
    parser.add_argument(
        "--thresholds",
        default=",".join(map(str, DEFAULT_THRESHOLDS)),
        help="comma-separated thresholds to compare",
    )


@functools.cache
def _toolchain() -> Toolchain:
    # One compile-time image for the whole sweep: building it takes seconds.
    from clysm.driver.compile import Toolchain

    return Toolchain.load()


def _time_load(text: str, name: str, threshold: int | None, workdir: Path) -> float | None:
    from clysm.engines import WasmModuleFile, get_engine
    from clysm.tiering.jit_service import InProcessService

    tc = _toolchain()
    program = workdir / f"{name}-{threshold}.wasm"
    program.write_bytes(tc.load_program(text, f"{name}.lisp", jit_threshold=threshold))
    node = get_engine("node")
    command = node.command(
        [WasmModuleFile("rt", tc.runtime_path), WasmModuleFile("program", program)]
    )
    with InProcessService(tc) as service:
        env = {**node.environment(), **service.environment}
        sample = measure(command, env=env, timeout=600, pass_fds=service.pass_fds)
    return sample.seconds if sample.ok else None


def run(args: argparse.Namespace) -> int:
    if args.programs:
        programs = [(path.stem, path.read_text(encoding="utf-8")) for path in args.programs]
    else:
        names = args.bench.split(",") if args.bench else None
        programs = [(b.name, b.source(args.size)) for b in suite.discover(names=names)]
    thresholds: list[int | None] = [int(t) for t in args.thresholds.split(",")]
    thresholds.append(None)
    times: dict[tuple[str, int | None], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="clysm-threshold-") as tmp:
        for _ in range(args.runs):
            for name, text in programs:
                for threshold in thresholds:
                    seconds = _time_load(text, name, threshold, Path(tmp))
                    if seconds is not None:
                        times.setdefault((name, threshold), []).append(seconds)
    label = {t: ("no JIT" if t is None else str(t)) for t in thresholds}
    print("| benchmark | " + " | ".join(label[t] for t in thresholds) + " |")
    print("|---" * (len(thresholds) + 1) + "|")
    ratios: dict[int | None, list[float]] = {t: [] for t in thresholds}
    for name, _ in programs:
        medians = {t: median(times[(name, t)]) for t in thresholds if (name, t) in times}
        if not medians:
            continue
        best = min(medians.values())
        cells = []
        for t in thresholds:
            if t in medians:
                ratios[t].append(medians[t] / best)
                cells.append(f"{medians[t]:.3f}")
            else:
                cells.append("fail")
        print(f"| {name} | " + " | ".join(cells) + " |")
    means = {t: geometric_mean(r) for t, r in ratios.items()}
    print(
        "| **geometric mean of time / best** | "
        + " | ".join(f"**{means[t]:.2f}**" if means[t] else "-" for t in thresholds)
        + " |"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m clysm.bench.threshold", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
