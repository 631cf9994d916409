"""Random arithmetic over the whole numeric tower (hypothesis): expressions
mixing fixnums, bignums, ratios, single- and double-floats, printed by
clysm on both engines, must print exactly what SBCL prints.

Only operations whose results IEEE arithmetic determines exactly are
generated (+ - * /, comparisons, rounding, conversions, SQRT), so that the
oracle is not the C library's transcendental functions.  Arithmetic errors
(a float overflow, say) are caught and printed, and must happen alike.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, note, seed, settings
from hypothesis import strategies as st
from program_harness import ENGINES, clysm_outcome, compile_text, needs_sbcl, sbcl_outcome

from clysm.frontend.convert import ensure_recursion_limit

ensure_recursion_limit()

# Derandomized for CI; CLYSM_RANDOM_EXAMPLES and CLYSM_RANDOM_SEED for more.
EXAMPLES = int(os.environ.get("CLYSM_RANDOM_EXAMPLES", "6"))
SEED = os.environ.get("CLYSM_RANDOM_SEED")

HEADER = """
(defun nz (x) (if (zerop x) 1 x))
(defmacro show (form)
  `(handler-case (progn (prin1 (multiple-value-list ,form)) (terpri))
     (arithmetic-error (c) (format t "~a~%" (type-of c)))))
"""

fixnums = st.integers(min_value=-(2**30), max_value=2**30 - 1).map(str)
bignums = st.builds(
    lambda sign, k, c: str(sign * (2**k + c)),
    st.sampled_from([1, -1]),
    st.integers(min_value=29, max_value=200),
    st.integers(min_value=-1000, max_value=1000),
)
ratios = st.builds(
    lambda n, d: f"{n}/{d}",
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=2, max_value=10**9),
)
singles = st.sampled_from(
    ["1.5", "0.1", "-2.75e3", "3.0e-5", "123.456", "-0.0", "0.0", "1.0e10", "7.0", "0.3333"]
)
doubles = st.sampled_from(
    [
        "1.5d0",
        "0.1d0",
        "-2.75d3",
        "3.0d-5",
        "1d100",
        "-1.0d-100",
        "123.456789d0",
        "0d0",
        "6.02214076d23",
        "1.7976931348623157d300",
    ]
)
leaves = st.one_of(fixnums, bignums, ratios, singles, doubles)
integer_leaves = st.one_of(fixnums, bignums)


def expressions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(
            lambda op, a, b: f"({op} {a} {b})", st.sampled_from(["+", "-", "*"]), children, children
        ),
        st.builds(lambda a, b: f"(/ {a} (nz {b}))", children, children),
        st.builds(
            lambda op, a: f"({op} {a})",
            st.sampled_from(["-", "abs", "float", "signum", "1+", "rational", "floor", "round"]),
            children,
        ),
        st.builds(lambda a: f"(sqrt (abs {a}))", children),
        st.builds(lambda a: f"(float {a} 1d0)", children),
        st.builds(
            lambda op, a, b: f"({op} {a} (nz {b}))",
            st.sampled_from(["floor", "truncate", "ceiling", "round", "mod", "rem"]),
            children,
            children,
        ),
        st.builds(
            lambda op, a, b: f"(if ({op} {a} {b}) 1 0)",
            st.sampled_from(["<", "=", ">=", "/="]),
            children,
            children,
        ),
        st.builds(
            lambda op, a, b: f"({op} {a} {b})", st.sampled_from(["max", "min"]), children, children
        ),
        # powers of leaves only: nested powers of bignums grow beyond reason
        st.builds(
            lambda a, k: f"(expt (nz (rational {a})) {k})",
            leaves,
            st.integers(min_value=-3, max_value=6),
        ),
    )


numbers = st.recursive(leaves, expressions, max_leaves=6)
integers = st.recursive(
    integer_leaves,
    lambda children: st.one_of(
        st.builds(
            lambda op, a, b: f"({op} {a} {b})",
            st.sampled_from(["+", "-", "*", "gcd", "lcm", "logand", "logior", "logxor"]),
            children,
            children,
        ),
        st.builds(
            lambda a, k: f"(ash {a} {k})", children, st.integers(min_value=-100, max_value=100)
        ),
        st.builds(
            lambda op, a: f"({op} {a})",
            st.sampled_from(["lognot", "integer-length", "logcount", "isqrt", "abs"]),
            children.map(lambda a: f"(abs {a})"),
        ),
    ),
    max_leaves=5,
)


def _program(forms: list[str]) -> str:
    body = "\n".join(f"(show {f})" for f in forms)
    return HEADER + body + '\n(format t "~a~%" (list 1.5 -0.25d0 (/ 22 7) (expt 3 50)))\n'


@needs_sbcl
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.one_of(numbers, integers), min_size=20, max_size=40))
def test_random_arithmetic_prints_what_sbcl_prints(forms: list[str]) -> None:
    text = _program(forms)
    note(text)
    expected = sbcl_outcome(text)
    assert expected.ok, expected.stdout
    program, runtime = compile_text(text, "random-numbers.lisp")
    outcomes = {engine: str(clysm_outcome(program, runtime, engine)) for engine in ENGINES}
    assert outcomes == dict.fromkeys(ENGINES, str(expected))


if SEED is not None:
    test_random_arithmetic_prints_what_sbcl_prints = seed(int(SEED))(
        test_random_arithmetic_prints_what_sbcl_prints
    )
