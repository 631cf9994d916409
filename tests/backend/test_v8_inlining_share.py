"""Modules keep at least half of their functions under 50 bytes (link.py,
V8_SMALL_BODY): below that share V8 gives their optimized code a small
inlining budget."""

from __future__ import annotations

from irb import defun, if_, prim, ref, var

from clysm.backend.link import V8_SMALL_BODY, build_program_module, build_runtime_module
from clysm.frontend import ir
from clysm.wasm import Module, encode, validate
from clysm.wasm.encoder import small_function_count
from clysm.wasm.leb128 import read_unsigned
from clysm.wasm.types import I32

CODE_SECTION = 10


def body_sizes(wasm: bytes) -> list[int]:
    """The encoded body size of each defined function, read from the binary."""
    pos = 8
    while pos < len(wasm):
        section, (size, pos) = wasm[pos], read_unsigned(wasm, pos + 1)
        if section == CODE_SECTION:
            count, at = read_unsigned(wasm, pos)
            sizes = []
            for _ in range(count):
                length, at = read_unsigned(wasm, at)
                sizes.append(length)
                at += length
            return sizes
        pos += size
    return []


def small_share(wasm: bytes) -> float:
    sizes = body_sizes(wasm)
    return sum(s < V8_SMALL_BODY for s in sizes) / len(sizes)


def test_small_function_count_measures_encoded_bodies() -> None:
    m = Module()
    t = m.func_type([I32], [I32])
    m.add_function("tiny", t, [], [("local.get", 0)])
    m.add_function("big", t, [I32], [("local.get", 0), ("i32.const", 1), ("i32.add",)] * 12)
    wide = [("i32.const", 0x7FFFFFFF), ("drop",)] * 6  # 42 bytes in 12 instructions
    m.add_function("under", t, [], [*wide, ("i32.const", 63), ("drop",), ("local.get", 0)])
    m.add_function("at", t, [], [*wide, ("i32.const", 64), ("drop",), ("local.get", 0)])
    # Sizes count the locals' vector and the final `end`.
    assert body_sizes(encode(m)) == [4, 64, 49, 50]
    assert small_function_count(m, V8_SMALL_BODY) == 2


def test_program_module_has_half_small_functions() -> None:
    # Functions far over 50 bytes, as most Lisp functions are.
    x = var("X")
    forms = [
        defun(
            f"F{i}",
            [x],
            if_(prim("%consp", ref(x)), prim("%car", ref(x)), prim("%cons", ref(x), ref(x))),
        )
        for i in range(6)
    ]
    wasm = encode(build_program_module([ir.TopLevelForm(f) for f in forms]))
    validate(wasm)
    assert small_share(wasm) >= 0.5


def test_runtime_module_has_half_small_functions() -> None:
    wasm = encode(build_runtime_module([]))
    assert small_share(wasm) >= 0.5
