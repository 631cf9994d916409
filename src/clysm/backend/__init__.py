"""The back end: Lisp IR -> WebAssembly GC modules (see link.py)."""
