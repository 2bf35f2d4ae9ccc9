"""A task function whose module takes two seconds to import in a fresh worker process."""

from __future__ import annotations

import sys
import time


def slow_start(task: str) -> str:
    return task


# Importing this module in a worker takes a while (as the pipeline's imports do on a loaded
# machine); running a task does not.
if "--multiprocessing-fork" in sys.argv:
    time.sleep(2)
