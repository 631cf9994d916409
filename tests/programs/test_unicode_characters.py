"""Case and character classes over Unicode (runtime/lisp/characters.lisp)
against SBCL, character by character over the Basic Multilingual Plane.

clysm's tables come from Python's Unicode database, which may be newer than
the one SBCL was built with: characters whose general category differs
between the two (unassigned in SBCL's, or recategorised since), or whose case
partner's does, are left out; every other character must agree exactly."""

from __future__ import annotations

import unicodedata

import pytest
from program_harness import clysm_outcome, compile_text, needs_sbcl, sbcl_outcome

LIMIT = 0x10000

DUMP = f"""
(loop for i from 0 below {LIMIT}
      for c = (code-char i)
      when c do (format t "~D ~D ~D ~A ~A ~A ~A ~A ~A~%" i
                        (char-code (char-upcase c)) (char-code (char-downcase c))
                        (upper-case-p c) (lower-case-p c) (both-case-p c)
                        (alpha-char-p c) (alphanumericp c) (digit-char-p c)))
"""

CATEGORIES_IN_SBCL = f"""
(loop for i from 0 below {LIMIT}
      for c = (code-char i)
      when c do (format t "~D ~A~%" i (sb-unicode:general-category c)))
"""


def categorised_differently() -> set[int]:
    """Code points whose general category in SBCL's Unicode is not Python's."""
    different = set()
    for line in sbcl_outcome(CATEGORIES_IN_SBCL).stdout.split("\n"):
        if line:
            code, category = line.split()
            if category.lower() != unicodedata.category(chr(int(code))).lower():
                different.add(int(code))
    return different


def table(output: str) -> dict[int, list[str]]:
    rows = {}
    for line in output.splitlines():
        if line.strip():
            fields = line.split()
            rows[int(fields[0])] = fields[1:]
    return rows


@needs_sbcl
def test_case_and_classes_agree_with_sbcl_on_every_character_both_know() -> None:
    expected = sbcl_outcome(DUMP)
    skipped = categorised_differently()
    program, runtime = compile_text(DUMP, "unicode.lisp")
    got = clysm_outcome(program, runtime, "node")
    assert got.ok and expected.ok
    mine, theirs = table(got.stdout), table(expected.stdout)
    assert mine.keys() == theirs.keys()
    compared, differences = 0, []
    for code, fields in sorted(mine.items()):
        partners = {code, int(fields[0]), int(fields[1])}
        if partners & skipped:
            continue
        compared += 1
        if fields != theirs[code]:
            differences.append((code, fields, theirs[code]))
    assert compared > 50_000
    assert differences == [], differences[:20]


@pytest.mark.parametrize(
    "form",
    [
        '(string-upcase "héllo λ wörld straße")',
        '(string-downcase "ÀÉÎÕÜ ΑΒΓΣ АБВ")',
        '(string-capitalize "élan vital ÉCOLE ǆemal")',
        '(list (char-equal #\\é #\\É) (string-equal "ÉTÉ" "été") (string-lessp "ä" "Äb"))',
    ],
)
@needs_sbcl
def test_string_case_functions_beyond_ascii(form: str) -> None:
    text = f"(prin1 {form})"
    program, runtime = compile_text(text, "strings.lisp")
    assert str(clysm_outcome(program, runtime, "node")) == str(sbcl_outcome(text))
