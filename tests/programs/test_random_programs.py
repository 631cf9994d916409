"""Randomly generated programs (program_generator.py) print under clysm, on
node and on wasmtime, exactly what they print under SBCL.

The examples are derandomized so CI is reproducible.  For a longer local run
set CLYSM_RANDOM_EXAMPLES (how many programs) and, to draw other programs
than CI's, CLYSM_RANDOM_SEED.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, note, seed, settings
from program_generator import programs
from program_harness import ENGINES, clysm_outcome, compile_text, needs_sbcl, sbcl_outcome

from clysm.frontend.convert import ensure_recursion_limit

# The compiler raises the recursion limit; raise it before hypothesis runs
# the test (it warns when the limit changes during a test).
ensure_recursion_limit()

EXAMPLES = int(os.environ.get("CLYSM_RANDOM_EXAMPLES", "30"))
SEED = os.environ.get("CLYSM_RANDOM_SEED")

_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check(text: str) -> None:
    note(text)
    expected = sbcl_outcome(text)
    # The generator's programs are valid and must run under the oracle.
    assert expected.ok, f"SBCL failed on a generated program:\n{expected}"
    program, runtime = compile_text(text)
    outcomes = {engine: str(clysm_outcome(program, runtime, engine)) for engine in ENGINES}
    assert outcomes == dict.fromkeys(ENGINES, str(expected))


@needs_sbcl
@_settings
@given(programs())
def test_random_program_prints_what_sbcl_prints(text: str) -> None:
    check(text)


if SEED is not None:
    test_random_program_prints_what_sbcl_prints = seed(int(SEED))(
        test_random_program_prints_what_sbcl_prints
    )
