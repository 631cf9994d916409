"""clysm: Common Lisp compiled to WebAssembly GC, with a tiered eval and JIT."""

__version__ = "0.1.0"
