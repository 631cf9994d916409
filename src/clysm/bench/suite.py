"""The benchmark programs: bench/programs/*.lisp in the source tree.

Each program reads its size from the special variable *SIZE*, which it
defines with DEFVAR (the full size).  A header line names the smaller
sizes:

    ;;;; sizes: quick 30 test 15

A smaller size is run by putting `(defvar *size* N)` before the program's
text, so every implementation runs exactly the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SIZES = ("full", "quick", "test")

_SIZES_LINE = re.compile(r"^;+\s*sizes:(.*)$", re.MULTILINE)
_SUMMARY_LINE = re.compile(r"^;;;;\s*([a-z0-9-]+):\s*(.*)$", re.MULTILINE)


def default_suite_dir() -> Path:
    """bench/programs of the source tree this package belongs to."""
    return Path(__file__).resolve().parents[3] / "bench" / "programs"


@dataclass(frozen=True)
class Benchmark:
    name: str
    path: Path
    summary: str
    sizes: dict[str, int]  # "quick"/"test" -> *SIZE*; "full" is the file's own

    def source(self, size: str = "full") -> str:
        """The program text to run at `size`."""
        text = self.path.read_text(encoding="utf-8")
        if size == "full":
            return text
        if size not in self.sizes:
            raise ValueError(f"benchmark {self.name} has no size {size!r}")
        return f"(defvar *size* {self.sizes[size]})\n{text}"

    @property
    def lines(self) -> int:
        return len(self.path.read_text(encoding="utf-8").splitlines())


def parse_benchmark(path: Path) -> Benchmark:
    text = path.read_text(encoding="utf-8")
    sizes: dict[str, int] = {}
    found = _SIZES_LINE.search(text)
    if found:
        words = found.group(1).split()
        for key, value in zip(words[::2], words[1::2], strict=False):
            sizes[key] = int(value)
    summary = ""
    first = _SUMMARY_LINE.search(text)
    if first:
        summary = first.group(2).strip()
    return Benchmark(path.stem, path, summary, sizes)


def discover(directory: Path | None = None, names: list[str] | None = None) -> list[Benchmark]:
    """The benchmarks of `directory` (default: the suite), sorted by name;
    only those in `names` when given (an unknown name is an error)."""
    directory = directory or default_suite_dir()
    found = {p.stem: parse_benchmark(p) for p in sorted(directory.glob("*.lisp"))}
    if not names:
        return list(found.values())
    unknown = [n for n in names if n not in found]
    if unknown:
        known = ", ".join(found)
        raise ValueError(f"unknown benchmark(s) {', '.join(unknown)}; the suite has: {known}")
    return [found[n] for n in names]
