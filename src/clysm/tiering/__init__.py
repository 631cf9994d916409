"""Tiered execution: the Tier 1 interpreter (Lisp, in lisp/, compiled into
the runtime) and the Tier 2 JIT (the compile service in Python)."""
