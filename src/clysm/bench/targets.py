"""The performance targets of issue 7 (point 4), checked against a run."""

from __future__ import annotations

from dataclasses import dataclass

from clysm.bench.extras import Extras
from clysm.bench.report import ratio, summaries
from clysm.bench.session import SuiteResults
from clysm.bench.stats import geometric_mean


@dataclass(frozen=True)
class Target:
    goal: str
    figure: str
    met: bool | None  # None: not measured in this run

    def line(self) -> str:
        verdict = {True: "met", False: "NOT met", None: "not measured"}[self.met]
        return f"- {self.goal}: {self.figure} — {verdict}"


def _pairwise(results: SuiteResults, a: str, b: str) -> list[float]:
    """Per benchmark, the time of mode `a` over that of mode `b`."""
    out = []
    for bench in results.benchmarks:
        ra, rb = ratio(results, bench.name, a), ratio(results, bench.name, b)
        if ra is not None and rb is not None:
            out.append(ra / rb)
    return out


def check_targets(results: SuiteResults, extras: Extras | None) -> list[Target]:
    means = {s.runner: s for s in summaries(results)}
    targets = []
    node = means.get("clysm-node")
    if node is not None and node.ratio is not None:
        figure = f"geometric mean {node.ratio:.2f}x SBCL ({node.count}/{node.total} benchmarks)"
        complete = node.count == node.total
        targets.append(Target("AOT on node at most 3x SBCL", figure, node.ratio <= 3 and complete))
        targets.append(Target("then at most 1.5x", figure, node.ratio <= 1.5 and complete))
    else:
        targets.append(Target("AOT on node at most 3x SBCL", "no result", None))
    tier1_vs_clisp = _pairwise(results, "clysm-tier1", "clisp")
    geo = geometric_mean(tier1_vs_clisp)
    if geo is not None:
        figure = f"Tier 1 takes {geo:.2f}x CLISP's time (geometric mean, {len(tier1_vs_clisp)})"
        targets.append(Target("Tier 1 at least as fast as CLISP's interpreter", figure, geo <= 1))
    else:
        targets.append(Target("Tier 1 at least as fast as CLISP's interpreter", "—", None))
    tiered = _pairwise(results, "clysm-tiered", "clysm-node")
    if tiered:
        worst = max(tiered)
        names = [b.name for b in results.benchmarks]
        slow = [
            n
            for n in names
            if (a := ratio(results, n, "clysm-tiered")) is not None
            and (b := ratio(results, n, "clysm-node")) is not None
            and a / b > 1.5
        ]
        figure = f"worst {worst:.2f}x AOT; over 1.5x on {len(slow)} of {len(tiered)}"
        if slow:
            figure += f" ({', '.join(slow)})"
        complete = len(tiered) == len(results.benchmarks)
        targets.append(
            Target(
                "tiered within 1.5x of AOT on every benchmark", figure, worst <= 1.5 and complete
            )
        )
    else:
        targets.append(Target("tiered within 1.5x of AOT on every benchmark", "—", None))
    if extras is not None:
        start = extras.hello_startup_seconds.get("node")
        targets.append(
            Target(
                "hello-world start-up under 0.3 s (node)",
                "—" if start is None else f"{start:.3f} s",
                None if start is None else start < 0.3,
            )
        )
        speed = extras.generated_lines_per_second
        targets.append(
            Target(
                "compile throughput at least 20,000 lines/s",
                f"{speed:,.0f} lines/s ({extras.generated_lines} generated lines)",
                speed >= 20000,
            )
        )
    return targets
