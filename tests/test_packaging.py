"""The wheel, installed into a fresh virtual environment, creates and builds a new site anywhere.

Slow (a minute or more: it builds a wheel and installs the dependencies from the package registry);
deselect it with `-m "not slow"`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "output", "build", "dist", "*.egg-info", "__pycache__",
                                     ".pytest_cache")


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess:
    """Run a command outside the test's own environment; fails the test with its output when it fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, f"{command} exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_installed_in_a_fresh_venv_creates_and_builds_a_new_site_with_its_theme(tmp_path):
    # The wheel is built from a copy of the sources, so the build leaves no build/ folder in the repository.
    sources = tmp_path / "sources"
    shutil.copytree(PROJECT_ROOT, sources, ignore=NOT_SOURCES)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", tmp_path / "wheels", sources], cwd=tmp_path)
    [wheel] = (tmp_path / "wheels").glob("site_builder-*.whl")

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    run([venv / "bin/python", "-m", "pip", "install", wheel], cwd=tmp_path)
    installed = run([venv / "bin/python", "-c", "import site_builder; print(site_builder.__file__)"], cwd=tmp_path)
    assert Path(installed.stdout.strip()).is_relative_to(venv)

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    run([venv / "bin/site-builder", "new", "mysite"], cwd=workdir)
    run([venv / "bin/site-builder", "build"], cwd=workdir / "mysite")

    output = workdir / "mysite" / "output"
    assert (output / "index.html").is_file()
    [stylesheet] = output.glob("static/style.*.css")
    assert stylesheet.read_bytes() == (PROJECT_ROOT / "themes/default/static/style.css").read_bytes()
    [sample] = (workdir / "mysite" / "content").glob("*.md")
    title = yaml.safe_load(sample.read_text(encoding="utf-8").split("---\n")[1])["title"]
    [article_page] = output.glob("articles/*/index.html")
    assert title in article_page.read_text(encoding="utf-8")


def test_pyproject_lists_every_folder_of_the_package():
    """setuptools installs only the packages named in pyproject.toml: a new subfolder left out would be
    missing from the wheel while every test run from the repository passes."""
    import tomllib

    settings = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package = PROJECT_ROOT / "site_builder"
    folders = {".".join(("site_builder", *path.parent.relative_to(package).parts))
               for path in package.rglob("*.py") if "__pycache__" not in path.parts}
    assert folders <= set(settings["packages"]), f"add {sorted(folders - set(settings['packages']))} to packages"
    scripts = {".".join(("site_builder", *path.parent.relative_to(package).parts)) for path in package.rglob("*.js")}
    assert all("*.js" in settings["package-data"].get(folder, []) for folder in scripts)
