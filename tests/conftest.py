import os

# Every module the tests make, directly or through the clysm command, is
# validated with wasm-tools.
os.environ.setdefault("CLYSM_VALIDATE", "1")
