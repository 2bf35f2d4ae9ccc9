"""Files: input discovery, safe output names, atomic writes (of one file and of a letter's outputs)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from pipeline.files import discover_inputs, output_stem, write_atomic, write_together
from pipeline.run import Options, Result, convert_file, render_file
from tests.conftest import SEED, run_cli


def test_discovery_expands_folders_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "b.TXT").write_text("x")
    (tmp_path / "b.corrections.toml").write_text("")
    (tmp_path / ".verborgen.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    assert [p.name for p in discover_inputs([tmp_path])] == ["a.pdf", "b.TXT", "c.txt"]
    assert discover_inputs([tmp_path / "b.corrections.toml"]) == [tmp_path / "b.corrections.toml"]


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd.txt", "passwd"),
        ("brief met spaties.pdf", "brief_met_spaties"),
        ("..\\..\\win.pdf", "win"),
        ("....pdf", "document"),
        ("ëën.pdf", "ëën"),
        ("-rf.txt", "rf"),
        ("--help.pdf", "help"),
        ("_-x.pdf", "x"),
        ("index.pdf", "index-letter"),
        ("INDEX.txt", "INDEX-letter"),
        ("questions.pdf", "questions-letter"),
        ("kamerbrief.txt", "kamerbrief-letter"),
    ],
)
def test_output_names_stay_inside_the_output_folder(name: str, stem: str) -> None:
    assert output_stem(Path(name)) == stem
    assert "/" not in stem and not stem.startswith((".", "-"))


def test_hostile_input_name_writes_inside_the_output_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "deep"
    folder.mkdir(parents=True)
    hostile = folder / "..%2f..%2fevil.txt"
    hostile.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    result = convert_file(hostile, out, Options())
    assert result.status == "converted"
    assert all(path.parent == out for path in result.outputs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "brief.json"
    write_atomic(target, "oud")

    with pytest.raises(TypeError):
        write_atomic(target, object())  # type: ignore[arg-type]
    assert target.read_text() == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]


def test_letters_with_the_same_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    from pipeline.run import convert_batch

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "brief.txt").write_bytes(SEED.read_bytes())
    results = list(convert_batch([tmp_path / "a" / "brief.txt", tmp_path / "b" / "brief.txt"], tmp_path / "out"))
    names = sorted(path.name for result in results for path in result.outputs if path.suffix == ".json")
    assert len(names) == 2 and names[0] != names[1] and all(name.startswith("brief-") for name in names)


def test_a_bug_costs_one_letter_not_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.run

    def broken(raw: object) -> object:
        raise KeyError("oeps")

    # What the child process runs, here in this one (tests/test_isolation.py runs it in a child).
    monkeypatch.setattr(pipeline.run, "build_document", broken)
    result = render_file(SEED, str(SEED), Options())
    assert isinstance(result, Result) and result.status == "failed"
    assert result.error.startswith(f"{SEED}: internal error (KeyError: 'oeps'); please report it")


def test_an_output_folder_that_cannot_be_written_fails_the_letter(tmp_path: Path) -> None:
    blocked = tmp_path / "out"
    blocked.write_text("a file where the output folder should be")
    result = convert_file(SEED, blocked, Options())
    assert result.status == "failed"
    assert result.error.startswith(f"{SEED}: cannot write {blocked}")


def test_a_letter_s_outputs_change_all_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    letter = tmp_path / "brief.txt"
    letter.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    assert convert_file(letter, out, Options()).status == "converted"
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    letter.write_text(SEED.read_text(encoding="utf-8").replace("kunstmatige", "künstliche"), encoding="utf-8")
    synced: list[int] = []
    real_fsync = os.fsync

    def disk_full_at_the_third_file(descriptor: int) -> None:
        synced.append(descriptor)
        if len(synced) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", disk_full_at_the_third_file)
    result = convert_file(letter, out, Options())
    assert result.status == "failed"
    assert result.error == f"{letter}: cannot write {out / 'brief.json'}, .md, .html (No space left on device)"
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_a_folder_in_the_place_of_one_output_changes_none(tmp_path: Path) -> None:
    (tmp_path / "brief.html").mkdir()
    with pytest.raises(IsADirectoryError):
        write_together({tmp_path / "brief.json": "{}", tmp_path / "brief.html": "<p>"})
    assert [path.name for path in tmp_path.iterdir()] == ["brief.html"]


def test_letters_named_like_the_index_do_not_lose_their_outputs_to_it(tmp_path: Path) -> None:
    """An input index.txt was reported converted while the run's index overwrote its .json and .html."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("index.txt", "questions.txt", "kamerbrief.txt", "brief.txt", "index-2024.txt"):
        (folder / name).write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    completed = run_cli("convert", str(folder), "-o", str(out), "--no-cache", limit=120)
    assert completed.returncode == 0, completed.stderr
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(entry["outputs"]["json"] for entry in index["documents"]) == [
        "brief.json", "index-2024-letter.json", "index-letter.json", "kamerbrief-letter.json", "questions-letter.json"
    ]  # fmt: skip
    assert json.loads((out / "index-letter.json").read_text(encoding="utf-8"))["source"]["name"] == "index.txt"
    assert "<title>" in (out / "index-letter.html").read_text(encoding="utf-8")
    assert not (out / "index.md").exists() and not (out / "questions.json").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="makes a named pipe")
def test_what_a_folder_holds_under_a_letter_s_name_but_is_no_file_gets_a_line(tmp_path: Path) -> None:
    """A named pipe, a link to /dev/zero and a folder named x.pdf were skipped without a word (and a
    pipe named on the command line blocked the run)."""
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pijp.pdf")
    (folder / "nul.pdf").symlink_to("/dev/zero")
    (folder / "map.pdf").mkdir()
    (folder / "map.pdf" / "binnen.txt").write_bytes(SEED.read_bytes())
    (folder / "goed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    completed = run_cli("convert", str(folder), "-o", str(out), "--no-cache", limit=120)
    told = [line for line in completed.stderr.splitlines() if line.startswith(("skipped", "error"))]
    assert told == [
        f"skipped {folder / 'map.pdf'}: a folder, not a file",
        f"skipped {folder / 'nul.pdf'}: a character device (a symbolic link to /dev/zero), not a file",
        f"skipped {folder / 'pijp.pdf'}: a named pipe (FIFO), not a file",
    ], completed.stderr
    assert "2 converted, 0 failed" in completed.stderr and completed.returncode == 0
    completed = run_cli("convert", str(folder / "pijp.pdf"), "-o", str(out), "--no-cache", limit=120)
    assert f"error: {folder / 'pijp.pdf'}: a named pipe (FIFO), not a file" in completed.stderr.splitlines()
    assert completed.returncode == 1


def test_a_name_with_a_newline_or_control_characters_never_splits_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "brief\nerror: nep.txt").write_bytes(SEED.read_bytes())
    (folder / "leeg\r\x1b[31m.txt").write_bytes(b"")
    (folder / "-rf.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    completed = run_cli("convert", str(folder), "-o", str(out), "--no-cache", limit=120)
    lines = completed.stderr.splitlines()
    assert f"converted {folder}/brief\\nerror: nep.txt (0 warnings)" in lines, completed.stderr
    errors = [line for line in lines if line.startswith("error")]
    assert errors == [f"error: {folder}/leeg\\r\\x1b[31m.txt: empty file (0 bytes)"]
    assert sorted(path.name for path in out.glob("*.json")) == ["brief_error_nep.json", "index.json", "rf.json"]
