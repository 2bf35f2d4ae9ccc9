"""`pip install .` gives a working tool: the wheel, installed into a fresh venv far from the
repository, converts the seed letter with the templates and schemas it ships."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.render import render
from pipeline.run import convert_document
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
SOURCES = ("pyproject.toml", "README.md", "pipeline", "templates")
"""What the build reads; copied so that building leaves nothing (build/, *.egg-info) in the repository."""

pytestmark = pytest.mark.slow
"""A wheel built and installed in a venv of its own."""


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert completed.returncode == 0, f"{' '.join(map(str, args))} failed:\n{completed.stdout}\n{completed.stderr}"
    return completed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources with the locked setuptools of this venv."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    pip = (sys.executable, "-m", "pip", "--quiet", "--quiet")
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", dist, source, cwd=source)
    (built,) = dist.glob("kamerbrief-*.whl")
    return built


def test_the_wheel_ships_the_templates_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {f"pipeline/templates/{path.name}" for path in (ROOT / "templates").iterdir() if path.is_file()}
    assert templates <= names
    assert {"pipeline/schema/document.schema.json", "pipeline/schema/index.schema.json", "pipeline/py.typed"} <= names
    # The ministries and parties that who asked and who answered are normalised to.
    assert {"pipeline/data/ministries.toml", "pipeline/data/parties.toml"} <= names


def test_the_installed_wheel_converts_the_seed_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    pip = (venv / "bin" / "python", "-m", "pip", "--quiet", "--quiet", "install")
    # The runtime dependencies as make installs them (pip's cache makes this quick), then the wheel.
    run(*pip, "--require-hashes", "--no-deps", "-r", LOCK, cwd=tmp_path)
    run(*pip, "--no-deps", wheel, cwd=tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(SEED, work / SEED.name)
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAMERBRIEF_")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    run(venv / "bin" / "kamerbrief", "convert", SEED.name, "-o", "out", cwd=work, env=env)
    # Only what was asked for where the user stands; the cache in the user's cache folder.
    assert sorted(path.name for path in work.iterdir()) == [SEED.name, "out"]
    stem = SEED.stem
    assert {f"{stem}.json", f"{stem}.md", f"{stem}.html", "index.html"} <= {p.name for p in (work / "out").iterdir()}
    assert list((tmp_path / "cache" / "kamerbrief").glob("*.json"))
    # The installed package renders exactly what the repository does.
    expected = render(convert_document(SEED), "json")
    assert json.loads((work / "out" / f"{stem}.json").read_text(encoding="utf-8")) == json.loads(expected)
