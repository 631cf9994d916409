"""Host-side Lisp data model: symbols, packages, conses, and a printer for them."""
