import os
import shutil
import tempfile

import pytest

from forking import SHARED_DIR_VARIABLE

# Every module the tests make, directly or through the clysm command, is
# validated with wasm-tools.
os.environ.setdefault("CLYSM_VALIDATE", "1")

_MADE_SHARED_DIR = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    # In the controlling process only: pytest-xdist's workers, started
    # later, inherit the variable, so they all see the same directory.
    if SHARED_DIR_VARIABLE not in os.environ:
        directory = tempfile.mkdtemp(prefix="clysm-tests-")
        os.environ[SHARED_DIR_VARIABLE] = directory
        config.stash[_MADE_SHARED_DIR] = directory


def pytest_unconfigure(config: pytest.Config) -> None:
    directory = config.stash.get(_MADE_SHARED_DIR, None)
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)
        del os.environ[SHARED_DIR_VARIABLE]
