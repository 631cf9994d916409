"""Kernel loops over bignum digits ("mpn" functions, after GMP's layer of the
same name): the inner loops of integer arithmetic, which the runtime
library's bignum.lisp calls through the %MPN-* intrinsics.

A magnitude is a `$digit-array` of base-2^30 digits, least significant
first, with an explicit length (its high digits may be zero).  A digit fits
an i32 and a fixnum; products and two-digit numbers are computed in i64.
Destinations are passed in and may be the same array as the first source
where a function says so.  Lengths are in range: the callers check.
"""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.kernel.asm import Asm, KernelBuilder, body, count_up
from clysm.wasm import Instr
from clysm.wasm.types import F64, I32, I64

BITS = O.BIGNUM_DIGIT_BITS
MASK = (1 << BITS) - 1
BASE = 1 << BITS


def _get(kb: KernelBuilder, arr: int, *index: Instr) -> list[Instr]:
    return [("local.get", arr), *index, ("array.get", kb.t["digit-array"])]


def _set(kb: KernelBuilder, arr: int, index: list[Instr], value: list[Instr]) -> list[Instr]:
    return [("local.get", arr), *index, *value, ("array.set", kb.t["digit-array"])]


def _get64(kb: KernelBuilder, arr: int, *index: Instr) -> list[Instr]:
    return [*_get(kb, arr, *index), ("i64.extend_i32_u",)]


def _sum(*parts: int | Instr) -> list[Instr]:
    """Code pushing the i32 sum of locals (ints) and constants (instructions)."""
    code: list[Instr] = []
    for n, part in enumerate(parts):
        code.append(("local.get", part) if isinstance(part, int) else part)
        if n:
            code.append(("i32.add",))
    return code


def _down(i: int, start: list[Instr], loop_body: list[Instr]) -> list[Instr]:
    """for (i = start; i >= 0; i--) body."""
    return [
        *start,
        ("local.set", i),
        ("block", None),
        ("loop", None),
        ("local.get", i),
        ("i32.const", 0),
        ("i32.lt_s",),
        ("br_if", 1),
        *loop_body,
        ("local.get", i),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.set", i),
        ("br", 0),
        ("end",),
        ("end",),
    ]


def _digits_local(kb: KernelBuilder, a: Asm) -> int:
    return a.local(kb.ref_null("digit-array"))


def _copy(kb: KernelBuilder, dst: int, src: int, n: int) -> list[Instr]:
    """Code setting local `dst` to a fresh array of the first n digits of `src`."""
    d = kb.t["digit-array"]
    return [
        ("local.get", n),
        ("array.new_default", d),
        ("local.set", dst),
        ("local.get", dst),
        ("i32.const", 0),
        ("local.get", src),
        ("i32.const", 0),
        ("local.get", n),
        ("array.copy", d, d),
    ]


@body("%mpn-length")
def _length(kb: KernelBuilder, a: Asm) -> None:
    # (a n): n without the high zero digits of a[0..n).
    a(
        ("block", None),
        ("loop", None),
        ("local.get", 1),
        ("i32.eqz",),
        ("br_if", 1),
        *_get(kb, 0, ("local.get", 1), ("i32.const", 1), ("i32.sub",)),
        ("br_if", 1),
        ("local.get", 1),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.set", 1),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", 1),
    )


@body("%mpn-add")
def _add(kb: KernelBuilder, a: Asm) -> None:
    # (r a na b nb): r[0..na) = a + b, na >= nb; returns the carry.  r may be a.
    # The carry is the bit above the digit.
    _add_or_sub(kb, a, "i32.add", BITS)


@body("%mpn-sub")
def _sub(kb: KernelBuilder, a: Asm) -> None:
    # (r a na b nb): r[0..na) = a - b, na >= nb; returns the borrow.  r may be a.
    # A borrow leaves the i32 negative: its sign bit.
    _add_or_sub(kb, a, "i32.sub", 31)


