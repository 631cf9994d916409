"""The kernel's interface: signatures of its functions and its exported globals.

The runtime module defines these (kernel/build.py); program and JIT modules
import them from "rt" with the very same signatures (`import_kernel`).  Code
generation only ever refers to kernel entities through a `KernelRefs`, so the
same code generator serves both kinds of module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clysm.backend.objects import MAX_FIXED_ARITY, RuntimeTypes
from clysm.wasm import Module
from clysm.wasm.types import EQREF, EXNREF, I32, ValType, ref, ref_null

RUNTIME_MODULE_NAME = "rt"

# Compact type spellings for the tables below.
_SPELL: dict[str, Callable[[RuntimeTypes], ValType]] = {
    "eq": lambda t: EQREF,
    "i32": lambda t: I32,
    "fn": lambda t: ref(t["function"]),
    "arr": lambda t: ref(t["value-array"]),
    "arr?": lambda t: ref_null(t["value-array"]),
    "sym": lambda t: ref(t["symbol"]),
    "sym?": lambda t: ref_null(t["symbol"]),
    "char": lambda t: ref(t["character"]),
    "cons": lambda t: ref(t["cons"]),
    # nullable, so that the digit loops can pass their locals on
    "dig": lambda t: ref_null(t["digit-array"]),
}


def valtype(types: RuntimeTypes, spelling: str) -> ValType:
    return _SPELL[spelling](types)


# name -> (params, results).  A signature "entryN"/"general" means the function
# has that rec-group type, so `ref.func` of it can fill a $function slot.
SIGNATURES: dict[str, str] = {
    "init": "() -> ()",
    "%exit": "(i32) -> ()",
    "%write-string": "(i32 eq) -> ()",
    "%write-fixnum": "(i32 eq) -> ()",
    "%write-object": "(i32 eq) -> ()",
    "%read-bytes": "(i32) -> (eq)",
    "%preopen-name": "(i32) -> (eq)",
    "%open-file": "(i32 eq) -> (eq)",
    "%close-fd": "(i32) -> ()",
    "%jit-compile": "(eq eq) -> (eq)",
    "%monotonic-ms": "() -> (eq)",
    "%jit-error": "() -> (eq)",
    "%error": "(eq eq eq) -> ()",
    "%undefined-function": "(eq) -> (fn)",
    "%unbound-variable": "(eq) -> (eq)",
    "%type-error": "(eq eq) -> ()",
    "%arg-count-error": "(fn i32) -> ()",
    "%coerce-to-function": "(eq) -> (fn)",
    "%apply": "(eq arr eq) -> (eq)",
    "%mv-push-rev": "(eq eq) -> (eq)",
    "%apply-rev": "(fn eq) -> (eq)",
    "%bind": "(sym? eq) -> ()",
    "%unbind-to": "(i32) -> ()",
    "%progv": "(eq eq) -> ()",
    "%throw": "(eq eq) -> (i32)",
    "%disable-fast-throws": "() -> ()",
    "%grow-bind-stack": "() -> ()",
    "%dead-exit": "() -> ()",
    "%unhandled-exit": "() -> ()",
    "%mv-save": "() -> (arr?)",
    "%mv-restore": "(arr?) -> ()",
    "%mv-list": "(eq) -> (eq)",
    "%values-list": "(eq) -> (eq)",
    "%intern": "(eq eq) -> (sym)",
    "%register-symbol": "(sym) -> ()",
    "%boot-symbols": "() -> (eq)",
    "%make-symbol": "(eq) -> (sym)",
    "%string=": "(eq eq) -> (i32)",
    "%char-eq": "(eq eq) -> (i32)",
    "%string-hash": "(eq) -> (i32)",
    "%object-hash": "(eq) -> (i32)",
    "%code-char": "(i32) -> (char)",
    "%list-from-array": "(arr i32) -> (eq)",
    "%check-keys": "(fn arr i32 arr i32) -> ()",
    "%find-key": "(arr i32 eq) -> (i32)",
    "%stack-exhausted": "() -> ()",
    "%fx-slow": "(i32 eq eq) -> (eq)",
    "%car-slow": "(eq) -> (eq)",
    "%aref-slow": "(eq eq) -> (eq)",
    "%aset-slow": "(eq eq eq) -> (eq)",
    "%cdr-slow": "(eq) -> (eq)",
    "%list-error": "(eq) -> ()",
    "%make-indirect-function": "(eq eq) -> (fn)",
    # bignum digit loops (kernel/bignum.py)
    "%mpn-length": "(dig i32) -> (i32)",
    "%mpn-add": "(dig dig i32 dig i32) -> (i32)",
    "%mpn-sub": "(dig dig i32 dig i32) -> (i32)",
    "%mpn-mul-1": "(dig dig i32 i32) -> (i32)",
    "%mpn-mul": "(dig dig i32 dig i32) -> ()",
    "%mpn-divrem-1": "(dig dig i32 i32) -> (i32)",
    "%mpn-cmp": "(dig i32 dig i32) -> (i32)",
    "%mpn-lshift": "(dig i32 dig i32 i32) -> (i32)",
    "%mpn-rshift": "(dig dig i32 i32 i32) -> ()",
    "%mpn-divrem": "(dig dig dig i32 dig i32) -> ()",
    "%mpn-trailing-zeros": "(dig i32) -> (i32)",
    "%mpn-gcd": "(dig i32 dig i32) -> (dig)",
    "%bignum-normalize": "(dig i32 i32) -> (eq)",
    **{f"%indirect-entry{n}": f"entry{n}" for n in range(MAX_FIXED_ARITY + 1)},
    "%indirect-general": "general",
    **{f"%wrong-args{n}": f"entry{n}" for n in range(MAX_FIXED_ARITY + 1)},
    **{f"%general-to-entry{n}": "general" for n in range(MAX_FIXED_ARITY + 1)},
    **{f"%entry{n}-to-general": f"entry{n}" for n in range(MAX_FIXED_ARITY + 1)},
}

# Exported globals: name -> (type spelling, mutable).
GLOBALS: dict[str, tuple[str, bool]] = {
    "nil": ("sym", False),
    "t": ("sym", False),
    "mv-count": ("i32", True),
    "mv-buffer": ("arr", False),
    "bind-sp": ("i32", True),
    # The binding stack: (symbol, old value) pairs and catch frames.
    "bind-stack": ("arr", True),
    # A thrower returning to its catch (docs/object-model.md): the catch
    # frame's binding-stack index + 1, or 0.
    "throw-pending": ("i32", True),
    "depth": ("i32", True),
}

UNWIND_TAG = "unwind"

# Codes of the arithmetic operations handled by %fx-slow.
FX_OPS = {"+": 0, "-": 1, "*": 2, "<": 3, "=": 4, ">": 5, "<=": 6, ">=": 7}


def parse_signature(types: RuntimeTypes, sig: str) -> int | tuple[list[ValType], list[ValType]]:
    """A rec-group type index for entry signatures, else (params, results)."""
    if sig.startswith("entry"):
        return types.entry(int(sig[5:]))
    if sig == "general":
        return types.general
    params, results = sig.split("->")

    def vals(s: str) -> list[ValType]:
        return [valtype(types, w) for w in s.strip().strip("()").split()]

    return vals(params), vals(results)


def func_type_index(module: Module, types: RuntimeTypes, name: str) -> int:
    sig = parse_signature(types, SIGNATURES[name])
    if isinstance(sig, int):
        return sig
    return module.func_type(*sig)


@dataclass
class KernelRefs:
    """Indices of the kernel's functions, globals and tag in one module."""

    module: Module
    types: RuntimeTypes
    funcs: dict[str, int] = field(default_factory=dict)
    globals: dict[str, int] = field(default_factory=dict)
    unwind_tag: int = -1
    # Type index of the block type (result eqref eqref exnref) for catch_ref $unwind.
    unwind_catch_bt: int = -1

    def f(self, name: str) -> int:
        return self.funcs[name]

    def g(self, name: str) -> int:
        return self.globals[name]


def import_kernel(module: Module, types: RuntimeTypes) -> KernelRefs:
    """Import every kernel function, global and the tag from the runtime module."""
    k = KernelRefs(module, types)
    for name in SIGNATURES:
        k.funcs[name] = module.import_func(
            RUNTIME_MODULE_NAME, name, func_type_index(module, types, name), name
        )
    for name, (spelling, mutable) in GLOBALS.items():
        k.globals[name] = module.import_global(
            RUNTIME_MODULE_NAME, name, valtype(types, spelling), mutable, name
        )
    tag_type = module.func_type([EQREF, EQREF], [])
    k.unwind_tag = module.import_tag(RUNTIME_MODULE_NAME, UNWIND_TAG, tag_type, UNWIND_TAG)
    k.unwind_catch_bt = module.func_type([], [EQREF, EQREF, EXNREF])
    return k
