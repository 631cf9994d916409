#!/usr/bin/env python3
"""Write src/clysm/runtime/lisp/unicode-names.lisp: the character names of
SBCL (CHAR-NAME of every code point, and the Unicode 1.0 names NAME-CHAR also
accepts), compressed, for runtime/lisp/charnames.lisp and
clysm/reader/unicode_names.py, which decode the same strings.

SBCL's Unicode database is not Python's (it is older), so the names are taken
from SBCL itself: run at development time with SBCL installed,

    python3 scripts/generate_unicode_names.py

It prints how Python's unicodedata differs, for information.

Encoding (both decoders follow it; keep them in step):
- Every string holds 20-bit payloads, one a character, as the code points
  U+10000 + payload (valid characters, none of which needs escaping).
- The word table is a stream of 6-bit units, 3 a character (high bits
  first): units 0-37 are letters (A-Z, 0-9, "(", ")"), unit 38+k starts a
  word that repeats the first k letters of the previous one, 63 ends the
  table.  Words are numbered in order.
- A name is a sequence of tokens, words and hyphens; two words in a row are
  joined by "_" ("MGO_-UM" is MGO, the empty word, hyphen, UM).
- A name stream is a stream of 5-bit units, 4 a character: 0-8 start the next
  name, which repeats the first k (0-8) tokens of the previous one; 9 is a
  hyphen; 10 and the next 4 units (a 20-bit number n) skip n code points
  before the next name (which is otherwise the code point after); 11 ends
  the stream; 12-18 and one more unit are words 0-223; 19-31 and two more
  units are words 224 and up.
- A block string holds two payloads per block of names: the code of its
  first name, and the unit index in the stream of its start (a block's
  first name repeats nothing).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/clysm/runtime/lisp/unicode-names.lisp"
LIMIT = 0x110000
FIRST_TABLE_CODE = 0xA0  # names below are the kernel's (ASCII) and +C1-NAMES+
BLOCK_NAMES = 32
PAYLOAD_BASE = 0x10000

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()"
WORD_SHARE0 = len(LETTERS)
WORD_END = 63
MAX_WORD_SHARE = WORD_END - WORD_SHARE0 - 1

MAX_NAME_SHARE = 8
HYPHEN, GAP, END = 9, 10, 11
WORD2, WORD3 = 12, 19
WORD2_COUNT = (WORD3 - WORD2) * 32
WORD3_COUNT = (32 - WORD3) * 1024

HANGUL_FIRST, HANGUL_COUNT = 0xAC00, 11172

DUMP = """
(with-open-file (out "{path}" :direction :output :if-exists :supersede
                     :external-format :utf-8)
  (dotimes (code char-code-limit)
    (let ((c (code-char code)))
      (format out "~X ~A ~A~%" code (char-name c)
              (or (sb-unicode:unicode-1-name c) "-")))))
