"""The figures beside the suite: start-up time of hello world, module
sizes, AOT compile throughput, and the compiler's own start-up."""

from __future__ import annotations

import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from clysm.bench.process import measure
from clysm.bench.stats import median

HELLO = '(format t "Hello, world!~%")\n'


@dataclass
class Extras:
    runtime_module_bytes: int
    hello_module_bytes: int
    hello_startup_seconds: dict[str, float | None]  # engine -> median wall time
    toolchain_load_seconds: float  # loading the library image (runtime cached)
    generated_lines: int
    generated_compile_seconds: float
    suite_lines: int | None = None
    suite_compile_seconds: float | None = None

    @property
    def generated_lines_per_second(self) -> float:
        return self.generated_lines / self.generated_compile_seconds

    @property
    def suite_lines_per_second(self) -> float | None:
        if not self.suite_lines or not self.suite_compile_seconds:
            return None
        return self.suite_lines / self.suite_compile_seconds

    def to_json(self) -> dict[str, object]:
        return {
            **asdict(self),
            "generated_lines_per_second": self.generated_lines_per_second,
            "suite_lines_per_second": self.suite_lines_per_second,
        }


def startup_seconds(engine: str, runtime: Path, program: bytes, runs: int) -> float | None:
    """Median wall time of running `program` (after one untimed warm-up run,
    which also fills wasmtime's code cache)."""
    from clysm.engines import WasmModuleFile, get_engine

    with tempfile.TemporaryDirectory(prefix="clysm-bench-") as tmp:
        path = Path(tmp) / "program.wasm"
        path.write_bytes(program)
        adapter = get_engine(engine)
        command = adapter.command([WasmModuleFile("rt", runtime), WasmModuleFile("program", path)])
        env = adapter.environment()
        samples = [measure(command, env=env, timeout=300) for _ in range(runs + 1)][1:]
    if not samples or not all(s.ok and s.stdout == "Hello, world!\n" for s in samples):
        return None
    return median(s.seconds for s in samples)


def sbcl_startup_seconds(runs: int) -> float | None:
    import shutil

    sbcl = shutil.which("sbcl")
    if sbcl is None:
        return None
    command = [sbcl, "--noinform", "--no-sysinit", "--no-userinit", "--non-interactive"]
    command += ["--eval", '(format t "Hello, world!~%")']
    samples = [measure(command, timeout=60) for _ in range(runs + 1)][1:]
    if not samples or not all(s.ok for s in samples):
        return None
    return median(s.seconds for s in samples)


# --- a large generated program for compile throughput ----------------------

_TEMPLATES = (
    """(defun gen-{i} (x y)
  "Generated function {i}: arithmetic, a conditional and a loop."
  (let ((acc (+ x {k})))
    (when (> acc {k2})
      (setf acc (- acc y)))
    (dotimes (j {k3})
      (incf acc (* j {k4})))
    (if (evenp acc)
        (floor acc 2)
        (+ acc {prev}))))
""",
    """(defun gen-{i} (list)
  "Generated function {i}: list walking with DOLIST and COND."
  (let ((small 0) (large 0))
    (dolist (x list)
      (cond ((< x {k}) (incf small))
            ((> x {k2}) (incf large))
            (t (setf small (- small 1)))))
    (list small large (length list))))
""",
    """(defun gen-{i} (n)
  "Generated function {i}: LOOP with collect and a closure."
  (let ((scale {k}))
    (mapcar (lambda (v) (* v scale))
            (loop for j from 0 below n
                  when (zerop (mod j {k3}))
                    collect (+ j {k4})))))
""",
    """(defun gen-{i} (s)
  "Generated function {i}: strings and characters."
  (with-output-to-string (out)
    (loop for c across s
          for j from 0
          do (if (alpha-char-p c)
                 (write-char (char-upcase c) out)
                 (format out "<~D:~D>" j {k})))))
""",
    """(defun gen-{i} (a b)
  "Generated function {i}: CASE, multiple values and a local function."
  (flet ((twice (v) (* 2 v)))
    (multiple-value-bind (q r) (floor (+ a {k}) (max 1 b))
      (case (mod q 4)
        (0 (twice r))
        (1 (+ q r {k2}))
        (2 (twice (+ q {k3})))
        (t (- q r))))))
""",
)


def generated_program(functions: int) -> str:
    """A program of `functions` definitions of ordinary code (about 10 lines each)."""
    parts = [";;;; Generated for the compile-throughput benchmark.\n"]
    for i in range(functions):
        template = _TEMPLATES[i % len(_TEMPLATES)]
        prev = "0" if i < len(_TEMPLATES) else f"(gen-{i - len(_TEMPLATES)} x y)"
        if i % len(_TEMPLATES) != 0:
            prev = "0"
        k = (i * 37) % 97 + 1
        parts.append(template.format(i=i, k=k, k2=k * 3, k3=(i % 7) + 2, k4=(i % 5) + 1, prev=prev))
    parts.append('(format t "~D~%" (gen-0 1 2))\n')
    return "\n".join(parts)


def compile_throughput(functions: int = 500) -> tuple[int, float, float]:
    """(lines, seconds to compile them, seconds to load the toolchain)."""
    from clysm.driver.compile import Toolchain

    text = generated_program(functions)
    start = time.perf_counter()
    tc = Toolchain.load()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    tc.compile_program(text, "generated.lisp")
    return len(text.splitlines()), time.perf_counter() - start, loaded


def measure_extras(runs: int, engines: list[str], functions: int = 500) -> Extras:
    from clysm.driver.compile import Toolchain

    tc = Toolchain.load()
    hello = tc.compile_program(HELLO, "hello.lisp")
    startup: dict[str, float | None] = {
        engine: startup_seconds(engine, tc.runtime_path, hello, runs) for engine in engines
    }
    startup["sbcl"] = sbcl_startup_seconds(runs)
    lines, seconds, loaded = compile_throughput(functions)
    return Extras(
        runtime_module_bytes=tc.runtime_path.stat().st_size,
        hello_module_bytes=len(hello),
        hello_startup_seconds=startup,
        toolchain_load_seconds=loaded,
        generated_lines=lines,
        generated_compile_seconds=seconds,
    )