def _add_or_sub(kb: KernelBuilder, a: Asm, op: str, carry_shift: int) -> None:
    """r[i] = a[i] OP b[i] OP carry over b's digits, then a[i] OP carry over
    the rest of a's; the carry (or borrow) of each digit is its sum shifted
    right by `carry_shift`."""
    r, x, nx, y, ny = range(5)
    i, s, c = a.local(I32), a.local(I32), a.local(I32)
    store = [
        ("local.set", s),
        *_set(kb, r, [("local.get", i)], [("local.get", s), ("i32.const", MASK), ("i32.and",)]),
        ("local.get", s),
        ("i32.const", carry_shift),
        ("i32.shr_u",),
        ("local.set", c),
    ]
    a(
        *count_up(
            i,
            [("i32.const", 0)],
            [("local.get", ny)],
            [
                *_get(kb, x, ("local.get", i)),
                *_get(kb, y, ("local.get", i)),
                (op,),
                ("local.get", c),
                (op,),
                *store,
            ],
        ),
        *count_up(
            i,
            [("local.get", ny)],
            [("local.get", nx)],
            [*_get(kb, x, ("local.get", i)), ("local.get", c), (op,), *store],
        ),
        ("local.get", c),
    )


@body("%mpn-mul-1")
def _mul_1(kb: KernelBuilder, a: Asm) -> None:
    # (r a n d): r[0..n) = a * d; returns the high digit.  r may be a.
    r, x, n, d = range(4)
    i, p, c, dd = a.local(I32), a.local(I64), a.local(I64), a.local(I64)
    a(
        ("local.get", d),
        ("i64.extend_i32_u",),
        ("local.set", dd),
        *count_up(
            i,
            [("i32.const", 0)],
            [("local.get", n)],
            [
                *_get64(kb, x, ("local.get", i)),
                ("local.get", dd),
                ("i64.mul",),
                ("local.get", c),
                ("i64.add",),
                ("local.tee", p),
                ("i64.const", BITS),
                ("i64.shr_u",),
                ("local.set", c),
                *_set(
                    kb,
                    r,
                    [("local.get", i)],
                    [("local.get", p), ("i32.wrap_i64",), ("i32.const", MASK), ("i32.and",)],
                ),
            ],
        ),
        ("local.get", c),
        ("i32.wrap_i64",),
    )


@body("%mpn-mul")
def _mul(kb: KernelBuilder, a: Asm) -> None:
    # (r a na b nb): r[0..na+nb) = a * b, schoolbook.  r is neither a nor b.
    r, x, nx, y, ny = range(5)
    i, j, k = a.local(I32), a.local(I32), a.local(I32)
    xi, p, c = a.local(I64), a.local(I64), a.local(I64)
    a(
        ("local.get", r),
        ("i32.const", 0),
        ("i32.const", 0),
        *_sum(nx, ny),
        ("array.fill", kb.t["digit-array"]),
        *count_up(
            i,
            [("i32.const", 0)],
            [("local.get", nx)],
            [
                *_get64(kb, x, ("local.get", i)),
                ("local.tee", xi),
                ("i64.eqz",),
                ("if", None),
                ("else",),
                ("i64.const", 0),
                ("local.set", c),
                *count_up(
                    j,
                    [("i32.const", 0)],
                    [("local.get", ny)],
                    [
                        *_sum(i, j),
                        ("local.set", k),
                        ("local.get", xi),
                        *_get64(kb, y, ("local.get", j)),
                        ("i64.mul",),
                        *_get64(kb, r, ("local.get", k)),
                        ("i64.add",),
                        ("local.get", c),
                        ("i64.add",),
                        ("local.tee", p),
                        ("i64.const", BITS),
                        ("i64.shr_u",),
                        ("local.set", c),
                        *_set(
                            kb,
                            r,
                            [("local.get", k)],
                            [
                                ("local.get", p),
                                ("i32.wrap_i64",),
                                ("i32.const", MASK),
                                ("i32.and",),
                            ],
                        ),
                    ],
                ),
                *_set(kb, r, _sum(i, ny), [("local.get", c), ("i32.wrap_i64",)]),
                ("end",),
            ],
        ),
    )


