"""Tier 2: promotion of hot interpreted functions, hot-patching, COMPILE,
redefinition, state shared across tiers, and graceful degradation (docs/jit.md).

Each program prints its results and the tiers of its functions; the results
are the same whether promotion works, fails by injection, or is impossible
(wasmtime); only the tiers differ, as stated."""

from __future__ import annotations

import os

import pytest
from program_harness import load_toolchain

from clysm.driver.compile import Toolchain
from clysm.driver.run import run_program

PROGRAM = """
(setf clysm:*jit-threshold* 5)
(defvar *depth* 0)
(eval '(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
(eval '(defun sum-to (n) (let ((s 0)) (dotimes (i n s) (incf s i)))))
(eval '(defun thrower (x) (throw 'tag (* x 2))))
(eval '(defun special-reader () *depth*))
(eval '(defun make-counter () (let ((n 0)) (lambda () (incf n)))))
(defvar *saved* nil)
(print (list 'before (clysm:function-tier 'fib)))
(setf *saved* #'fib)
(print (fib 15))
(print (list 'after (clysm:function-tier 'fib) (clysm:function-tier *saved*)
             (funcall *saved* 10) (compiled-function-p #'fib) (eq *saved* #'fib)))
(print (list (sum-to 10) (sum-to 1000) (clysm:function-tier 'sum-to)))
(print (loop repeat 10 collect (catch 'tag (thrower 21))))
(print (list (clysm:function-tier 'thrower)
             (let ((*depth* 7)) (loop repeat 8 collect (special-reader)))))
(let ((c (funcall 'make-counter)))
  (print (list (loop repeat 8 collect (funcall c)) (clysm:function-tier c))))
(eval '(defun fib (n) (* n 1000)))
(print (list 'redefined (fib 3) (clysm:function-tier 'fib) (funcall *saved* 10)))
(multiple-value-bind (f warnings failure) (compile nil '(lambda (x) (list x x)))
  (print (list (funcall f 'y) warnings failure (clysm:function-tier f))))
(eval '(defun later (x) (+ x 1)))
(print (list (compile 'later) (later 41) (clysm:function-tier 'later)))
(print (getf (clysm:jit-statistics) :promotions))
"""

RESULTS = [
    "(BEFORE 1)",
    "610",
    "(AFTER {t} {t} 55 {c} T)",  # promotion keeps the object: still EQ
    "(45 499500 {t})",
    "(42 42 42 42 42 42 42 42 42 42)",
    "({t} (7 7 7 7 7 7 7 7))",
    "((1 2 3 4 5 6 7 8) 1)",
    "(REDEFINED 3000 1 17000)",  # the old function calls FIB by name: the new one
    "((Y Y) {f} {f} {t})",
    "(LATER 42 {t})",
]


def expected(promoted: bool) -> str:
    tier, compiled, failed = ("2", "T", "NIL") if promoted else ("1", "NIL", "T")
    lines = [line.format(t=tier, c=compiled, f=failed) for line in RESULTS]
    # Promotions: fib, sum-to, thrower, special-reader, the lambda, later.
    lines.append("6" if promoted else "0")
    return "".join(f"\n{line} " for line in lines)


@pytest.fixture(scope="module")
def program() -> tuple[bytes, object]:
    tc = Toolchain.load()
    return tc.compile_program(PROGRAM, "jit.lisp"), tc.runtime_path


def run(
    program: tuple[bytes, object],
    engine: str,
    fault: str | None = None,
    *,
    in_process: bool = False,
) -> str:
    """Run `program`; with `in_process`, this process serves the JIT requests
    (InProcessService) instead of a service node starts."""
    code, runtime = program
    toolchain = load_toolchain() if in_process else None
    saved = os.environ.get("CLYSM_JIT_FAULT")
    if fault:
        os.environ["CLYSM_JIT_FAULT"] = fault
    try:
        r = run_program(
            code,
            runtime,  # type: ignore[arg-type]
            engine=engine,
            capture=True,
            timeout=300,
            jit_toolchain=toolchain,
        )
    finally:
        if saved is None:
            os.environ.pop("CLYSM_JIT_FAULT", None)
        else:
            os.environ["CLYSM_JIT_FAULT"] = saved
    assert r.exit_code == 0, r.stderr_text
    return r.stdout_text


@pytest.mark.parametrize("in_process", [False, True], ids=["service-process", "in-process"])
def test_hot_functions_are_promoted_and_patched_in(
    program: tuple[bytes, object], in_process: bool
) -> None:
    assert run(program, "node", in_process=in_process) == expected(promoted=True)


@pytest.mark.parametrize("in_process", [False, True], ids=["service-process", "in-process"])
@pytest.mark.parametrize("fault", ["compile", "instantiate", "service"])
def test_injected_failures_leave_functions_in_tier_1_with_the_same_results(
    program: tuple[bytes, object], fault: str, in_process: bool
) -> None:
    assert run(program, "node", fault, in_process=in_process) == expected(promoted=False)


def test_without_a_compile_service_functions_stay_in_tier_1(
    program: tuple[bytes, object],
) -> None:
    assert run(program, "wasmtime") == expected(promoted=False)
