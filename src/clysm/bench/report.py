"""The report: Markdown tables of seconds and of ratios to SBCL compiled,
with geometric means, and the JSON file with every figure."""

from __future__ import annotations

from dataclasses import dataclass

from clysm.bench.session import REFERENCE, Measurement, SuiteResults
from clysm.bench.stats import geometric_mean


@dataclass(frozen=True)
class Summary:
    """A mode's geometric mean ratio to SBCL compiled, over `count` of
    `total` benchmarks (those that ran correctly in both)."""

    runner: str
    label: str
    ratio: float | None
    count: int
    total: int


def ratio(results: SuiteResults, benchmark: str, runner: str) -> float | None:
    base = results.get(benchmark, REFERENCE)
    entry = results.get(benchmark, runner)
    if base is None or entry is None or base.seconds is None or entry.seconds is None:
        return None
    return entry.seconds / base.seconds if base.seconds > 0 else None


def summaries(results: SuiteResults) -> list[Summary]:
    out = []
    total = len(results.benchmarks)
    for runner in results.runners:
        ratios = [ratio(results, b.name, runner.name) for b in results.benchmarks]
        valid = [r for r in ratios if r is not None]
        out.append(Summary(runner.name, runner.label, geometric_mean(valid), len(valid), total))
    return out


def _failure_cell(entry: Measurement | None) -> str:
    if entry is None:
        return "—"
    error = entry.error or ""
    if error.startswith("timed out"):
        return "timeout"
    if error.startswith("wrong"):
        return "wrong"
    return "failed"


def _seconds_cell(entry: Measurement | None) -> str:
    if entry is None or entry.seconds is None:
        return _failure_cell(entry)
    return f"{entry.seconds:.3f}"


def _ratio_cell(results: SuiteResults, benchmark: str, runner: str) -> str:
    value = ratio(results, benchmark, runner)
    if value is None:
        entry = results.get(benchmark, runner)
        return _failure_cell(entry) if entry is None or entry.error else "—"
    return f"{value:.2f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def seconds_table(results: SuiteResults) -> str:
    names = [r.name for r in results.runners]
    rows = [
        [b.name, *(_seconds_cell(results.get(b.name, n)) for n in names)]
        for b in results.benchmarks
    ]
    return _table(["seconds", *names], rows)


def ratio_table(results: SuiteResults) -> str:
    names = [r.name for r in results.runners if r.name != REFERENCE]
    rows = [[b.name, *(_ratio_cell(results, b.name, n) for n in names)] for b in results.benchmarks]
    means = {s.runner: s for s in summaries(results)}
    geo = ["**geometric mean**"]
    for n in names:
        s = means[n]
        cell = "—" if s.ratio is None else f"**{s.ratio:.2f}**"
        if s.ratio is not None and s.count < s.total:
            cell += f" ({s.count}/{s.total})"
        geo.append(cell)
    rows.append(geo)
    return _table(["ratio to sbcl", *names], rows)


def failures(results: SuiteResults) -> list[str]:
    lines = []
    for (bench, runner), entry in results.table.items():
        if entry.error is not None:
            lines.append(f"{bench} / {runner}: {entry.error}")
    for runner, why in results.unavailable.items():
        lines.append(f"{runner}: not run: {why}")
    return lines


def legend(results: SuiteResults) -> str:
    return "\n".join(f"- `{r.name}`: {r.label}" for r in results.runners)


def results_json(results: SuiteResults) -> dict[str, object]:
    return {
        "size": results.size,
        "modes": {r.name: r.label for r in results.runners},
        "unavailable": results.unavailable,
        "benchmarks": {
            b.name: {
                "summary": b.summary,
                "modes": {
                    r.name: {
                        **results.table[(b.name, r.name)].to_json(),
                        "ratio": ratio(results, b.name, r.name),
                    }
                    for r in results.runners
                },
            }
            for b in results.benchmarks
        },
        "geometric_means": {
            s.runner: {"ratio": s.ratio, "count": s.count, "total": s.total}
            for s in summaries(results)
        },
    }
