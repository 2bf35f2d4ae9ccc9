"""Worker processes: a dead or stuck worker loses its own task only, and none outlives the run."""

from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline.workers import Lost, run_in_workers
from tests.slow_import import slow_start

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


def test_a_worker_past_its_deadline_is_killed() -> None:
    answers = list(run_in_workers(answer, ["a", "hang", "b", "c"], jobs=2, deadline=2))
    assert answers == ["a", Lost("deadline", -signal.SIGKILL), "b", "c"]


def test_the_deadline_runs_from_when_the_worker_has_its_task() -> None:
    """A fresh worker's start (imports, on a loaded machine) does not count against its task's
    time: the deadline runs from the worker's word that it has the task."""
    answers = list(run_in_workers(slow_start, ["a", "b"], jobs=1, deadline=0.5, start_allowance=60, method="spawn"))
    assert answers == ["a", "b"]


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
