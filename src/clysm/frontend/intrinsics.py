"""Compiler intrinsics: CLYSM::%name operators the back end open-codes.

A call `(clysm::%car x)` whose operator is listed here becomes
`PrimCall("%car", [x])`.  The back end implements each op in Wasm; the host
evaluator has a Python version of each (host_intrinsics.py) so that macro
expanders may use them.  Callers guarantee argument types where stated; the
ops do not check them.  Predicates return T or NIL.
"""

from __future__ import annotations

from dataclasses import dataclass

from clysm.lisp.data import Symbol


@dataclass(frozen=True)
class Intrinsic:
    op: str
    arity: int
    doc: str


def _table(*entries: tuple[str, int, str]) -> dict[str, Intrinsic]:
    return {op: Intrinsic(op, arity, doc) for op, arity, doc in entries}


INTRINSICS: dict[str, Intrinsic] = _table(
    # conses (argument must be a cons where it says so)
    ("%cons", 2, "a fresh cons"),
    ("%car", 1, "car of a list (NIL gives NIL; a non-list is a type-error)"),
    ("%cdr", 1, "cdr of a list (NIL gives NIL; a non-list is a type-error)"),
    ("%rplaca", 2, "set the car of a cons; returns the cons"),
    ("%rplacd", 2, "set the cdr of a cons; returns the cons"),
    # identity and type tests
    ("%eq", 2, "identity (fixnums and characters by value)"),
    ("%consp", 1, "cons?"),
    ("%symbolp", 1, "symbol? (NIL included)"),
    ("%fixnump", 1, "fixnum (i31) ?"),
    ("%characterp", 1, "character?"),
    ("%stringp", 1, "string?"),
    ("%functionp", 1, "function object?"),
    # fixnum arithmetic: open-coded for fixnums; other numbers, and results
    # outside the fixnum range, take the generic slow path (CLYSM::%ARITH-SLOW);
    # non-numbers are type-errors
    ("%fx+", 2, "sum of two fixnums"),
    ("%fx-", 2, "difference of two fixnums"),
    ("%fx*", 2, "product of two fixnums"),
    ("%fx<", 2, "fixnum <"),
    ("%fx<=", 2, "fixnum <="),
    ("%fx>", 2, "fixnum >"),
    ("%fx>=", 2, "fixnum >="),
    ("%fx=", 2, "fixnum ="),
    # characters and symbols
    ("%char-code", 1, "code point of a character"),
    ("%code-char", 1, "character of a code point (a fixnum in range)"),
    ("%symbol-name", 1, "name string of a symbol"),
    # symbol cells (argument 1 is a symbol)
    ("%symbol-value", 1, "value of a symbol; unbound-variable if it has none"),
    ("%set", 2, "set the global value; returns the value"),
    ("%boundp", 1, "has the symbol a global value?"),
    ("%makunbound", 1, "remove the global value; returns the symbol"),
    ("%symbol-function", 1, "the function cell, or NIL when empty"),
    ("%fset", 2, "set the function cell (a function); returns the function"),
    ("%fmakunbound", 1, "empty the function cell; returns the symbol"),
    ("%symbol-plist", 1, "the property list"),
    ("%set-symbol-plist", 2, "set the property list; returns it"),
    ("%symbol-package", 1, "the home package, or NIL (during boot, a package name)"),
    ("%set-symbol-package", 2, "set the home package; returns it"),
    ("%symbol-flags", 1, "flag bits: 1 special, 2 constant, 16 keyword"),
    ("%set-symbol-flags", 2, "set the flag bits (a fixnum); returns them"),
    ("%make-symbol", 1, "a fresh uninterned symbol named by a string"),
    ("%intern", 2, "the symbol of a name whose home package has a name, both strings"),
    ("%boot-symbols", 0, "the symbols made before the package system: a vector of lists"),
    # strings and simple vectors (index arguments are in range)
    ("%make-string", 2, "a string of length n filled with a character"),
    ("%string-length", 1, "length of a string"),
    ("%schar", 2, "character at an index of a string"),
    ("%set-schar", 3, "store a character into a string; returns the character"),
    (
        "%replace-chars",
        5,
        "copy the characters of a string from start to end into another at an index; "
        "returns the destination (ranges are valid)",
    ),
    ("%simple-vector-p", 1, "simple-vector?"),
    ("%make-vector", 2, "a simple-vector of length n filled with a value"),
    ("%vector-length", 1, "length of a simple-vector"),
    ("%svref", 2, "element of a simple-vector"),
    ("%svset", 3, "store into a simple-vector; returns the value"),
    # simple bit vectors (index arguments are in range, bits are 0 or 1)
    ("%bit-vector-p", 1, "simple-bit-vector?"),
    ("%make-bit-vector", 2, "a simple-bit-vector of length n filled with a bit"),
    ("%bit-vector-length", 1, "length of a simple-bit-vector"),
    ("%sbit", 2, "bit at an index of a simple-bit-vector"),
    ("%set-sbit", 3, "store a bit into a simple-bit-vector; returns the bit"),
    # array headers: every array but the simple vectors, strings and bit
    # vectors (docs/object-model.md has the fields)
    ("%array-header-p", 1, "array header?"),
    (
        "%make-array-header",
        6,
        "a header of data, dimensions, fill-pointer, total-size, offset and flags",
    ),
    *(
        entry
        for name in ("data", "dimensions", "fill-pointer", "total-size", "offset", "flags")
        for entry in (
            (f"%array-{name}", 1, f"the {name} of an array header"),
            (f"%set-array-{name}", 2, f"set the {name} of an array header; returns it"),
        )
    ),
    # one-subscript AREF and its store, open-coded for simple vectors,
    # strings and bit vectors with an index in range; any other case calls
    # CLYSM::%AREF1-SLOW / CLYSM::%ASET1-SLOW (array index [value])
    ("%aref1", 2, "element of a vector at an index (checked)"),
    ("%aset1", 3, "store into a vector at an index (checked); returns the value"),
    # more fixnum arithmetic (divisor non-zero)
    ("%fx-truncate", 2, "quotient of two fixnums, rounded toward zero"),
    ("%fx-rem", 2, "remainder of two fixnums, sign of the dividend"),
    ("%fx-logand", 2, "bitwise and of two fixnums"),
    ("%fx-logior", 2, "bitwise or of two fixnums"),
    ("%fx-logxor", 2, "bitwise xor of two fixnums"),
    # instances: structures, conditions (slot indices are in range)
    ("%make-instance", 2, "a fresh instance of a layout with n slots, all NIL"),
    ("%instancep", 1, "instance?"),
    ("%instance-layout", 1, "the layout of an instance"),
    ("%set-instance-layout", 2, "change the layout of an instance; returns it"),
    ("%instance-take-slots", 2, "give an instance the slot storage of another; returns it"),
    ("%instance-length", 1, "number of slots of an instance"),
    ("%instance-ref", 2, "slot i of an instance"),
    ("%instance-set", 3, "store into slot i of an instance; returns the value"),
    # hashing
    ("%object-hash", 1, "identity hash: a non-negative fixnum, stable for the object's life"),
    ("%string-hash", 1, "hash of a string's characters: a non-negative fixnum"),
    ("%string=", 2, "are two strings of the same characters?"),
    # numbers other than fixnums (docs/object-model.md has their layouts)
    ("%bignump", 1, "bignum?"),
    ("%ratiop", 1, "ratio?"),
    ("%complexp", 1, "complex?"),
    ("%double-float-p", 1, "double-float?"),
    ("%single-float-p", 1, "single-float?"),
    ("%make-bignum", 2, "a bignum under construction: n zero digits, negative if true"),
    ("%bignum-finish", 1, "a bignum whose digits are all set (normalised by the caller)"),
    ("%bignum-negative-p", 1, "is the bignum negative?"),
    ("%bignum-length", 1, "number of base-2^30 digits of a bignum's magnitude"),
    ("%bignum-digit", 2, "digit i of a bignum's magnitude (least significant first)"),
    ("%set-bignum-digit", 3, "store digit i of a bignum under construction; returns it"),
    # digit loops on magnitudes: bignums (normalised or made by %make-bignum)
    # whose digit arrays are read or written, with lengths in range
    ("%bignum-normalize", 3, "the integer of magnitude digits[0..n) of b, negative if true"),
    ("%mpn-length", 2, "n less the high zero digits of a[0..n)"),
    ("%mpn-add", 5, "r[0..na) = a[0..na) + b[0..nb), na >= nb; the carry (r may be a)"),
    ("%mpn-sub", 5, "r[0..na) = a[0..na) - b[0..nb), na >= nb; the borrow (r may be a)"),
    ("%mpn-mul-1", 4, "r[0..n) = a[0..n) * digit d; the high digit (r may be a)"),
    ("%mpn-mul", 5, "r[0..na+nb) = a[0..na) * b[0..nb) (r is neither a nor b)"),
    ("%mpn-divrem-1", 4, "q[0..n) = a[0..n) / digit d > 0; the remainder (q may be a)"),
    ("%mpn-cmp", 4, "-1, 0 or 1 comparing a[0..na) with b[0..nb)"),
    ("%mpn-lshift", 5, "r[roff..roff+n) = a[0..n) << count (0-29); the bits out (r may be a)"),
    ("%mpn-rshift", 5, "r[0..n) = a[aoff..aoff+n) >> count (0-29) (r may be a)"),
    (
        "%mpn-divrem",
        6,
        "q r u nu v nv: q = u / v, r = u mod v for nu >= nv >= 2, v[nv-1] > 0",
    ),
    ("%mpn-gcd", 4, "the gcd of a[0..na) and b[0..nb), both non-zero, as a magnitude"),
    ("%make-ratio", 2, "a ratio of an integer and an integer > 1 (in lowest terms)"),
    ("%ratio-numerator", 1, "numerator of a ratio"),
    ("%ratio-denominator", 1, "denominator of a ratio"),
    ("%make-complex", 2, "a complex of two reals of the same kind"),
    ("%complex-real", 1, "real part of a complex"),
    ("%complex-imag", 1, "imaginary part of a complex"),
    ("%fixnum-to-double", 1, "the double-float of a fixnum"),
    ("%double-to-single", 1, "a double-float rounded to a single-float"),
    ("%single-to-double", 1, "the double-float of a single-float"),
    ("%double+", 2, "sum of two double-floats"),
    ("%double-", 2, "difference of two double-floats"),
    ("%double*", 2, "product of two double-floats"),
    ("%double/", 2, "quotient of two double-floats (IEEE: may be infinite or NaN)"),
    ("%double<", 2, "double-float <"),
    ("%double<=", 2, "double-float <="),
    ("%double=", 2, "double-float ="),
    ("%double-sqrt", 1, "square root of a double-float"),
    ("%double-floor", 1, "a double-float rounded toward minus infinity"),
    ("%double-ceiling", 1, "a double-float rounded toward plus infinity"),
    ("%double-truncate", 1, "a double-float rounded toward zero"),
    ("%double-round", 1, "a double-float rounded to the nearest, ties to even"),
    ("%double-to-fixnum", 1, "the fixnum of an integral double-float in the fixnum range"),
    ("%double-sign-bit", 1, "1 if the sign bit of a double-float is set, else 0"),
    ("%double-exponent-bits", 1, "the biased exponent field (11 bits) of a double-float"),
    ("%double-mantissa-high", 1, "the high 22 bits of the 52-bit fraction field"),
    ("%double-mantissa-low", 1, "the low 30 bits of the 52-bit fraction field"),
    ("%make-double", 4, "the double-float of sign bit, exponent field, fraction high, low"),
    # multiple values
    ("%values-list", 1, "the elements of a proper list (at most 1024) as multiple values"),
    # functions
    ("%make-indirect-function", 2, "a function forwarding every call to a target; and a name"),
    ("%indirect-function-p", 1, "made by %make-indirect-function?"),
    ("%indirect-target", 1, "the target of an indirect function"),
    ("%set-indirect-target", 2, "retarget an indirect function; returns the target"),
    ("%adopt-code", 2, "retarget an indirect function to a closure-free function, its entries too"),
    ("%function-info", 1, "the info slot of a function object (tiering metadata)"),
    ("%set-function-info", 2, "set the info slot of a function object; returns it"),
    ("%function-name", 1, "the name recorded in a function object"),
    # the outside world
    ("%write-string", 2, "write a string to a file descriptor (1 or 2); returns NIL"),
    ("%exit", 1, "end the program with an exit code"),
    ("%jit-compile", 2, "compile a JIT request (text, literals): a function, or NIL"),
    ("%jit-error", 0, "the message of the last JIT failure"),
    ("%monotonic-ms", 0, "milliseconds of a monotonic clock, modulo 2^30"),
    (
        "%read-bytes",
        1,
        "bytes read from a file descriptor as a string of codes 0-255, NIL at EOF",
    ),
    ("%preopen-name", 1, "the name of a preopened directory descriptor (UTF-8 codes), or NIL"),
    ("%open-file", 2, "open (dirfd path) for reading: a descriptor, or minus a WASI errno"),
    ("%close-fd", 1, "close a descriptor opened by %open-file; returns NIL"),
    # open-coded accessors: the test of their fast path
    ("%svref-index-p", 2, "a simple-vector and a fixnum index within its bounds?"),
)


def intrinsic_for(sym: Symbol) -> Intrinsic | None:
    """The intrinsic `sym` names: only symbols of package CLYSM qualify."""
    if sym.package is None or sym.package.name != "CLYSM" or not sym.name.startswith("%"):
        return None
    return INTRINSICS.get(sym.name.lower())
