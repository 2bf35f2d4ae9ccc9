"""Files: finding the inputs, naming the outputs, and writing them atomically."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import signal
import stat
import tempfile
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import regex

INPUT_SUFFIXES = (".pdf", ".txt", ".docx")
REFUSED_SUFFIXES = (".doc", ".docm", ".dotx", ".dotm", ".odt", ".rtf")
"""Word processors' files that are not read: found in a folder all the same, so that each fails
with its own line (what it is, what to save it as) instead of being skipped without a word."""
OUTPUT_SUFFIXES = (".json", ".md", ".html")
CORRECTIONS_SUFFIX = ".corrections.toml"
_UNSAFE = regex.compile(r"[^\w.\-]+")
RESERVED_STEMS = ("index", "questions", "kamerbrief")
"""Names the batch writes itself (``index.json``, ``index.html``, ``questions.jsonl``, and
``kamerbrief.db``): a letter of such a name gets its outputs as ``<name>-letter``."""
YEAR_PAGES = regex.compile(r"index-(?:search-)?(?:\d{4}|zonder-datum)", regex.IGNORECASE)
"""The names (without their suffix) of the overview's pages per year and their search words
(``index-2024.html``, ``index-search-2024.js``; pipeline/overview.py): no letter's either."""
_UNPRINTABLE = regex.compile(r"[\p{Cc}\p{Zl}\p{Zp}\p{Cs}\u202a-\u202e\u2066-\u2069]")
"""What must never reach a line of the log raw: control characters (a newline would split the
line), line and paragraph separators, bidirectional overrides, and the lone surrogates that stand
for bytes of a file name that are not UTF-8."""


@dataclass(frozen=True)
class Inputs:
    """The input files found; those refused (they fail, with the reason); and what a folder holds
    under a letter's name that is no file (skipped, with the reason)."""

    files: list[Path]
    refused: list[tuple[Path, str]]
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def find_inputs(paths: Iterable[Path]) -> Inputs:
    """The input files named, with folders expanded to their PDFs, text and Word files, sorted.

    A file named explicitly is taken whatever its suffix, so that a wrong file gets a clear
    error instead of being skipped without a word, and wherever a symbolic link leads; a named
    pipe or a device is refused (reading it would never end). In a folder, a symbolic link that
    leads out of the folder (to ``/etc/passwd``) is refused: it is converted only when named on
    the command line; what bears a letter's name but is no file (a folder ``x.pdf``, a named
    pipe, a link to ``/dev/zero``) is skipped.
    """
    inputs = Inputs([], [], [])
    for path in paths:
        if path.is_dir():
            _walk(path, inputs)
        elif (kind := _not_a_file(path)) is not None:
            inputs.refused.append((path, f"{kind}, not a file"))
        else:
            inputs.files.append(path)
    return Inputs(list(dict.fromkeys(inputs.files)), inputs.refused, inputs.skipped)


def _walk(folder: Path, inputs: Inputs) -> None:
    """Add the letters of a folder, and what it holds under a letter's name that cannot be one."""
    root = folder.resolve()
    inside: dict[Path, bool] = {}
    """Whether each folder walked through really lies in the input folder (a link may lead out)."""
    for child in sorted(folder.rglob("*")):
        if child.suffix.lower() not in (*INPUT_SUFFIXES, *REFUSED_SUFFIXES) or child.name.startswith("."):
            continue
        if _plain_file(child) and inside.setdefault(child.parent, child.parent.resolve().is_relative_to(root)):
            inputs.files.append(child)  # a file, no link, in a folder of the input folder: the common case
            continue
        try:
            target = child.resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling link or a loop
            if child.is_symlink():
                inputs.refused.append((child, "a symbolic link that leads nowhere (dangling or a loop)"))
            continue
        if (kind := _not_a_file(child)) is not None:
            link = f" (a symbolic link to {target})" if child.is_symlink() else ""
            inputs.skipped.append((child, f"{kind}{link}, not a file"))
        elif not target.is_relative_to(root):
            reason = f"a symbolic link out of the input folder (to {target}); name it on the command line to convert it"
            inputs.refused.append((child, reason))
        else:
            inputs.files.append(child)


def _plain_file(path: Path) -> bool:
    """True if a path is a regular file itself, not a symbolic link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _not_a_file(path: Path) -> str | None:
    """What a path is when it is there but not a regular file ("a named pipe (FIFO)"), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # not there: reading it says so
    if stat.S_ISREG(mode):
        return None
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe (FIFO)",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
    }
    return next((kind for test, kind in kinds.items() if test(mode)), "not a regular file")