"""


def sbcl_names() -> tuple[dict[int, str], dict[int, str]]:
    """CHAR-NAME and the Unicode 1.0 name of every code point, from SBCL."""
    with tempfile.TemporaryDirectory() as tmp:
        out, script = Path(tmp) / "names.txt", Path(tmp) / "dump.lisp"
        script.write_text(DUMP.format(path=out))
        subprocess.run(["sbcl", "--script", str(script)], check=True)
        lines = out.read_text(encoding="utf-8").splitlines()
    names, old_names = {}, {}
    for line in lines:
        code_hex, name, old = line.split(" ")
        names[int(code_hex, 16)] = name
        if old != "-":
            old_names[int(code_hex, 16)] = old
    assert len(names) == LIMIT
    return names, old_names


def compare_with_python(names: dict[int, str]) -> None:
    counts: Counter[str] = Counter()
    for code in range(FIRST_TABLE_CODE, LIMIT):
        ours = unicodedata.name(chr(code), "").replace(" ", "_")
        theirs = names[code]
        if theirs == ours or (theirs == f"U{code:X}" and not ours):
            continue
        if theirs == f"U{code:X}":
            counts["unnamed in SBCL, named in Python"] += 1
        else:
            counts[f"other: {code:X} SBCL {theirs} Python {ours}"] += 1
    print(f"Python's Unicode {unicodedata.unidata_version} against SBCL's names:")
    for what, n in sorted(counts.items()):
        print(f"  {n:6d} {what}")


def hangul_jamo(names: dict[int, str]) -> tuple[list[str], list[str], list[str]]:
    """The short names of the leading, vowel and trailing jamo, read off the
    syllables (GA = G + A, GAG = G + A + G), then checked on all of them."""
    base = "HANGUL_SYLLABLE_"
    lead = [names[HANGUL_FIRST + i * 588][len(base) : -1] for i in range(19)]
    vowel = [names[HANGUL_FIRST + i * 28][len(base) + 1 :] for i in range(21)]
    trail = [""] + [names[HANGUL_FIRST + i][len(base) + 2 :] for i in range(1, 28)]
    for i in range(HANGUL_COUNT):
        expected = base + lead[i // 588] + vowel[i % 588 // 28] + trail[i % 28]
        assert names[HANGUL_FIRST + i] == expected, hex(HANGUL_FIRST + i)
    return lead, vowel, trail


def hex_named_ranges(names: dict[int, str]) -> list[tuple[int, int, str]]:
    """Runs of code points named PREFIX-XXXX after their own code, other than
    the Hangul syllables: (first, last, prefix)."""
    runs: list[tuple[int, int, str]] = []
    for code in range(FIRST_TABLE_CODE, LIMIT):
        suffix = f"-{code:X}"
        name = names[code]
        if not name.endswith(suffix) or not re.fullmatch(r"[A-Z_]+", name[: -len(suffix)]):
            continue
        prefix = name[: -len(suffix) + 1]
        if runs and runs[-1][1] == code - 1 and runs[-1][2] == prefix:
            runs[-1] = (runs[-1][0], code, prefix)
        else:
            runs.append((code, code, prefix))
    # A lone code named so (VARIATION_SELECTOR-17?) is not a run.
    return [run for run in runs if run[1] - run[0] > 16]


def tokens(name: str) -> list[str | None]:
    """Words and hyphens (None) of a name."""
    out: list[str | None] = []
    for piece in name.split("_"):
        for i, word in enumerate(piece.split("-")):
            if i:
                out.append(None)
            out.append(word)
    return out


class Units:
    """A stream of `width`-bit units packed into 20-bit payloads."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.per_char = 20 // width
        self.units: list[int] = []

    def add(self, *units: int) -> None:
        for unit in units:
            assert 0 <= unit < 1 << self.width
            self.units.append(unit)

    def payloads(self, pad: int) -> list[int]:
        units = self.units + [pad] * (-len(self.units) % self.per_char)
        out = []
        for i in range(0, len(units), self.per_char):
            payload = 0
            for unit in units[i : i + self.per_char]:
                payload = payload << self.width | unit
            out.append(payload)
        return out


def word_table(order: list[str]) -> list[int]:
    units = Units(6)
    previous = ""
    for word in order:
        share = 0
        while share < min(len(word), len(previous), MAX_WORD_SHARE):
            if word[share] != previous[share]:
                break
            share += 1
        units.add(WORD_SHARE0 + share, *(LETTERS.index(c) for c in word[share:]))
        previous = word
    units.add(WORD_END)
    return units.payloads(WORD_END)


