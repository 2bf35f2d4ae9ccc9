"""The command line, through click's CliRunner: outputs, exit codes, messages, help."""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.run import Options, Rendered, render_file
from pipeline.store import STORE
from tests.conftest import DATA, SEED

SEED_PDF = DATA / "corpus" / "seed" / "2023Z00475-typeset.pdf"


def run(*args: str) -> tuple[int, str, str]:
    if args and args[0] == "convert" and "--cache-dir" not in args:
        args = (*args, "--no-cache")
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_convert_writes_three_formats(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SEED), "-o", str(tmp_path), "--no-index")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2023Z00475-antwoorden-ai.html", "2023Z00475-antwoorden-ai.json", "2023Z00475-antwoorden-ai.md"
    ]  # fmt: skip
    assert "1 converted, 0 failed" in err


def test_to_picks_formats(tmp_path: Path) -> None:
    code, _, _ = run("convert", str(SEED), "-o", str(tmp_path), "--to", "md", "--no-index")
    assert code == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".md"]


def test_a_bad_file_fails_alone_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "goed.txt")
    (folder / "kapot.pdf").write_bytes(b"\x89PNG\r\n\x1a\nnope")
    (folder / "leeg.txt").write_bytes(b"")
    code, out, err = run("convert", str(folder), "-o", str(tmp_path / "out"))
    assert code == 1
    assert (tmp_path / "out" / "goed.json").exists()
    assert not (tmp_path / "out" / "kapot.json").exists()
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {folder / 'kapot.pdf'}: not a PDF (it is a PNG image)",
        f"error: {folder / 'leeg.txt'}: empty file (0 bytes)",
    ]
    assert "Traceback" not in out + err
    assert "1 converted, 2 failed" in err
    index = (tmp_path / "out" / "index.json").read_text()
    assert '"status": "failed"' in index and "kapot.pdf" in index


def test_a_failed_file_keeps_its_previous_outputs(tmp_path: Path) -> None:
    letter = tmp_path / "brief.txt"
    shutil.copy(SEED, letter)
    assert run("convert", str(letter), "-o", str(tmp_path))[0] == 0
    before = (tmp_path / "brief.json").read_bytes()
    letter.write_bytes(b"")
    code, _, err = run("convert", str(letter), "-o", str(tmp_path))
    assert code == 1 and "empty file" in err
    assert (tmp_path / "brief.json").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_no_inputs_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("convert", str(tmp_path))
    assert code == 1 and "no input files found" in err


def test_every_command_has_help() -> None:
    for args in (["--help"], ["convert", "--help"]):
        code, out, _ = run(*args)
        assert code == 0
        assert "Usage:" in out
    assert "PATHS are files or folders" in run("convert", "--help")[1]


def test_documents_that_are_no_letters_are_named(tmp_path: Path) -> None:
    decision_list = tmp_path / "besluitenlijst.txt"
    decision_list.write_text("Besluitenlijst van de procedurevergadering\n\n1. Agendapunt: brief\n", encoding="utf-8")
    code, _, err = run("convert", str(decision_list), "-o", str(tmp_path / "out"))
    assert code == 0
    assert f"not a letter: {decision_list}: this does not look like a letter" in err


DOUBTFUL = """Hierbij zend ik u de antwoorden op de vragen van het lid Jansen.

Vraag 1
Bent u bekend met het bericht?

Antwoord 1
Ja.

Vraag 3
Klopt het dat de kosten stijgen?

Antwoord 3
Nee.
"""


def test_strict_exits_2_when_a_letter_needs_review(tmp_path: Path) -> None:
    letter = tmp_path / "twijfel.txt"
    letter.write_text(DOUBTFUL, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("convert", str(letter), "-o", str(out))
    assert code == 0, "without --strict a doubtful letter still converts"
    assert "1 converted, 0 failed, 1 with warnings, 1 need review" in err
    assert f"needs review: {letter} (page 1, lines 9–10): question-gap: question numbers skip 2" in err
    code, _, err = run("convert", str(letter), "-o", str(out), "--strict")
    assert code == 2
    index = json.loads((out / "index.json").read_text())
    [entry] = index["documents"]
    assert entry["needs_review"] is True
    assert {"code": "question-gap", "message": "question numbers skip 2", "page": 1} in entry["warnings"]
    assert "Nakijken" in (out / "index.html").read_text()


def test_strict_passes_a_letter_that_adds_up(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SEED), "-o", str(tmp_path), "--strict")
    assert code == 0, err
    assert "0 need review" in err
    assert json.loads((tmp_path / "index.json").read_text())["documents"][0]["needs_review"] is False


