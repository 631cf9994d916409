"""IR -> Wasm function compiler (see compiler.FunctionCompiler)."""
