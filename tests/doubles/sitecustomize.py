"""Test doubles for processes a test starts: Python runs this at start-up where a test puts this
folder on PYTHONPATH and sets KAMERBRIEF_DOUBLES=1, so child processes (spawned afresh, out of
reach of monkeypatch) carry the doubles too.

``pipeline.run.build_document`` is wrapped: a letter whose file name starts with one of these
words misbehaves the way a C library or a bug can, in whatever process converts it:

- ``abort``: the process aborts (SIGABRT), as pdfium's allocator does at the memory limit;
- ``segfault``: it reads address 0 (SIGSEGV);
- ``stubborn``: it loops for ever and swallows every exception, a time limit's alarm included;
- ``greedy``: it allocates 4 GB;
- ``broken``: it raises KeyError (a bug).

Any other letter is converted as usual.
"""

from __future__ import annotations

import os

if os.environ.get("KAMERBRIEF_DOUBLES") == "1":
    import ctypes
    import time
    from pathlib import Path
    from typing import Any

    import pipeline.run

    _real = pipeline.run.build_document

    def _stubborn() -> None:
        while True:
            try:
                time.sleep(0.01)
            except BaseException:  # what a time limit must survive
                continue

    def _misbehaving(raw: Any) -> Any:
        name = Path(raw.source).name
        if name.startswith("abort"):
            os.abort()
        if name.startswith("segfault"):
            ctypes.string_at(0)
        if name.startswith("stubborn"):
            _stubborn()
        if name.startswith("greedy"):
            hoard = [bytearray(2**28) for _ in range(16)]
            raise AssertionError(f"the memory limit did not stop the conversion ({len(hoard)})")
        if name.startswith("broken"):
            raise KeyError("oeps")
        return _real(raw)

    pipeline.run.build_document = _misbehaving
