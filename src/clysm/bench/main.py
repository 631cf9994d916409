"""`clysm bench` and `clysm bench jit`: options and flow."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from clysm.bench import chart, extras, jit, machine, report, runners, session, suite, targets
from clysm.errors import ClysmError


def default_output_dir() -> Path:
    return suite.default_suite_dir().parent / "results"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "what", nargs="?", choices=("suite", "jit"), default="suite",
        help="the benchmark suite (default) or the JIT benchmark",
    )  # fmt: skip
    parser.add_argument(
        "--quick", action="store_true",
        help="smaller sizes and one run each: a short run (a few minutes)",
    )  # fmt: skip
    parser.add_argument("--size", choices=suite.SIZES, help="program sizes (default: full)")
    parser.add_argument("--runs", type=int, help="runs per mode, median taken (default 3)")
    parser.add_argument("--bench", metavar="NAME,...", help="only these benchmarks")
    parser.add_argument("--modes", metavar="MODE,...", help="only these modes (sbcl always)")
    parser.add_argument(
        "--timeout", type=float, default=120.0, metavar="S",
        help="stop a run after S seconds (default 120)",
    )  # fmt: skip
    parser.add_argument(
        "--repeat-limit", type=float, default=10.0, metavar="S",
        help="do not repeat a mode whose first run took over S seconds (default 10)",
    )  # fmt: skip
    parser.add_argument("--no-extras", action="store_true", help="skip start-up, sizes, throughput")
    parser.add_argument(
        "--output", type=Path, metavar="DIR",
        help="where to write the JSON, SVG and Markdown (default: bench/results)",
    )  # fmt: skip
    parser.add_argument("--functions", type=int, default=5, help="jit: generated functions")
    parser.add_argument("--lines", type=int, default=1000, help="jit: statements per function")


def run(args: argparse.Namespace) -> int:
    # A TERM signal unwinds like an interrupt, so the run being measured is ended.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    output: Path = args.output or default_output_dir()
    output.mkdir(parents=True, exist_ok=True)
    if args.what == "jit":
        return _run_jit(args, output)
    return _run_suite(args, output)


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _selected_runners(modes: str | None) -> list[runners.Runner]:
    from clysm.driver.run import DEFAULT_JIT_THRESHOLD

    every = runners.all_runners(DEFAULT_JIT_THRESHOLD)
    if not modes:
        return every
    wanted = {m.strip() for m in modes.split(",") if m.strip()} | {session.REFERENCE}
    unknown = wanted - {r.name for r in every}
    if unknown:
        known = ", ".join(r.name for r in every)
        raise ClysmError(f"unknown mode(s) {', '.join(sorted(unknown))}; modes: {known}")
    return [r for r in every if r.name in wanted]


def _run_suite(args: argparse.Namespace, output: Path) -> int:
    size = args.size or ("quick" if args.quick else "full")
    options = session.SessionOptions(
        size=size,
        runs=args.runs or (1 if args.quick else 3),
        timeout=args.timeout,
        repeat_limit=args.repeat_limit,
    )
    try:
        names = [n.strip() for n in args.bench.split(",")] if args.bench else None
        benchmarks = suite.discover(names=names)
    except ValueError as exc:
        raise ClysmError(str(exc)) from None
    selected = _selected_runners(args.modes)
    about = machine.describe()
    _progress(f"clysm bench: {len(benchmarks)} benchmarks, size {size}, {options.runs} run(s)")
    _warm_up(selected)
    results = session.run_suite(benchmarks, selected, options, _progress)
    figures = None
    if not args.no_extras:
        _progress("clysm bench: start-up, module sizes, compile throughput")
        engines = [e for e in ("node", "wasmtime") if any(r.name == f"clysm-{e}" for r in selected)]
        figures = extras.measure_extras(runs=5, engines=engines or ["node"])
        _add_suite_throughput(figures, results)
    about["load_average_at_end"] = machine.load_average()
    text = _suite_report(results, figures, about)
    print(text)
    _write_outputs(output, size, results, figures, about, text)
    return 0


def _warm_up(selected: list[runners.Runner]) -> None:
    """Build the runtime (and wasmtime's code cache) before anything is timed."""
    from clysm.driver.compile import Toolchain

    tc = Toolchain.load()
    if any(r.name == "clysm-wasmtime" for r in selected):
        extras.startup_seconds(
            "wasmtime", tc.runtime_path, tc.compile_program(extras.HELLO, "h"), 0
        )


def _add_suite_throughput(figures: extras.Extras, results: session.SuiteResults) -> None:
    lines = 0
    seconds = 0.0
    for bench in results.benchmarks:
        entry = results.get(bench.name, "clysm-node")
        if entry is not None and entry.compile_seconds is not None:
            lines += bench.lines
            seconds += entry.compile_seconds
    if seconds > 0:
        figures.suite_lines, figures.suite_compile_seconds = lines, seconds


def _suite_report(
    results: session.SuiteResults, figures: extras.Extras | None, about: dict[str, object]
) -> str:
    parts = [
        f"Machine: {about['cpu']}, {about['cores']} cores, {about['memory_gib']} GiB; "
        f"{about['date']}; load average {about['load_average_at_start']} at the start, "
        f"{about.get('load_average_at_end')} at the end; size {results.size}.",
        "",
        "Modes:",
        report.legend(results),
        "",
        report.seconds_table(results),
        "",
        report.ratio_table(results),
        "",
        _memory_table(results),
    ]
    if figures is not None:
        parts += ["", _extras_text(figures)]
    parts += ["", "Targets (issue 7, point 4):"]
    parts += [t.line() for t in targets.check_targets(results, figures)]
    problems = report.failures(results)
    if problems:
        parts += ["", "Failures:", *(f"- {p}" for p in problems)]
    return "\n".join(parts)


def _mb(kb: int | None) -> str:
    return "—" if kb is None else f"{kb / 1024:.0f}"


def _extras_text(figures: extras.Extras) -> str:
    start = ", ".join(
        f"{k} {v:.3f} s" if v is not None else f"{k} failed"
        for k, v in figures.hello_startup_seconds.items()
    )
    lines = [
        f"- hello-world start-up (median wall time of the whole process): {start}",
        f"- runtime module: {figures.runtime_module_bytes:,} bytes; "
        f"hello-world program module: {figures.hello_module_bytes:,} bytes",
        f"- AOT compile throughput: {figures.generated_lines_per_second:,.0f} lines/s "
        f"({figures.generated_lines} generated lines in {figures.generated_compile_seconds:.2f} s,"
        f" after {figures.toolchain_load_seconds:.2f} s loading the compiler and library image)",
    ]
    suite_speed = figures.suite_lines_per_second
    if suite_speed is not None:
        lines.append(f"- compile throughput on the suite's files: {suite_speed:,.0f} lines/s")
    return "\n".join(lines)


def _memory_table(results: session.SuiteResults) -> str:
    rows = []
    for r in results.runners:
        sizes = [
            e.max_rss_kb
            for b in results.benchmarks
            if (e := results.get(b.name, r.name)) is not None and e.max_rss_kb is not None
        ]
        if sizes:
            rows.append(f"| {r.name} | {_mb(min(sizes))} | {_mb(max(sizes))} |")
    return "\n".join(["| peak RSS (MB) | smallest | largest |", "|---|---|---|", *rows])


def _write_outputs(
    output: Path,
    size: str,
    results: session.SuiteResults,
    figures: extras.Extras | None,
    about: dict[str, object],
    text: str,
) -> None:
    data = {
        "machine": about,
        "results": report.results_json(results),
        "extras": figures.to_json() if figures is not None else None,
        "targets": [t.__dict__ for t in targets.check_targets(results, figures)],
    }
    (output / f"{size}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    loads = about["load_average_at_start"]
    load = loads[0] if isinstance(loads, list) and loads else "?"
    subtitle = (
        f"{about['cpu']}, {about['cores']} cores, load average {load} (shared machine); "
        f"{about['date']}; size {size}"
    )
    svg = chart.render_svg(results, "clysm bench: time relative to SBCL compiled", subtitle)
    (output / f"{size}.svg").write_text(svg, encoding="utf-8")
    (output / f"{size}.md").write_text(text + "\n", encoding="utf-8")
    _progress(f"clysm bench: wrote {output / size}.json, .svg and .md")


def _run_jit(args: argparse.Namespace, output: Path) -> int:
    about = machine.describe()
    results = jit.run_latency_program(args.functions, args.lines, 25, timeout=1800)
    text = jit.format_report(results)
    print(text)
    data = {"machine": about, "jit": results.to_json()}
    (output / "jit.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    _progress(f"clysm bench: wrote {output / 'jit.json'}")
    return 0
