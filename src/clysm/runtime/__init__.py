"""The Lisp runtime library: its source files and their load order."""