def test_an_index_that_cannot_be_written_is_one_line_after_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "index.html").mkdir(parents=True)  # a folder where the index goes: as unwritable as a full disk
    code, _, err = run("convert", str(SEED), "-o", str(out))
    message = f"{out}: cannot write index.json, index.html, questions.jsonl, index-search.js (a folder is in its place)"
    assert code == 1
    assert f"error: {message}; the previous index is kept" in err.splitlines()
    assert "1 converted, 0 failed" in err and "Traceback" not in err
    assert not (out / "index.json").exists()
    code, _, err = run("index", str(out))
    assert code == 1 and err == f"Error: {message}; the previous index is kept\n"


def test_a_cache_folder_that_cannot_be_written_is_skipped_with_one_warning(tmp_path: Path) -> None:
    blocked = tmp_path / "een-bestand"
    blocked.write_text("a file where the cache folder should be")
    for name in ("een.txt", "twee.txt"):
        shutil.copy(SEED, tmp_path / name)
    code, _, err = run(
        "convert", str(tmp_path / "een.txt"), str(tmp_path / "twee.txt"), "-o", str(tmp_path / "out"),
        "--cache-dir", str(blocked / "cache"),
    )  # fmt: skip
    assert code == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    reason = "(Not a directory); converting without it"
    assert warnings == [f"warning: cannot use the cache folder {blocked / 'cache'} {reason}"]
    assert "2 converted, 0 failed" in err


@contextmanager
def without_root() -> Iterator[None]:
    """Root's rights set aside for the block (root writes into read-only folders): the process acts
    as nobody, and so do the child processes it starts; others stay who they are."""
    if os.geteuid() != 0:
        yield
        return
    nobody = pwd.getpwnam("nobody")
    groups = os.getgroups()
    os.setgroups([])
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
        os.setgroups(groups)


def test_a_read_only_output_folder_fails_each_letter_and_the_index_with_one_line() -> None:
    """This was skipped as root, so CI (root) never ran it. As root it now runs as nobody, on a
    letter in a folder anyone may read."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        folder.chmod(0o755)
        letter = folder / "brief.txt"
        shutil.copy(SEED, letter)
        letter.chmod(0o644)
        # Convert once as ourselves, here and in a run: the modules either imports on the way are
        # then imported (nobody may not read them where Python is installed, e.g. under /root).
        assert isinstance(render_file(letter, str(letter), Options()), Rendered)
        assert run("convert", str(letter), "-o", str(folder / "writable"))[0] == 0
        out = folder / "out"
        out.mkdir()
        out.chmod(0o555)
        with without_root():
            code, _, err = run("convert", str(letter), "-o", str(out))
        assert list(out.iterdir()) == []
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 1 and len(errors) == 2 and "Traceback" not in err, err
    assert errors[0] == f"error: {letter}: cannot write {out / 'brief.json'}, .md, .html (Permission denied)"
    names = "index.json, index.html, questions.jsonl, index-search.js"
    assert errors[1] == f"error: {out}: cannot write {names} (Permission denied); the previous index is kept"
    assert "0 converted, 1 failed" in err


def test_only_changed_converts_what_make_would_and_names_outputs_as_a_full_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("brief.txt", "brief.pdf", "ander.txt"):
        shutil.copy(SEED if name.endswith(".txt") else SEED_PDF, folder / name)
    out = tmp_path / "out"
    assert run("convert", str(folder), "-o", str(out))[0] == 0
    names = sorted(path.name for path in out.iterdir())
    code, _, err = run("convert", "--only-changed", str(folder), "-o", str(out))
    assert code == 0 and err == "nothing to convert: the outputs of all 3 letters are up to date\n"
    later = (folder / "brief.txt").stat().st_mtime + 5
    os.utime(folder / "brief.txt", (later, later))
    code, _, err = run("convert", "--only-changed", str(folder), "-o", str(out))
    assert code == 0 and [line for line in err.splitlines() if line.startswith("converted")] == [
        f"converted {folder / 'brief.txt'} (0 warnings)"
    ]
    assert sorted(path.name for path in out.iterdir()) == names  # brief-<hash>.json, as in the full run


def test_a_symbolic_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    """A .txt in the input folder that linked to a system file was converted; now only a link
    named on the command line is followed out of its folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    outside = tmp_path / "geheim.txt"
    shutil.copy(SEED, outside)
    shutil.copy(SEED, folder / "goed.txt")
    (folder / "binnen.txt").symlink_to(folder / "goed.txt")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "weg.txt").symlink_to(tmp_path / "bestaat-niet.txt")
    code, _, err = run("convert", str(folder), "-o", str(tmp_path / "out"))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {folder / 'passwd.txt'}: a symbolic link out of the input folder (to {outside}); "
        "name it on the command line to convert it",
        f"error: {folder / 'weg.txt'}: a symbolic link that leads nowhere (dangling or a loop)",
    ]
    assert "2 converted, 2 failed" in err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["binnen.json", "goed.json", "index.json"]
    code, _, err = run("convert", str(folder / "passwd.txt"), "-o", str(tmp_path / "out"))
    assert code == 0 and (tmp_path / "out" / "passwd.json").exists()


