"""The hand-written Wasm kernel of the runtime module (see build.py, spec.py)."""