def shown(path: Path | str) -> str:
    r"""A path as a line of the log may show it: every character that could split or disguise the
    line escaped, and the bytes of a name that are not UTF-8 as ``\xNN``.

    >>> print(shown(Path("in/brief\nerror: x.pdf")), shown("a\udcff\u202eb.txt"))
    in/brief\nerror: x.pdf a\xff\u202eb.txt
    """
    return _UNPRINTABLE.sub(_escape, str(path))


def _escape(match: regex.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def discover_inputs(paths: Iterable[Path]) -> list[Path]:
    """The input files of ``find_inputs``, without those it refused."""
    return find_inputs(paths).files


def output_stem(path: Path) -> str:
    """A safe file name stem for the outputs of an input: no folders, no odd characters, no
    leading ``-`` (an option to whatever reads the folder next), and never a name of the index.

    >>> output_stem(Path("../../etc/pass wd.pdf")), output_stem(Path("..pdf")), output_stem(Path("-rf.txt"))
    ('pass_wd', 'document', 'rf')
    >>> output_stem(Path("index.pdf")), output_stem(Path("Questions.txt")), output_stem(Path("index-2024.pdf"))
    ('index-letter', 'Questions-letter', 'index-2024-letter')
    """
    stem = _UNSAFE.sub("_", path.stem).lstrip("._-").rstrip("._") or "document"
    return f"{stem}-letter" if stem.casefold() in RESERVED_STEMS or YEAR_PAGES.fullmatch(stem) else stem


def output_stems(paths: Sequence[Path]) -> dict[Path, str]:
    """Output stems for a batch, unique: inputs that share a name ("a.pdf", "a.txt", "x/a.pdf")
    get a short hash of their path, so that no letter overwrites another's outputs.

    >>> sorted(output_stems([Path("a.pdf"), Path("a.txt"), Path("b.pdf")]).values())
    ['a-18b7cb', 'a-a7949e', 'b']
    """
    stems = {path: output_stem(path) for path in paths}
    counts = Counter(stems.values())
    return {
        path: f"{stem}-{hashlib.sha256(path.as_posix().encode()).hexdigest()[:6]}" if counts[stem] > 1 else stem
        for path, stem in stems.items()
    }


def out_of_date(
    inputs: Sequence[Path], stems: Mapping[Path, str], output_dir: Path, formats: Sequence[str], code: Iterable[Path]
) -> list[Path]:
    """The inputs Make would remake: an output is missing or older than its input, its
    corrections file or any file of ``code`` (the pipeline and its templates); or the letter's
    corrections file is gone while its JSON still holds corrections from it."""
    newest_code = max((_modified(path) for path in code), default=_MISSING)
    stale = []
    folder = f"{output_dir}{os.sep}"
    for path in inputs:
        oldest_output = min((_modified(f"{folder}{stems[path]}.{suffix}") for suffix in formats), default=_MISSING)
        corrections = _modified(corrections_path(path))
        newest_source = max(_modified(path), corrections, newest_code)
        changed = _modified(path) == _MISSING or oldest_output == _MISSING or newest_source > oldest_output
        # A removed corrections file leaves no time to compare: the JSON says whether one applied.
        uncorrected = corrections == _MISSING and "json" in formats
        if changed or (uncorrected and _holds_corrections(output_dir / f"{stems[path]}.json")):
            stale.append(path)
    return stale


_NO_CORRECTIONS = b'\n  "corrections": [],\n'
"""How a letter's JSON (indented by two, keys in a fixed order) says no correction applied: a text
of the JSON holds no line break, so this is its top-level key."""


def _holds_corrections(path: Path) -> bool:
    """True if a letter's JSON lists corrections applied to it (from a corrections file); the JSON
    is parsed only when it does not say at once that none applied, as nearly every letter does."""
    try:
        if _NO_CORRECTIONS in path.read_bytes():
            return False
    except OSError:
        return False
    data = _read_json(path)
    return isinstance(data, dict) and bool(data.get("corrections"))


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def orphaned_outputs(output_dir: Path, stems: Collection[str]) -> list[Path]:
    """The outputs of letters that are no longer among the inputs: ``<stem>.json``, ``.md`` and
    ``.html`` whose stem no input has, where ``<stem>.json`` is a letter kamerbrief wrote (so that
    nothing else in the folder is ever taken for one)."""
    orphans: list[Path] = []
    for path in sorted(output_dir.glob("*.json")):
        if path.stem in stems or path.name.startswith("index."):
            continue
        data = _read_json(path)
        if not (isinstance(data, dict) and "schema_version" in data and "questions" in data and "source" in data):
            continue
        orphans.extend(path.with_suffix(suffix) for suffix in OUTPUT_SUFFIXES if path.with_suffix(suffix).is_file())
    return orphans


_MISSING = -1


def _modified(path: Path | str) -> int:
    """When a file last changed (nanoseconds), or -1 if it is not there."""
    try:
        # os.stat on the name as it is: a run on 10,000 letters compares 30,000 outputs, and making a
        # Path of each name costs more than the stat itself.
        return os.stat(path).st_mtime_ns  # noqa: PTH116
    except OSError:
        return _MISSING


def corrections_path(path: Path) -> Path:
    """Where the corrections for an input live: ``input/<stem>.corrections.toml``."""
    return path.with_name(path.stem + CORRECTIONS_SUFFIX)


def _file_mode(target: Path) -> int:
    """The mode a new file would get (mkstemp makes it private), or the target's own."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(target: Path, content: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    write_together({target: content})


JOURNAL_SUFFIX = ".switch"
"""A journal ``.<first output>.switch`` names the finished temporary files of a switch of several
outputs and their targets; it is written (atomically) before the first rename and removed after
the last, so a process killed in between leaves it behind for ``settle`` to finish."""


def write_together(contents: Mapping[Path, str | bytes]) -> None:
    """Write files of one folder so that readers see all of them old or all of them new, never a
    mix or a part, even when the process is killed (``kill -9``) in the middle.

    Each content goes to a temporary file in the folder first; on any error the temporary files
    are removed and the targets are left as they were. Only when every temporary file is
    complete are they renamed over the targets, under the folder's lock, with a journal that
    lets the next reader finish the switch if this process dies before it has (``settle``).
    """
    temporaries: list[tuple[Path, Path]] = []
    try:
        for target, content in contents.items():
            temporaries.append((_write_temporary(target, content), target))
    except BaseException:
        _discard(temporaries)
        raise
    if len(temporaries) == 1:
        temporary, target = temporaries[0]
        temporary.replace(target)  # one rename is atomic by itself
        return
    _switch(temporaries)


def _write_temporary(target: Path, content: str | bytes) -> Path:
    if target.is_dir():  # checked now: replacing it would fail after the others were replaced
        raise IsADirectoryError(errno.EISDIR, "a folder is in its place", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    data = content.encode() if isinstance(content, str) else content
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(name).chmod(_file_mode(target))
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _switch(temporaries: list[tuple[Path, Path]]) -> None:
    """Rename finished temporary files over their targets: journal first, then the renames."""
    folder = temporaries[0][1].parent
    if any(target.parent != folder for _, target in temporaries):
        raise ValueError("the files of one switch share a folder")
    journal = folder / f".{temporaries[0][1].name}{JOURNAL_SUFFIX}"
    renames = [[temporary.name, target.name] for temporary, target in temporaries]
    # Our own signal handlers (Ctrl-C, SIGTERM) wait until the switch is done; kill -9 cannot
    # wait, and the journal is for that.
    with folder_lock(folder), _signals_held():
        try:
            write_atomic(journal, json.dumps(renames))
        except BaseException:
            _discard(temporaries)
            raise
        _roll_forward(journal)


def _discard(temporaries: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files of a write that failed; the targets stay as they were."""
    for temporary, _ in temporaries:
        temporary.unlink(missing_ok=True)


def _roll_forward(journal: Path) -> None:
    """Finish the switch a journal describes: rename what is still waiting, then drop the journal."""
    try:
        renames = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # not one of ours
    names = [name for pair in renames if isinstance(pair, list) for name in pair]
    if len(names) != 2 * len(renames) or not all(isinstance(name, str) and "/" not in name for name in names):
        return
    for temporary, target in renames:
        if (journal.parent / temporary).exists():
            (journal.parent / temporary).replace(journal.parent / target)
    journal.unlink()


def settle(folder: Path) -> None:
    """Finish every switch of outputs a killed process left in the folder, so that each letter's
    outputs are all new; every reader of an output folder calls this first."""
    if not folder.is_dir() or not any(folder.glob(f".*{JOURNAL_SUFFIX}")):
        return
    with folder_lock(folder):
        for journal in sorted(folder.glob(f".*{JOURNAL_SUFFIX}")):
            _roll_forward(journal)


_HELD = threading.local()
"""The folders whose lock this thread holds (``folders``): it takes the lock again without waiting."""


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock (``flock`` on the folder itself, so no lock file is left):
    one process at a time switches outputs, finishes a switch, or rewrites the index."""
    held: set[Path] = _HELD.__dict__.setdefault("folders", set())
    key = folder.resolve()
    if key in held:
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        held.add(key)
        yield
    finally:
        held.discard(key)
        os.close(descriptor)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP for a short block; they are delivered when it ends."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