@body("%mpn-divrem-1")
def _divrem_1(kb: KernelBuilder, a: Asm) -> None:
    # (q a n d): q[0..n) = floor(a / d), 0 < d < 2^30; returns the
    # remainder.  q may be a.  Each quotient digit is estimated in double
    # precision, cur * (1/d) with cur < d * 2^30, which is off by at most
    # one either way (the relative error is a few units of 2^-53), and
    # corrected from the remainder: no i64 division.
    q, x, n, d = range(4)
    i = a.local(I32)
    rem, cur, dd, quo = a.local(I64), a.local(I64), a.local(I64), a.local(I64)
    inverse = a.local(F64)
    a(
        ("local.get", d),
        ("i64.extend_i32_u",),
        ("local.set", dd),
        ("f64.const", 1.0),
        ("local.get", d),
        ("f64.convert_i32_u",),
        ("f64.div",),
        ("local.set", inverse),
        *_down(
            i,
            [("local.get", n), ("i32.const", 1), ("i32.sub",)],
            [
                ("local.get", rem),
                ("i64.const", BITS),
                ("i64.shl",),
                *_get64(kb, x, ("local.get", i)),
                ("i64.or",),
                ("local.tee", cur),
                ("f64.convert_i64_u",),
                ("local.get", inverse),
                ("f64.mul",),
                ("i64.trunc_sat_f64_u",),
                ("local.set", quo),
                ("local.get", cur),
                ("local.get", quo),
                ("local.get", dd),
                ("i64.mul",),
                ("i64.sub",),
                ("local.tee", rem),
                ("i64.const", 0),
                ("i64.lt_s",),
                ("if", None),
                ("local.get", quo),
                ("i64.const", 1),
                ("i64.sub",),
                ("local.set", quo),
                ("local.get", rem),
                ("local.get", dd),
                ("i64.add",),
                ("local.set", rem),
                ("else",),
                ("local.get", rem),
                ("local.get", dd),
                ("i64.ge_s",),
                ("if", None),
                ("local.get", quo),
                ("i64.const", 1),
                ("i64.add",),
                ("local.set", quo),
                ("local.get", rem),
                ("local.get", dd),
                ("i64.sub",),
                ("local.set", rem),
                ("end",),
                ("end",),
                *_set(kb, q, [("local.get", i)], [("local.get", quo), ("i32.wrap_i64",)]),
            ],
        ),
        ("local.get", rem),
        ("i32.wrap_i64",),
    )


@body("%mpn-cmp")
def _cmp(kb: KernelBuilder, a: Asm) -> None:
    # (a na b nb): -1, 0 or 1 as a[0..na) <, = or > b[0..nb).
    x, nx, y, ny = range(4)
    i, dx, dy = a.local(I32), a.local(I32), a.local(I32)
    length = kb.f("%mpn-length")
    a(
        ("local.get", x),
        ("local.get", nx),
        ("call", length),
        ("local.set", nx),
        ("local.get", y),
        ("local.get", ny),
        ("call", length),
        ("local.set", ny),
        ("local.get", nx),
        ("local.get", ny),
        ("i32.ne",),
        ("if", None),
        ("i32.const", -1),
        ("i32.const", 1),
        ("local.get", nx),
        ("local.get", ny),
        ("i32.lt_u",),
        ("select",),
        ("return",),
        ("end",),
        *_down(
            i,
            [("local.get", nx), ("i32.const", 1), ("i32.sub",)],
            [
                *_get(kb, x, ("local.get", i)),
                ("local.tee", dx),
                *_get(kb, y, ("local.get", i)),
                ("local.tee", dy),
                ("i32.ne",),
                ("if", None),
                ("i32.const", -1),
                ("i32.const", 1),
                ("local.get", dx),
                ("local.get", dy),
                ("i32.lt_u",),
                ("select",),
                ("return",),
                ("end",),
            ],
        ),
        ("i32.const", 0),
    )