def name_stream(
    names: dict[int, list[str | None]], index: dict[str, int]
) -> tuple[list[int], list[int]]:
    """The stream and block payloads of `names` (code -> tokens)."""
    units = Units(5)
    blocks: list[int] = []
    previous: list[str | None] = []
    previous_code = -1
    for n, code in enumerate(sorted(names)):
        name = names[code]
        share = 0
        if n % BLOCK_NAMES == 0:
            blocks += [code, len(units.units)]
        else:
            if code != previous_code + 1:
                gap = code - previous_code - 1
                units.add(GAP, *((gap >> shift) & 31 for shift in (15, 10, 5, 0)))
            limit = min(len(name), len(previous), MAX_NAME_SHARE)
            while share < limit and name[share] == previous[share]:
                share += 1
        units.add(share)
        for token in name[share:]:
            if token is None:
                units.add(HYPHEN)
                continue
            i = index[token]
            if i < WORD2_COUNT:
                units.add(WORD2 + i // 32, i % 32)
            else:
                i -= WORD2_COUNT
                units.add(WORD3 + i // 1024, i // 32 % 32, i % 32)
        previous, previous_code = name, code
    units.add(END)
    assert len(units.units) < 1 << 20
    return units.payloads(END), blocks


def lisp_string(payloads: list[int]) -> str:
    # One line: a newline would be part of the string.
    return '"' + "".join(chr(PAYLOAD_BASE + p) for p in payloads) + '"'


def lisp_strings(strings: list[str]) -> str:
    return "#(" + " ".join(f'"{s}"' for s in strings) + ")"


def constant(name: str, value: str, doc: str) -> str:
    return f";; {doc}\n(defconstant {name}\n  {value})\n"


def main() -> None:
    names, old_names = sbcl_names()
    compare_with_python(names)
    lead, vowel, trail = hangul_jamo(names)
    ranges = hex_named_ranges(names)
    algorithmic = set(range(HANGUL_FIRST, HANGUL_FIRST + HANGUL_COUNT))
    for first, last, _ in ranges:
        algorithmic.update(range(first, last + 1))
    table = {
        code: tokens(name)
        for code, name in names.items()
        if code >= FIRST_TABLE_CODE and code not in algorithmic and name != f"U{code:X}"
    }
    old_table = {code: tokens(name) for code, name in old_names.items()}
    frequency: Counter[str] = Counter()
    for name_tokens in [*table.values(), *old_table.values()]:
        frequency.update(t for t in name_tokens if t is not None)
    by_frequency = [word for word, _ in frequency.most_common()]
    order = sorted(by_frequency[:WORD2_COUNT]) + sorted(by_frequency[WORD2_COUNT:])
    assert len(order) <= WORD2_COUNT + WORD3_COUNT
    assert all(set(word) <= set(LETTERS) for word in order)
    index = {word: i for i, word in enumerate(order)}
    stream, blocks = name_stream(table, index)
    old_stream, old_blocks = name_stream(old_table, index)
    assert max(len(t) for t in [*table.values(), *old_table.values()]) <= 32
    assert max(len(w) for w in order) <= 64
    words = word_table(order)
    c1 = [names[code] for code in range(0x80, 0xA0)]
    hex_ranges = " ".join(f'{first} {last} "{prefix}"' for first, last, prefix in ranges)
    parts = [
        ";;;; unicode-names.lisp -- generated by scripts/generate_unicode_names.py",
        ";;;; from the character names of SBCL 2.2.9; do not edit.  The encoding",
        ";;;; is described in the script; charnames.lisp decodes it.\n",
        '(in-package "CLYSM")\n',
        constant("+c1-control-names+", lisp_strings(c1), "the names of U+0080-U+009F"),
        constant("+hangul-lead-jamo+", lisp_strings(lead), "Hangul syllable name parts"),
        constant("+hangul-vowel-jamo+", lisp_strings(vowel), "(leading, vowel, trailing)"),
        constant("+hangul-trail-jamo+", lisp_strings(trail), ""),
        constant("+hex-named-ranges+", f"#({hex_ranges})", "first last prefix: PREFIX-XXXX"),
        constant("+unicode-name-word-count+", str(len(order)), "words in the table"),
        constant("+unicode-name-words+", lisp_string(words), "the word table"),
        constant("+unicode-name-blocks+", lisp_string(blocks), "blocks of the name stream"),
        constant("+unicode-name-stream+", lisp_string(stream), "names from U+00A0 on"),
        constant("+unicode-1-name-blocks+", lisp_string(old_blocks), "Unicode 1.0 names"),
        constant("+unicode-1-name-stream+", lisp_string(old_stream), ""),
    ]
    OUT.write_text("\n".join(parts), encoding="utf-8")
    chars = len(words) + len(blocks) + len(stream) + len(old_blocks) + len(old_stream)
    print(f"{len(table)} names, {len(old_table)} Unicode 1.0 names, {len(order)} words:")
    print(f"{chars} characters ({chars * 4} bytes as string data)")


if __name__ == "__main__":
    main()
