"""Randomly generated programs: the host evaluator must print what SBCL prints.

A seeded generator builds integer-valued expressions that mix every kind of
binding and control transfer (closures that assign captured variables,
block/return-from and catch/throw across lambdas, unwind-protect, special
bindings, multiple values, loops).  All programs go to SBCL in one run.
"""

from __future__ import annotations

import random

import pytest
from frontend_oracle import host_result, needs_sbcl, sbcl_results

# Each test runs in a forked copy of a pristine prelude image (conftest.py).
pytestmark = pytest.mark.in_prelude_child

HEADER = """
(defvar *s* 0)
(defun read-s () *s*)
(defun call (f x) (funcall f x))
"""


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def expr(self, depth: int, vars: list[str], exits: list[str]) -> str:
        r = self.rng
        if depth <= 0 or r.random() < 0.15:
            if vars and r.random() < 0.6:
                return r.choice(vars)
            return str(r.randint(-5, 20))
        d = depth - 1
        e = lambda: self.expr(d, vars, exits)  # noqa: E731
        choice = r.randrange(16)
        if choice == 0:
            return f"({r.choice(['+', '-', '*'])} {e()} {e()})"
        if choice == 1:
            return f"(if (< {e()} {e()}) {e()} {e()})"
        if choice == 2:
            v = self.fresh("v")
            return f"(let (({v} {e()})) {self.expr(d, [*vars, v], exits)})"
        if choice == 3:
            a, b = self.fresh("v"), self.fresh("v")
            body = self.expr(d, [*vars, a, b], exits)
            return f"(let* (({a} {e()}) ({b} (+ {a} {e()}))) {body})"
        if choice == 4 and vars:
            v = r.choice(vars)
            return f"(progn (setq {v} {e()}) {e()})"
        if choice == 5:
            b = self.fresh("b")
            inner = self.expr(d, vars, [*exits, f"block {b}"])
            return f"(block {b} (+ 1 {inner}))"
        if choice == 6:
            t = self.fresh("t")
            inner = self.expr(d, vars, [*exits, f"catch {t}"])
            return f"(catch '{t} (+ 2 {inner}))"
        if choice == 7 and exits:
            kind, name = r.choice(exits).split()
            if kind == "block":
                return f"(return-from {name} {e()})"
            return f"(throw '{name} {e()})"
        if choice == 8:
            v = self.fresh("p")
            body = self.expr(d, [*vars, v], exits)
            return f"(call #'(lambda ({v}) {body}) {e()})"
        if choice == 9:
            f, v = self.fresh("f"), self.fresh("p")
            body = self.expr(d, [*vars, v], exits)
            return f"(flet (({f} ({v}) {body})) (+ ({f} {e()}) ({f} {e()})))"
        if choice == 10:
            return f"(multiple-value-call #'+ (values {e()} {e()}) (values) {e()})"
        if choice == 11 and vars:
            v = r.choice(vars)
            return f"(+ (unwind-protect {e()} (setq {v} {e()})) {v})"
        if choice == 12:
            i, acc = self.fresh("i"), self.fresh("acc")
            step = self.expr(d, [*vars, i, acc], exits)
            return (
                f"(let (({i} 0) ({acc} {e()})) (tagbody top (if (< {i} 3) (progn"
                f" (setq {acc} (+ {acc} {step})) (setq {i} (+ {i} 1)) (go top)))) {acc})"
            )
        if choice == 13:
            v, g = self.fresh("c"), self.fresh("g")
            return (
                f"(let (({v} {e()})) (let (({g} #'(lambda () (setq {v} (+ {v} 1))))) "
                f"(funcall {g}) (funcall {g}) {self.expr(d, [*vars, v], exits)}))"
            )
        if choice == 14:
            return f"(+ (let ((*s* {e()})) (read-s)) (read-s))"
        if choice == 15:
            a, b = self.fresh("m"), self.fresh("m")
            body = self.expr(d, [*vars, a], exits)  # b is NIL: only one value
            return f"(multiple-value-bind ({a} {b}) (values {e()}) (if {b} 0 {body}))"
        return e()


def programs(count: int = 60, seed: int = 20240611) -> dict[str, str]:
    gen = Generator(seed)
    return {f"random-{i}": HEADER + gen.expr(6, [], []) for i in range(count)}


PROGRAMS = programs()


@pytest.fixture(scope="module")
def oracle() -> dict[str, str]:
    return sbcl_results(PROGRAMS)


@needs_sbcl
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_random_program_matches_sbcl(name: str, oracle: dict[str, str]) -> None:
    assert not oracle[name].startswith("ERROR"), oracle[name]
    assert host_result(PROGRAMS[name]) == oracle[name]