@body("%mpn-lshift")
def _lshift(kb: KernelBuilder, a: Asm) -> None:
    # (r roff a n count): r[roff..roff+n) = the low digits of a[0..n) <<
    # count, 0 <= count < 30; returns the bits shifted out of the top.
    # Runs downward, so r may be a.
    r, roff, x, n, count = range(5)
    i, back = a.local(I32), a.local(I32)
    out = a.local(I32)
    a(
        ("i32.const", BITS),
        ("local.get", count),
        ("i32.sub",),
        ("local.set", back),
        ("local.get", n),
        ("if", None),
        *_get(kb, x, ("local.get", n), ("i32.const", 1), ("i32.sub",)),
        ("local.get", back),
        ("i32.shr_u",),
        ("local.set", out),
        ("end",),
        *_down(
            i,
            [("local.get", n), ("i32.const", 1), ("i32.sub",)],
            _set(
                kb,
                r,
                _sum(roff, i),
                [
                    *_get(kb, x, ("local.get", i)),
                    ("local.get", count),
                    ("i32.shl",),
                    ("i32.const", MASK),
                    ("i32.and",),
                    ("local.get", i),
                    ("if", I32),
                    *_get(kb, x, ("local.get", i), ("i32.const", 1), ("i32.sub",)),
                    ("local.get", back),
                    ("i32.shr_u",),
                    ("else",),
                    ("i32.const", 0),
                    ("end",),
                    ("i32.or",),
                ],
            ),
        ),
        ("local.get", out),
    )


@body("%mpn-rshift")
def _rshift(kb: KernelBuilder, a: Asm) -> None:
    # (r a aoff n count): r[0..n) = a[aoff..aoff+n) >> count, 0 <= count <
    # 30, the digits of a above aoff+n taken as zero.  Runs upward, so r
    # may be a.
    r, x, aoff, n, count = range(5)
    i, back = a.local(I32), a.local(I32)
    a(
        ("i32.const", BITS),
        ("local.get", count),
        ("i32.sub",),
        ("local.set", back),
        *count_up(
            i,
            [("i32.const", 0)],
            [("local.get", n)],
            _set(
                kb,
                r,
                [("local.get", i)],
                [
                    *_get(kb, x, *_sum(aoff, i)),
                    ("local.get", count),
                    ("i32.shr_u",),
                    ("local.get", i),
                    ("i32.const", 1),
                    ("i32.add",),
                    ("local.get", n),
                    ("i32.lt_s",),
                    ("if", I32),
                    *_get(kb, x, *_sum(aoff, i), ("i32.const", 1), ("i32.add",)),
                    ("local.get", back),
                    ("i32.shl",),
                    ("i32.const", MASK),
                    ("i32.and",),
                    ("else",),
                    ("i32.const", 0),
                    ("end",),
                    ("i32.or",),
                ],
            ),
        ),
    )


