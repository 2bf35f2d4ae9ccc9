"""Worker processes that can be killed: one stuck or dead worker costs its own task, never the rest.

Each worker holds one task at a time and talks to the parent over a pipe of its own, so the
parent always knows which task a worker holds: a worker that dies (``kill -9``, the out-of-memory
killer) or passes its deadline loses that task only, and a fresh worker takes its place.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import math
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Literal, TypeVar

Task = TypeVar("Task")
Answer = TypeVar("Answer")


@dataclass(frozen=True)
class Lost:
    """A task that got no answer because its worker died or ran past the deadline."""

    reason: Literal["died", "deadline"]
    exitcode: int | None = None
    """How the worker ended: negative for the signal that killed it (-9: SIGKILL, -6: SIGABRT)."""


class _Started:
    """A worker's word that it has its task: the task's deadline runs from then."""


@dataclass
class _Worker:
    """The parent's record of one worker process: mutable bookkeeping, private to this module."""

    process: BaseProcess
    connection: Connection
    task: int | None = None
    deadline: float = math.inf
    served: int = 0


def run_in_workers(
    function: Callable[[Task], Answer],
    tasks: Sequence[Task],
    jobs: int,
    deadline: float | None = None,
    tasks_per_worker: int = 25,
    start_allowance: float = 60.0,
    method: str | None = None,
) -> Iterator[Answer | Lost]:
    """``function`` applied to each task in ``jobs`` worker processes; answers in task order.

    ``function`` must be picklable (a module-level function, or a partial of one) and no task may
    be None (it tells a worker to stop). A worker still busy ``deadline`` seconds after it took
    up its task is killed (a fresh worker gets ``start_allowance`` seconds more to start); a
    worker is replaced after ``tasks_per_worker`` tasks so that memory stays flat. The workers
    are ended when the iterator is, however that happens (Ctrl-C, an error, a consumer that
    stops early). ``method`` is how workers start (default: ``start_method()``).
    """
    context = multiprocessing.get_context(method or start_method())
    waiting = deque(range(len(tasks)))
    answers: dict[int, Answer | Lost] = {}
    workers: list[_Worker] = []
    given = 0
    # A fresh worker's time to start does not count against its task's deadline.
    first_deadline = None if deadline is None else deadline + start_allowance
    try:
        while given < len(tasks):
            # Give a task to every worker that has none, starting workers up to ``jobs``.
            for worker in [w for w in workers if w.task is None and w.served >= tasks_per_worker]:
                _stop(worker)
                workers.remove(worker)
            while waiting and (len(workers) < jobs or any(w.task is None for w in workers)):
                worker = next((w for w in workers if w.task is None), None) or _start(context, function, workers)
                if not _give(worker, waiting, tasks, first_deadline):
                    workers.remove(worker)
            # Wait for an answer, a death or the nearest deadline.
            busy = [w for w in workers if w.task is not None]
            nearest = min(w.deadline for w in busy)
            timeout = None if nearest == math.inf else max(0.0, nearest - time.monotonic())
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout)
            for worker in busy:
                held = worker.task
                answer = _collect(worker, ready, deadline)
                if held is None or answer is None:
                    continue
                answers[held] = answer[0]
                worker.task = None
                worker.served += 1
                if isinstance(answer[0], Lost):
                    _stop(worker)
                    workers.remove(worker)
            while given in answers:
                yield answers.pop(given)
                given += 1
    finally:
        for worker in workers:
            _stop(worker)


def _give(worker: _Worker, waiting: deque[int], tasks: Sequence[Any], deadline: float | None) -> bool:
    """Send the next waiting task to an idle worker; False (the task still waiting, the worker
    stopped) if the worker died while it had nothing to do."""
    index = waiting.popleft()
    try:
        worker.connection.send(tasks[index])
    except OSError:
        waiting.appendleft(index)
        _stop(worker)
        return False
    worker.task = index
    worker.deadline = math.inf if deadline is None else time.monotonic() + deadline
    return True


def start_method() -> str:
    """How a worker starts: as a copy of this process (fork) where that is safe, since a copy of a
    warm process starts in milliseconds where a fresh interpreter takes most of a second; a fresh
    interpreter (spawn) where another thread might hold a lock at the moment of the copy, which
    the copy would then wait on for ever."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _start(context: Any, function: Callable[[Any], Any], workers: list[_Worker]) -> _Worker:
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child, function, os.getpid()), daemon=True)
    process.start()
    child.close()
    worker: _Worker = _Worker(process, parent)
    workers.append(worker)
    return worker


def _collect(worker: _Worker, ready: list[Any], deadline: float | None) -> tuple[Any] | None:
    """The worker's answer (or Lost) in a 1-tuple, or None while it is still working."""
    if worker.connection in ready:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            pass  # it died before it had answered in full
        else:
            if not isinstance(message, _Started):
                return (message,)
            # The time limit runs from here: starting a fresh worker does not count.
            worker.deadline = math.inf if deadline is None else time.monotonic() + deadline
            return None
    elif worker.process.sentinel not in ready:
        if time.monotonic() < worker.deadline:
            return None
        worker.process.kill()
        worker.process.join()
        return (Lost("deadline", worker.process.exitcode),)
    worker.process.join()
    return (Lost("died", worker.process.exitcode),)


def _stop(worker: _Worker) -> None:
    """End a worker: ask an idle one to stop, kill a busy or unresponsive one."""
    if worker.task is None and worker.process.is_alive():
        with contextlib.suppress(OSError):
            worker.connection.send(None)
        worker.process.join(timeout=5)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.connection.close()


_ORPHAN_CHECK = 0.5
"""Seconds between a worker's checks that its parent is still there."""


def _serve(connection: Connection, function: Callable[[Any], Any], parent: int) -> None:
    """A worker's life: answer tasks until told to stop (None) or until the parent is gone."""
    # Ctrl-C reaches the whole process group; the parent decides what happens to the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A copy of the parent has its handlers, which turn SIGTERM into an exception: here it ends
    # the worker, as it would a fresh one.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, signal.SIG_DFL)
    # A parent killed outright (kill -9) cannot stop its workers: a busy one notices it is
    # orphaned and ends itself, instead of converting on for as long as its document takes.
    _die_with_parent()
    threading.Thread(target=_end_when_orphaned, args=(parent,), daemon=True).start()
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        connection.send(_Started())
        connection.send(function(task))


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker the moment its parent dies.

    The polling thread below is the fallback elsewhere; on a loaded machine it may be scheduled
    late, and a thread cannot run at all while a C library holds the interpreter.
    """
    name = ctypes.util.find_library("c")
    if not name or not hasattr(signal, "SIGKILL"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)


def _end_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK)
    os._exit(1)
