"""Files: input discovery, safe output names, atomic writes (of one file and of a letter's outputs)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from pipeline.files import discover_inputs, output_stem, write_atomic, write_together
from pipeline.run import Options, convert_file
from tests.conftest import SEED


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
    ],
)
def test_output_names_stay_inside_the_output_folder(name: str, stem: str) -> None:
    assert output_stem(Path(name)) == stem
    assert "/" not in output_stem(Path(name)) and not output_stem(Path(name)).startswith(".")


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


def test_a_bug_costs_one_letter_not_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.run

    def broken(raw: object) -> object:
        raise KeyError("oeps")

    monkeypatch.setattr(pipeline.run, "build_document", broken)
    result = convert_file(SEED, tmp_path, Options())
    assert result.status == "failed"
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