def _submul(kb: KernelBuilder, a: Asm, un: int, vn: int, j: int, nv: int, qhat: int) -> list[Instr]:
    """un[j..j+nv] -= qhat * vn[0..nv); leaves the signed top difference in a
    new i64 local, returned with the code."""
    i = a.local(I32)
    p, carry, borrow, t = a.local(I64), a.local(I64), a.local(I64), a.local(I64)
    code = [
        ("i64.const", 0),
        ("local.set", carry),
        ("i64.const", 0),
        ("local.set", borrow),
        *count_up(
            i,
            [("i32.const", 0)],
            [("local.get", nv)],
            [
                ("local.get", qhat),
                *_get64(kb, vn, ("local.get", i)),
                ("i64.mul",),
                ("local.get", carry),
                ("i64.add",),
                ("local.tee", p),
                ("i64.const", BITS),
                ("i64.shr_u",),
                ("local.set", carry),
                *_get64(kb, un, *_sum(i, j)),
                ("local.get", p),
                ("i64.const", MASK),
                ("i64.and",),
                ("i64.sub",),
                ("local.get", borrow),
                ("i64.add",),
                ("local.tee", t),
                ("i64.const", BITS),
                ("i64.shr_s",),
                ("local.set", borrow),
                *_set(
                    kb,
                    un,
                    _sum(i, j),
                    [("local.get", t), ("i32.wrap_i64",), ("i32.const", MASK), ("i32.and",)],
                ),
            ],
        ),
        *_get64(kb, un, *_sum(j, nv)),
        ("local.get", carry),
        ("i64.sub",),
        ("local.get", borrow),
        ("i64.add",),
        ("local.tee", t),
        ("i32.wrap_i64",),
        ("i32.const", MASK),
        ("i32.and",),
    ]
    top = [("local.get", un), *_sum(j, nv), *code, ("array.set", kb.t["digit-array"])]
    return [*top, ("local.get", t)]


def _add_back(kb: KernelBuilder, a: Asm, un: int, vn: int, j: int, nv: int) -> list[Instr]:
    """un[j..j+nv] += vn[0..nv), dropping the final carry."""
    i, s, c = a.local(I32), a.local(I32), a.local(I32)
    return [
        ("i32.const", 0),
        ("local.set", c),
        *count_up(
            i,
            [("i32.const", 0)],
            [("local.get", nv)],
            [
                *_get(kb, un, *_sum(i, j)),
                *_get(kb, vn, ("local.get", i)),
                ("i32.add",),
                ("local.get", c),
                ("i32.add",),
                ("local.tee", s),
                ("i32.const", BITS),
                ("i32.shr_u",),
                ("local.set", c),
                *_set(kb, un, _sum(i, j), [("local.get", s), ("i32.const", MASK), ("i32.and",)]),
            ],
        ),
        *_set(
            kb,
            un,
            _sum(j, nv),
            [
                *_get(kb, un, *_sum(j, nv)),
                ("local.get", c),
                ("i32.add",),
                ("i32.const", MASK),
                ("i32.and",),
            ],
        ),
    ]