def test_each_failure_is_told_once(tmp_path: Path) -> None:
    letter = tmp_path / "brief.txt"
    shutil.copy(SEED, letter)
    assert run("convert", str(letter), "-o", str(tmp_path / "out"))[0] == 0
    letter.write_bytes(b"")
    code, _, err = run("convert", str(letter), "-o", str(tmp_path / "out"))
    assert code == 1
    told = [line for line in err.splitlines() if str(letter) in line]
    assert told == [f"error: {letter}: empty file (0 bytes) (its previous outputs are kept)"], err


def test_the_same_file_by_relative_and_absolute_path_gives_byte_identical_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "input").mkdir()
    shutil.copy(SEED, tmp_path / "input" / "brief.txt")
    monkeypatch.chdir(tmp_path)
    assert run("convert", "input/brief.txt", "-o", "relative")[0] == 0
    assert run("convert", str(tmp_path / "input" / "brief.txt"), "-o", str(tmp_path / "absolute"))[0] == 0
    names = sorted(path.name for path in (tmp_path / "relative").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "absolute").iterdir())
    assert {"brief.json", "brief.md", "brief.html", "index.json", "index.html", "questions.jsonl"} <= set(names)
    assert "kamerbrief.db" in names
    for name in names:
        if name == STORE:
            continue  # the index's working store, no deliverable: it keeps when it read each JSON
        assert (tmp_path / "relative" / name).read_bytes() == (tmp_path / "absolute" / name).read_bytes(), name
    source = json.loads((tmp_path / "relative" / "brief.json").read_text(encoding="utf-8"))["source"]
    assert source == {"name": "brief.txt", "sha256": hashlib.sha256(SEED.read_bytes()).hexdigest(), "format": "text"}


def test_an_empty_word_document_says_so(tmp_path: Path) -> None:
    import docx

    word = tmp_path / "brief.docx"
    docx.Document().save(str(word))
    code, _, err = run("convert", str(word), "-o", str(tmp_path / "out"))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {word}: the Word document has no text"]


def test_an_opendocument_file_gets_a_hint_to_save_it_as_docx_or_pdf(tmp_path: Path) -> None:
    odt = tmp_path / "brief.odt"
    odt.write_bytes(b"PK\x03\x04 an OpenDocument text")
    code, _, err = run("convert", str(odt), "-o", str(tmp_path / "out"))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {odt}: not a PDF or text file: a word processor document (OpenDocument or RTF); "
        "save it as .docx or PDF and convert that"
    ]


def test_refs_lists_which_letter_cites_which_document(tmp_path: Path) -> None:
    letter = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1481__tkdoc-1b650dd7.pdf"
    assert run("convert", str(letter), "-o", str(tmp_path))[0] == 0
    code, out, _ = run("refs", str(tmp_path))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"document": letter.name, "identifier": "kst-36410-IV-15", "where": "footnote 2"}.items() <= rows[2].items()
    code, out, _ = run("refs", str(tmp_path), "--format", "json")
    assert [row["identifier"] for row in json.loads(out)] == [row["identifier"] for row in rows]
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    url = "https://zoek.officielebekendmakingen.nl/kst-36410-IV-15.html"
    assert {"type": "kamerstuk", "identifier": "kst-36410-IV-15", "url": url} in index["documents"][0]["references"]


def test_the_command_line_talks_to_the_batch_only() -> None:
    """cli -> batch -> run -> ...: the command line parses, calls batch.run, prints and exits; no
    module below it imports it or the batch."""
    package = Path(__file__).resolve().parent.parent / "pipeline"
    imports = {
        path.stem: {
            node.module if isinstance(node, ast.ImportFrom) and node.module != "pipeline" else alias.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        for path in package.rglob("*.py")
    }
    assert {name for name in imports["cli"] if name.startswith("pipeline") or name == "batch"} == {"batch"}
    above = {"cli", "batch", "pipeline.cli", "pipeline.batch"}
    assert [stem for stem, names in imports.items() if names & above and stem not in ("cli", "__main__")] == []
