"""What the figures were measured on: machine, load and versions."""

from __future__ import annotations

import datetime
import os
import platform
import shutil
import subprocess

from clysm import __version__


def _first_line(command: list[str]) -> str | None:
    if shutil.which(command[0]) is None and not os.path.isabs(command[0]):
        return None
    try:
        done = subprocess.run(command, capture_output=True, timeout=30, check=False)
    except OSError:
        return None
    text = (done.stdout or done.stderr).decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def describe() -> dict[str, object]:
    from clysm.engines.tools import find_node, find_wasmtime

    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "load_average_at_start": load_average(),
        "versions": {
            "clysm": __version__,
            "python": platform.python_version(),
            "node": _first_line([str(find_node()), "--version"]),
            "wasmtime": _first_line([str(find_wasmtime()), "--version"]),
            "sbcl": _first_line(["sbcl", "--version"]),
            "clisp": _first_line(["clisp", "--version"]),
            "ecl": _first_line(["ecl", "--version"]),
        },
    }
