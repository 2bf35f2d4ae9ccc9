"""Files: finding the inputs, naming the outputs, and writing them atomically."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

INPUT_SUFFIXES = (".pdf", ".txt", ".docx")
REFUSED_SUFFIXES = (".doc", ".docm", ".dotx", ".dotm", ".odt", ".rtf")
"""Word processors' files that are not read: found in a folder all the same, so that each fails
with its own line (what it is, what to save it as) instead of being skipped without a word."""
OUTPUT_SUFFIXES = (".json", ".md", ".html")
CORRECTIONS_SUFFIX = ".corrections.toml"
_UNSAFE = regex.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class Inputs:
    """The input files found, and those found but refused, each with the reason."""

    files: list[Path]
    refused: list[tuple[Path, str]]


def find_inputs(paths: Iterable[Path]) -> Inputs:
    """The input files named, with folders expanded to their PDFs, text and Word files, sorted.

    A file named explicitly is taken whatever its suffix, so that a wrong file gets a clear
    error instead of being skipped without a word, and wherever a symbolic link leads. In a
    folder, a symbolic link that leads out of the folder (to ``/etc/passwd``) is refused: it
    is converted only when named on the command line.
    """
    found: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        folder = path.resolve()
        for child in sorted(path.rglob("*")):
            if child.suffix.lower() not in (*INPUT_SUFFIXES, *REFUSED_SUFFIXES) or child.name.startswith("."):
                continue
            try:
                target = child.resolve(strict=True)
            except (OSError, RuntimeError):  # a dangling link or a loop
                if child.is_symlink():
                    refused.append((child, "a symbolic link that leads nowhere (dangling or a loop)"))
                continue
            if not target.is_file():
                continue
            if not target.is_relative_to(folder):
                refused.append(
                    (child, f"a symbolic link out of {path} (to {target}); name it on the command line to convert it")
                )
                continue
            found.append(child)
    return Inputs(list(dict.fromkeys(found)), refused)


def discover_inputs(paths: Iterable[Path]) -> list[Path]:
    """The input files of ``find_inputs``, without those it refused."""
    return find_inputs(paths).files


def output_stem(path: Path) -> str:
    """A safe file name stem for the outputs of an input: no folders, no odd characters.

    >>> output_stem(Path("../../etc/pass wd.pdf"))
    'pass_wd'
    >>> output_stem(Path("..pdf"))
    'document'
    """
    stem = _UNSAFE.sub("_", path.stem).strip("._")
    return stem or "document"


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
    for path in inputs:
        oldest_output = min((_modified(output_dir / f"{stems[path]}.{suffix}") for suffix in formats), default=_MISSING)
        corrections = _modified(corrections_path(path))
        newest_source = max(_modified(path), corrections, newest_code)
        changed = _modified(path) == _MISSING or oldest_output == _MISSING or newest_source > oldest_output
        # A removed corrections file leaves no time to compare: the JSON says whether one applied.
        uncorrected = corrections == _MISSING and "json" in formats
        if changed or (uncorrected and _holds_corrections(output_dir / f"{stems[path]}.json")):
            stale.append(path)
    return stale


def _holds_corrections(path: Path) -> bool:
    """True if a letter's JSON lists corrections applied to it (from a corrections file)."""
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


def _modified(path: Path) -> int:
    """When a file last changed (nanoseconds), or -1 if it is not there."""
    try:
        return path.stat().st_mtime_ns
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


def write_atomic(target: Path, content: str) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    write_together({target: content})


def write_together(contents: Mapping[Path, str]) -> None:
    """Write files so that readers see all of them old or all of them new, never a mix or a part.

    Each content goes to a temporary file in its target's folder first; the targets are
    replaced only once every temporary file is completely written. On any error the temporary
    files are removed and the targets are left as they were.
    """
    temporaries: list[tuple[Path, Path]] = []
    try:
        for target, content in contents.items():
            if target.is_dir():  # checked now: replacing it would fail after the others were replaced
                raise IsADirectoryError(errno.EISDIR, "a folder is in its place", str(target))
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temporaries.append((Path(name), target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            Path(name).chmod(_file_mode(target))
        for temporary, target in temporaries:
            temporary.replace(target)
    except BaseException:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        raise