@body("%mpn-divrem")
def _divrem(kb: KernelBuilder, a: Asm) -> None:
    # (q r u nu v nv): Knuth's algorithm D (TAOCP 4.3.1) for nu >= nv >= 2
    # and a non-zero top digit v[nv-1]: q[0..nu-nv] = floor(u / v),
    # r[0..nv) = u mod v.  Divisor and dividend are first shifted left so
    # that the divisor's top digit has its high bit set; each quotient digit
    # is estimated from the top two digits of the running remainder,
    # corrected with the divisor's second digit, and the rare remaining
    # overestimate is undone by adding the divisor back.
    q, r, u, nu, v, nv = range(6)
    d = kb.t["digit-array"]
    s, j = a.local(I32), a.local(I32)
    un, vn = _digits_local(kb, a), _digits_local(kb, a)
    vtop, vnext, qhat, rhat = a.local(I64), a.local(I64), a.local(I64), a.local(I64)
    lshift = kb.f("%mpn-lshift")
    estimate = [
        *_get64(kb, un, *_sum(j, nv)),
        ("i64.const", BITS),
        ("i64.shl",),
        *_get64(kb, un, *_sum(j, nv), ("i32.const", -1), ("i32.add",)),
        ("i64.or",),
        ("local.tee", rhat),
        ("local.get", vtop),
        ("i64.div_u",),
        ("local.set", qhat),
        ("local.get", rhat),
        ("local.get", vtop),
        ("i64.rem_u",),
        ("local.set", rhat),
        # while qhat >= B or qhat * vnext > rhat * B + un[j+nv-2]:
        #   qhat -= 1, rhat += vtop, until rhat >= B
        ("block", None),
        ("loop", None),
        ("local.get", qhat),
        ("i64.const", BASE),
        ("i64.ge_u",),
        ("local.get", qhat),
        ("local.get", vnext),
        ("i64.mul",),
        ("local.get", rhat),
        ("i64.const", BITS),
        ("i64.shl",),
        *_get64(kb, un, *_sum(j, nv), ("i32.const", -2), ("i32.add",)),
        ("i64.or",),
        ("i64.gt_u",),
        ("i32.or",),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", qhat),
        ("i64.const", 1),
        ("i64.sub",),
        ("local.set", qhat),
        ("local.get", rhat),
        ("local.get", vtop),
        ("i64.add",),
        ("local.tee", rhat),
        ("i64.const", BASE),
        ("i64.lt_u",),
        ("br_if", 0),
        ("end",),
        ("end",),
    ]
    step = [
        *estimate,
        *_submul(kb, a, un, vn, j, nv, qhat),
        ("i64.const", 0),
        ("i64.lt_s",),
        ("if", None),
        ("local.get", qhat),
        ("i64.const", 1),
        ("i64.sub",),
        ("local.set", qhat),
        *_add_back(kb, a, un, vn, j, nv),
        ("end",),
        *_set(kb, q, [("local.get", j)], [("local.get", qhat), ("i32.wrap_i64",)]),
    ]
    a(
        *_get(kb, v, ("local.get", nv), ("i32.const", 1), ("i32.sub",)),
        ("i32.clz",),
        ("i32.const", 32 - BITS),
        ("i32.sub",),
        ("local.set", s),
        ("local.get", nv),
        ("array.new_default", d),
        ("local.set", vn),
        ("local.get", vn),
        ("i32.const", 0),
        ("local.get", v),
        ("local.get", nv),
        ("local.get", s),
        ("call", lshift),
        ("drop",),
        ("local.get", nu),
        ("i32.const", 1),
        ("i32.add",),
        ("array.new_default", d),
        ("local.set", un),
        ("local.get", un),
        ("local.get", nu),
        ("local.get", un),
        ("i32.const", 0),
        ("local.get", u),
        ("local.get", nu),
        ("local.get", s),
        ("call", lshift),
        ("array.set", d),
        *_get64(kb, vn, ("local.get", nv), ("i32.const", 1), ("i32.sub",)),
        ("local.set", vtop),
        *_get64(kb, vn, ("local.get", nv), ("i32.const", 2), ("i32.sub",)),
        ("local.set", vnext),
        *_down(j, [("local.get", nu), ("local.get", nv), ("i32.sub",)], step),
        ("local.get", r),
        ("local.get", un),
        ("i32.const", 0),
        ("local.get", nv),
        ("local.get", s),
        ("call", kb.f("%mpn-rshift")),
    )


@body("%mpn-trailing-zeros")
def _trailing_zeros(kb: KernelBuilder, a: Asm) -> None:
    # (a n): the number of low zero bits of a[0..n), which is not zero.
    x = 0
    i = a.local(I32)
    a(
        ("block", None),
        ("loop", None),
        *_get(kb, x, ("local.get", i)),
        ("br_if", 1),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", i),
        ("br", 0),
        ("end",),
        ("end",),
        ("local.get", i),
        ("i32.const", BITS),
        ("i32.mul",),
        *_get(kb, x, ("local.get", i)),
        ("i32.ctz",),
        ("i32.add",),
    )


