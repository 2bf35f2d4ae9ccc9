"""Shared fixtures: the seed letter, paths to test data, the golden-file switch, a guarded CLI run."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pipeline.clean import clean
from pipeline.extract import read_document
from pipeline.model import CleanDocument, Document, Marked, RawDocument, SegmentedDocument
from pipeline.run import build_document
from pipeline.segment import segment

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
SEED = DATA / "text" / "2023Z00475-antwoorden-ai.txt"
SHARED_CORPUS = TESTS.parent.parent / "shared" / "corpus"

# Hypothesis times each example (a 200 ms deadline) and how long it takes to make them: on a busy
# or slow machine both fail tests that are right. Speed is measured by `make bench`, not here.
settings.register_profile("any-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("any-machine")

UPDATE_GOLDEN = os.environ.get("KAMERBRIEF_UPDATE_GOLDEN") == "1"
"""Regenerate golden files instead of comparing; review the diff like code."""


@pytest.fixture(scope="session")
def seed_raw() -> RawDocument:
    return read_document(SEED, "2023Z00475-antwoorden-ai.txt")


@pytest.fixture(scope="session")
def seed_clean(seed_raw: RawDocument) -> CleanDocument:
    return clean(seed_raw)


@pytest.fixture(scope="session")
def seed_segments(seed_clean: CleanDocument) -> SegmentedDocument:
    return segment(seed_clean)


@pytest.fixture(scope="session")
def seed_document(seed_raw: RawDocument) -> Document:
    return build_document(seed_raw)


def written(text: Marked) -> str:
    """A marked text with each footnote reference written ``[^N]``, as the JSON writes it: for
    assertions that read like the letter."""
    pieces = []
    position = 0
    for mark in text.marks:
        pieces += [text.text[position : mark.at], f"[^{mark.number}]"]
        position = mark.at
    return "".join(pieces) + text.text[position:]


@contextmanager
def cli_process(*args: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    """``kamerbrief`` started in a process and session of its own (its output piped, ``env`` as its
    environment when given), the whole session killed when the block ends: no worker outlives a test."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args],
        cwd=TESTS.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def run_cli(*args: str, limit: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``kamerbrief`` in a process of its own (with ``env`` as its environment when given),
    killed with its workers if it outlives ``limit`` seconds, so that a hang fails the test
    instead of stopping the suite."""
    with cli_process(*args, env=env) as process:
        try:
            out, err = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            pytest.fail(f"kamerbrief {' '.join(args)} still ran after {limit} s\n{err}")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)
