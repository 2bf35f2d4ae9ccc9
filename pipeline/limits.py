"""Limits on one document (time, memory), what a crash of its process means, and stop signals.

A document is converted in a child process and the parent enforces its time limit from outside:
the child is killed when the limit has passed, wherever it is (inside a C library, in a loop that
catches every exception, in a garbage-collection hook), so no signal is ever delivered into
arbitrary Python code and no time limit can be swallowed. The memory limit is set inside the
child, where an allocation past it fails (MemoryError in Python; pdfium's allocator aborts the
child, which costs that one document).
"""

from __future__ import annotations

import resource
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import TooLarge

DEFAULT_TIMEOUT = 300
"""Seconds one document may take (0: no limit)."""
DEFAULT_MAX_MEMORY = 2048
"""Megabytes of memory one document may take beyond what its process held before it (0: no limit).
The largest letter of the corpus takes under 100 MB."""
START_ALLOWANCE = 60.0
"""Seconds a fresh child may take to start and take up its document before its time limit runs
(imports on a loaded machine); the limit itself runs from the moment the child has the document."""


def took_too_long(seconds: int) -> str:
    """The reason of a document stopped at the time limit."""
    return f"took longer than {seconds} s to convert (the per-document time limit)"


def needed_too_much(megabytes: int) -> str:
    """The reason of a document stopped at the memory limit."""
    return f"needed more than {megabytes} MB of memory (the per-document limit, --max-memory)"


def crash_cause(exitcode: int | None, library: str) -> str:
    """Why a child process ended without an answer, in a few words, from its exit code.

    ``library`` names what was running in it ("pdfium" while pdfium reads a PDF).

    >>> crash_cause(-6, "pdfium"), crash_cause(-11, "the conversion")
    ('pdfium aborted (out of memory?)', 'the conversion crashed with signal 11 (SIGSEGV)')
    >>> crash_cause(-9, "pdfium")
    'could not be converted: the worker process was killed (SIGKILL; out of memory?)'
    """
    if exitcode is None or exitcode >= 0:
        return f"could not be converted: the worker process ended unexpectedly (exit code {exitcode})"
    number = -exitcode
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    if number == signal.SIGKILL:
        # Nothing of ours sends SIGKILL to a child before its deadline: the kernel's
        # out-of-memory killer or a person did.
        return f"could not be converted: the worker process was killed ({name}; out of memory?)"
    if number == signal.SIGABRT:
        # pdfium's allocator aborts when an allocation fails, as it does at the memory limit.
        return f"{library} aborted (out of memory?)"
    return f"{library} crashed with signal {number} ({name})"


@contextmanager
def memory_limit(megabytes: int, source: str) -> Iterator[None]:
    """Raise TooLarge if the block needs more than ``megabytes`` of memory beyond what the process
    holds now (0: no limit).

    The process's address space (RLIMIT_AS) is capped for the block, so an allocation past the
    cap fails instead of the machine's out-of-memory killer taking a process, and the cap is
    lifted again after it: each document gets the same allowance in a child that converts
    several. Linux only (elsewhere the block runs without a limit).
    """
    statm = Path("/proc/self/statm")
    if megabytes <= 0 or sys.platform != "linux" or not statm.exists():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = int(statm.read_text().split()[0]) * resource.getpagesize()
    cap = used + megabytes * 2**20
    for outer in (soft, hard):
        if outer != resource.RLIM_INFINITY:
            cap = min(cap, outer)  # never loosen a limit set from outside
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    except MemoryError:
        raise TooLarge(source, needed_too_much(megabytes)) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class Interrupted(BaseException):
    """A signal asked the run to end (SIGTERM, SIGHUP): raised like Ctrl-C's KeyboardInterrupt, so
    that the child processes are stopped and no output is left half written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise Interrupted instead of ending the process at once
    (which would leave the child processes running on, orphaned)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