def _strip_zeros(kb: KernelBuilder, x: int, nx: int, z: int) -> list[Instr]:
    """x[0..nx) >>= its trailing zero bits, in place; nx becomes its length."""
    return [
        ("local.get", x),
        ("local.get", nx),
        ("call", kb.f("%mpn-trailing-zeros")),
        ("local.set", z),
        ("local.get", nx),
        ("local.get", z),
        ("i32.const", BITS),
        ("i32.div_u",),
        ("i32.sub",),
        ("local.set", nx),
        ("local.get", x),
        ("local.get", x),
        ("local.get", z),
        ("i32.const", BITS),
        ("i32.div_u",),
        ("local.get", nx),
        ("local.get", z),
        ("i32.const", BITS),
        ("i32.rem_u",),
        ("call", kb.f("%mpn-rshift")),
        ("local.get", x),
        ("local.get", nx),
        ("call", kb.f("%mpn-length")),
        ("local.set", nx),
    ]


def _two_digits(kb: KernelBuilder, x: int, nx: int) -> list[Instr]:
    """The value of x[0..nx), nx <= 2, as an i64."""
    return [
        *_get64(kb, x, ("i32.const", 0)),
        ("local.get", nx),
        ("i32.const", 2),
        ("i32.eq",),
        ("if", I64),
        *_get64(kb, x, ("i32.const", 1)),
        ("i64.const", BITS),
        ("i64.shl",),
        ("else",),
        ("i64.const", 0),
        ("end",),
        ("i64.or",),
    ]


@body("%mpn-gcd")
def _gcd(kb: KernelBuilder, a: Asm) -> None:
    # (a na b nb): the gcd of a[0..na) and b[0..nb), both non-zero, as a
    # fresh array (its high digits may be zero).  Binary gcd on copies: the
    # common power of two aside, both are made odd, then the smaller is
    # subtracted from the larger and the difference made odd again; once
    # both fit two digits Euclid's algorithm finishes in i64.
    xa, na, xb, nb = range(4)
    d = kb.t["digit-array"]
    x, y, tmp = _digits_local(kb, a), _digits_local(kb, a), _digits_local(kb, a)
    z, k, n, c = a.local(I32), a.local(I32), a.local(I32), a.local(I32)
    gx, gy, g = a.local(I64), a.local(I64), a.local(I64)
    zeros = kb.f("%mpn-trailing-zeros")
    a(
        *_copy(kb, x, xa, na),
        *_copy(kb, y, xb, nb),
        ("local.get", x),
        ("local.get", na),
        ("call", zeros),
        ("local.tee", k),
        ("local.get", y),
        ("local.get", nb),
        ("call", zeros),
        ("local.tee", z),
        ("local.get", k),
        ("local.get", z),
        ("i32.lt_u",),
        ("select",),
        ("local.set", k),
        *_strip_zeros(kb, x, na, z),
        *_strip_zeros(kb, y, nb, z),
        ("block", None),
        ("loop", None),
        # both within two digits: finish in i64 (c = 1)
        ("i32.const", 1),
        ("local.set", c),
        ("local.get", na),
        ("i32.const", 3),
        ("i32.lt_u",),
        ("local.get", nb),
        ("i32.const", 3),
        ("i32.lt_u",),
        ("i32.and",),
        ("br_if", 1),
        ("local.get", x),
        ("local.get", na),
        ("local.get", y),
        ("local.get", nb),
        ("call", kb.f("%mpn-cmp")),
        ("local.tee", c),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", c),
        ("i32.const", 0),
        ("i32.lt_s",),
        ("if", None),
        ("local.get", x),
        ("local.set", tmp),
        ("local.get", y),
        ("local.set", x),
        ("local.get", tmp),
        ("local.set", y),
        ("local.get", na),
        ("local.set", n),
        ("local.get", nb),
        ("local.set", na),
        ("local.get", n),
        ("local.set", nb),
        ("end",),
        ("local.get", x),
        ("local.get", x),
        ("local.get", na),
        ("local.get", y),
        ("local.get", nb),
        ("call", kb.f("%mpn-sub")),
        ("drop",),
        *_strip_zeros(kb, x, na, z),
        ("br", 0),
        ("end",),
        ("end",),
        # x and y are equal (c = 0), or both fit two digits.
        ("local.get", c),
        ("if", None),
        *_two_digits(kb, x, na),
        ("local.set", gx),
        *_two_digits(kb, y, nb),
        ("local.set", gy),
        ("block", None),
        ("loop", None),
        ("local.get", gy),
        ("i64.eqz",),
        ("br_if", 1),
        ("local.get", gx),
        ("local.get", gy),
        ("i64.rem_u",),
        ("local.set", g),
        ("local.get", gy),
        ("local.set", gx),
        ("local.get", g),
        ("local.set", gy),
        ("br", 0),
        ("end",),
        ("end",),
        ("i32.const", 2),
        ("array.new_default", d),
        ("local.set", x),
        *_set(
            kb,
            x,
            [("i32.const", 0)],
            [("local.get", gx), ("i32.wrap_i64",), ("i32.const", MASK), ("i32.and",)],
        ),
        *_set(
            kb,
            x,
            [("i32.const", 1)],
            [("local.get", gx), ("i64.const", BITS), ("i64.shr_u",), ("i32.wrap_i64",)],
        ),
        ("i32.const", 2),
        ("local.set", na),
        ("end",),
        # the result: x << k
        ("local.get", na),
        ("local.get", k),
        ("i32.const", BITS),
        ("i32.div_u",),
        ("i32.add",),
        ("i32.const", 1),
        ("i32.add",),
        ("array.new_default", d),
        ("local.set", tmp),
        ("local.get", tmp),
        ("local.get", na),
        ("local.get", k),
        ("i32.const", BITS),
        ("i32.div_u",),
        ("i32.add",),
        ("local.get", tmp),
        ("local.get", k),
        ("i32.const", BITS),
        ("i32.div_u",),
        ("local.get", x),
        ("local.get", na),
        ("local.get", k),
        ("i32.const", BITS),
        ("i32.rem_u",),
        ("call", kb.f("%mpn-lshift")),
        ("array.set", d),
        ("local.get", tmp),
    )


