"""SBCL's names of the characters beyond ASCII, read from the runtime's
runtime/lisp/unicode-names.lisp (the encoding is described in
scripts/generate_unicode_names.py; runtime/lisp/charnames.lisp decodes the
same strings at run time).  Decoded once, on first use."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "runtime" / "lisp" / "unicode-names.lisp"
PAYLOAD_BASE = 0x10000
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()"
WORD_SHARE0, WORD_END = len(LETTERS), 63
HYPHEN, GAP, END, WORD2, WORD3, WORD2_COUNT = 9, 10, 11, 12, 19, 224
HANGUL_FIRST, HANGUL_COUNT = 0xAC00, 11172

_CONSTANT = re.compile(r'\(defconstant (\+[a-z0-9-]+\+)\s+("[^"]*"|#\([^)]*\)|\d+)\)')
_ITEM = re.compile(r'"([^"]*)"|(\d+)')


class UnicodeNames:
    """Name -> code and code -> name for the table and algorithmic names."""

    def __init__(self, text: str) -> None:
        data = {m[1]: m[2] for m in _CONSTANT.finditer(text)}

        def items(name: str) -> list[str | int]:
            return [s if n == "" else int(n) for s, n in _ITEM.findall(data[name])]

        def payloads(name: str) -> list[int]:
            return [ord(c) - PAYLOAD_BASE for c in data[name][1:-1]]

        self.c1 = [str(s) for s in items("+c1-control-names+")]
        self.jamo = [
            [str(s) for s in items(f"+hangul-{part}-jamo+")] for part in ("lead", "vowel", "trail")
        ]
        ranges = items("+hex-named-ranges+")
        self.hex_ranges = [
            (int(ranges[i]), int(ranges[i + 1]), str(ranges[i + 2]))
            for i in range(0, len(ranges), 3)
        ]
        words = _decode_words(_units(payloads("+unicode-name-words+"), 6))
        self.names = _decode_names(
            _units(payloads("+unicode-name-stream+"), 5), payloads("+unicode-name-blocks+"), words
        )
        old_names = _decode_names(
            _units(payloads("+unicode-1-name-stream+"), 5),
            payloads("+unicode-1-name-blocks+"),
            words,
        )
        self.codes = {name: code for code, name in old_names.items()}
        self.codes.update({name: code for code, name in self.names.items()})

    def char_name(self, code: int) -> str:
        """The name of a character beyond ASCII."""
        if code < 0xA0:
            return self.c1[code - 0x80]
        if HANGUL_FIRST <= code < HANGUL_FIRST + HANGUL_COUNT:
            i = code - HANGUL_FIRST
            lead, vowel, trail = self.jamo
            return f"HANGUL_SYLLABLE_{lead[i // 588]}{vowel[i % 588 // 28]}{trail[i % 28]}"
        for first, last, prefix in self.hex_ranges:
            if first <= code <= last:
                return f"{prefix}{code:X}"
        return self.names.get(code) or f"U{code:X}"

    def code_from_name(self, upper: str) -> int | None:
        """The code of an upper-case name beyond the ASCII names, or None."""
        for i, name in enumerate(self.c1):
            if name.upper() == upper:
                return 0x80 + i
        code = self.codes.get(upper)
        if code is not None:
            return code
        if upper.startswith("HANGUL_SYLLABLE_"):
            return self._hangul_code(upper[16:])
        for first, last, prefix in self.hex_ranges:
            if upper.startswith(prefix) and re.fullmatch("[0-9A-F]+", upper[len(prefix) :]):
                code = int(upper[len(prefix) :], 16)
                if first <= code <= last and upper == f"{prefix}{code:X}":
                    return code
        return None

    def _hangul_code(self, rest: str) -> int | None:
        lead, vowel, trail = self.jamo
        for li, ln in enumerate(lead):
            if not rest.startswith(ln):
                continue
            for vi, vn in enumerate(vowel):
                if rest.startswith(vn, len(ln)) and rest[len(ln) + len(vn) :] in trail:
                    ti = trail.index(rest[len(ln) + len(vn) :])
                    return HANGUL_FIRST + li * 588 + vi * 28 + ti
        return None


def _units(payloads: list[int], width: int) -> list[int]:
    per_char = 20 // width
    mask = (1 << width) - 1
    return [
        payload >> (width * (per_char - 1 - i)) & mask
        for payload in payloads
        for i in range(per_char)
    ]


def _decode_words(units: list[int]) -> list[str]:
    words: list[str] = []
    word = ""
    started = False
    for unit in units:
        if unit < WORD_SHARE0:
            word += LETTERS[unit]
            continue
        if started:
            words.append(word)
        if unit == WORD_END:
            break
        started, word = True, word[: unit - WORD_SHARE0]
    return words


def _spell(tokens: list[int], words: list[str]) -> str:
    out = []
    for i, token in enumerate(tokens):
        if token < 0:
            out.append("-")
            continue
        if i and tokens[i - 1] >= 0:
            out.append("_")
        out.append(words[token])
    return "".join(out)


def _decode_names(units: list[int], blocks: list[int], words: list[str]) -> dict[int, str]:
    """Every (code, name) of a name stream."""
    starts = {blocks[i + 1]: blocks[i] for i in range(0, len(blocks), 2)}
    names: dict[int, str] = {}
    tokens: list[int] = []
    code, skip, started, i = 0, 0, False, 0
    while True:
        unit, at = units[i], i
        i += 1
        if unit <= 8 or unit == END:
            if started:
                names[code] = _spell(tokens, words)
            if unit == END:
                return names
            code = starts[at] if at in starts else code + 1 + skip
            started, skip, tokens = True, 0, tokens[:unit]
        elif unit == HYPHEN:
            tokens.append(-1)
        elif unit == GAP:
            skip = 0
            for unit in units[i : i + 4]:
                skip = skip * 32 + unit
            i += 4
        elif unit < WORD3:
            tokens.append((unit - WORD2) * 32 + units[i])
            i += 1
        else:
            tokens.append(WORD2_COUNT + (unit - WORD3) * 1024 + units[i] * 32 + units[i + 1])
            i += 2


@cache
def unicode_names() -> UnicodeNames:
    return UnicodeNames(DATA.read_text(encoding="utf-8"))
