"""Shared fixtures: the repository, the CLI binary and the shared corpus.

Tests that need the CLI binary (to compare with it) or ../shared skip without them on a
developer's machine; under CI (CI=true, as .ci/run is run) a missing one is a failure, so
that CI never passes by skipping.
"""

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def _missing(what):
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing under CI")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def cli():
    """The newsgraph binary: $NEWSGRAPH_BIN, else target/release or target/debug."""
    env = os.environ.get("NEWSGRAPH_BIN")
    candidates = [pathlib.Path(env)] if env else [
        REPO / "target" / "release" / "newsgraph",
        REPO / "target" / "debug" / "newsgraph",
    ]
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    _missing(f"the newsgraph binary ({', '.join(map(str, candidates))}; cargo build --release)")


@pytest.fixture(scope="session")
def bbc():
    """../shared/corpus/bbc beside the repository."""
    d = SHARED / "corpus" / "bbc"
    if not d.is_dir():
        _missing(f"{d}")
    return d


def has_dask():
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="session")
def dask_available():
    if not has_dask():
        _missing("dask[distributed] (pip install -r examples/requirements-distributed.txt)")
    return True


@pytest.fixture
def tmp(tmp_path):
    yield tmp_path
    shutil.rmtree(tmp_path, ignore_errors=True)