@body("%bignum-normalize")
def _normalize(kb: KernelBuilder, a: Asm) -> None:
    # (digits n negative): the integer of that sign and magnitude
    # digits[0..n): a fixnum when it is one, else a bignum with no high zero
    # digit (sharing `digits` when it has exactly that length).
    x, n, negative = range(3)
    v, fresh = a.local(I32), _digits_local(kb, a)
    a(
        ("local.get", x),
        ("local.get", n),
        ("call", kb.f("%mpn-length")),
        ("local.tee", n),
        ("i32.const", 2),
        ("i32.lt_u",),
        ("if", None),
        ("local.get", n),
        ("if", I32),
        *_get(kb, x, ("i32.const", 0)),
        ("else",),
        ("i32.const", 0),
        ("end",),
        ("local.set", v),
        ("i32.const", 0),
        ("local.get", v),
        ("i32.sub",),
        ("local.get", v),
        ("local.get", negative),
        ("select",),
        ("ref.i31",),
        ("return",),
        ("end",),
        # -2^30 is the one two-digit fixnum
        ("local.get", negative),
        ("local.get", n),
        ("i32.const", 2),
        ("i32.eq",),
        ("i32.and",),
        ("if", None),
        *_get(kb, x, ("i32.const", 1)),
        ("i32.const", 1),
        ("i32.eq",),
        *_get(kb, x, ("i32.const", 0)),
        ("i32.eqz",),
        ("i32.and",),
        ("if", None),
        ("i32.const", -BASE),
        ("ref.i31",),
        ("return",),
        ("end",),
        ("end",),
        ("local.get", x),
        ("array.len",),
        ("local.get", n),
        ("i32.eq",),
        ("if", None),
        ("local.get", x),
        ("local.set", fresh),
        ("else",),
        *_copy(kb, fresh, x, n),
        ("end",),
        ("i32.const", 0),
        ("local.get", negative),
        ("local.get", fresh),
        ("ref.as_non_null",),
        ("struct.new", kb.t["bignum"]),
    )
