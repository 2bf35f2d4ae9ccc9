"""Worker processes: a dead or stuck worker loses its own task only, and none outlives the run."""

from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline.workers import Lost, run_in_workers

# The functions the workers run: module-level, so that a spawned worker can import them.


def answer(task: str) -> str:
    """Echo the task, after dying or sleeping when the task says so."""
    if task == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "hang":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGTERM})
        time.sleep(60)
    return task


def pid(task: int) -> int:
    return os.getpid()


def test_a_dead_worker_loses_its_own_task_only() -> None:
    answers = list(run_in_workers(answer, ["a", "b", "die", "c", "d", "e"], jobs=2))
    assert answers == ["a", "b", Lost("died", -signal.SIGKILL), "c", "d", "e"]
    assert answers[2].describe() == "the worker process was killed (SIGKILL; out of memory?)"  # type: ignore[union-attr]


def test_a_worker_past_its_deadline_is_killed() -> None:
    start = time.monotonic()
    answers = list(run_in_workers(answer, ["a", "hang", "b", "c"], jobs=2, deadline=2))
    assert answers == ["a", Lost("deadline", -signal.SIGKILL), "b", "c"]
    assert time.monotonic() - start < 15


def test_workers_are_replaced_after_some_tasks() -> None:
    pids = list(run_in_workers(pid, list(range(5)), jobs=1, tasks_per_worker=2))
    assert [len(set(pids[i : i + 2])) for i in (0, 2)] == [1, 1]
    assert len(set(pids)) == 3


def test_no_worker_outlives_the_run() -> None:
    answers = run_in_workers(pid, list(range(6)), jobs=2)
    first = next(answers)
    answers.close()  # the consumer stops early (Ctrl-C, an error)
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)
