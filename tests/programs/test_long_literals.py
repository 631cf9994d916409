"""Literals longer than an engine's array.new_fixed limit (10,000 operands in
V8): long strings come from data segments, long vectors are built in chunks."""

from __future__ import annotations

import random

import pytest
from program_harness import ENGINES, clysm_outcome, compile_text, needs_sbcl, sbcl_outcome


def long_literal_program() -> str:
    rng = random.Random(7)
    text = "".join(rng.choice('abcdefghijλé"\\') for _ in range(25_000))
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    # Fixnums, with a bignum now and then: a cold engine compiles the literal
    # code, which stays small this way.
    items = " ".join(
        str(rng.randrange(-(2**40), 2**40) if i % 1000 == 0 else rng.randrange(-1000, 1000))
        for i in range(21_000)
    )
    return f"""
(defparameter *s* "{escaped}")
(defparameter *v* #({items} #(nested "vector")))
(print (list (length *s*) (char *s* 0) (char *s* 24999) (count #\\\\ *s*) (position #\\λ *s*)))
(print (list (length *v*) (reduce #'+ *v* :end 21000) (svref *v* 10000) (svref *v* 20000)))
(print (svref *v* 21000))
"""


@needs_sbcl
@pytest.mark.parametrize("engine", ENGINES)
def test_literals_beyond_the_new_fixed_limit(engine: str) -> None:
    text = long_literal_program()
    program, runtime = compile_text(text, "long-literals.lisp")
    assert str(clysm_outcome(program, runtime, engine)) == str(sbcl_outcome(text))
