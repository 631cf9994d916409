"""Running a program under `clysm load` with the JIT log on, the promotions
compiled by this process (the in-process compile service)."""

from __future__ import annotations

from program_harness import TIMEOUT, load_toolchain

from clysm.driver.run import run_program


def load_with_jit_log(text: str, file: str, threshold: int | None) -> tuple[str, str]:
    """(standard output, error output) of `text` LOADed with `threshold`
    (None: the JIT off) and CLYSM_JIT_LOG set by the caller's environment;
    the program must exit normally."""
    toolchain = load_toolchain()
    program = toolchain.load_program(text, file, jit_threshold=threshold)
    r = run_program(
        program,
        toolchain.runtime_path,
        engine="node",
        capture=True,
        timeout=TIMEOUT,
        jit_toolchain=toolchain,
    )
    assert r.exit_code == 0, r.stderr_text
    return r.stdout_text, r.stderr_text
