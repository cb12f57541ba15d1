"""A plain `pip install .` into a fresh virtual environment gives a working `workstation`.

Slow: it builds the wheel and installs every runtime dependency (from pip's cache when it has
them), about a minute. It proves that the runtime dependencies resolve and that everything the
app reads at run time (fonts, templates, icons, migrations, licence) is inside the installed
package, not only in a checkout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT

# What a checkout holds that is not the project: tools' folders and build leftovers.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".hypothesis",
    "bench-data",
    "shots",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the project installed from a copy of the source tree; gives the venv folder."""
    base = tmp_path_factory.mktemp("install")
    # A copy, so that stale build/ leftovers of the checkout cannot slip into the wheel.
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q", str(source)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    shutil.rmtree(source)  # nothing may depend on the copy it was installed from
    return venv


@pytest.fixture
def outside(tmp_path) -> tuple[Path, dict]:
    """A working folder outside the source tree and an environment without our venv on PATH."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    for kind in ("DATA", "CACHE", "CONFIG", "LOG"):
        env[f"WORKSTATION_{kind}_DIR"] = str(tmp_path / "user" / kind.lower())
    return folder, env


def run(outside, *command: str) -> subprocess.CompletedProcess:
    folder, env = outside
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_installed_command_runs(installed, outside):
    import workstation

    workstation_bin = str(installed / "bin" / "workstation")
    version = run(outside, workstation_bin, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"workstation {workstation.__version__}"

    folder, _ = outside
    result = run(outside, workstation_bin, "sections", "--json", "--db", str(folder / "new.sqlite"))
    assert result.returncode == 0, result.stderr
    sections = json.loads(result.stdout)
    assert len(sections) == 16
    assert [s["name"] for s in sections[:3]] == ["الصفحة الاولى", "الصين", "الشرق الاوسط"]


def _files(folder: Path) -> set[Path]:
    return {
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def test_every_resource_and_migration_is_installed(installed, outside):
    """Compares the installed package folders with the source tree, file by file."""
    probe = (
        "import json, workstation, ui; from pathlib import Path; from workstation.paths import resources_dir;"
        "print(json.dumps([str(resources_dir()), str(Path(workstation.__file__).parent)]))"
    )
    result = run(outside, str(installed / "bin" / "python"), "-c", probe)
    assert result.returncode == 0, result.stderr
    resources, package = (Path(p) for p in json.loads(result.stdout))
    assert installed in resources.parents and installed in package.parents
    assert (resources / "fonts" / "NotoNaskhArabic-Regular.ttf").is_file()

    missing = _files(ROOT / "resources") - _files(resources)
    assert missing == set(), f"not installed (see package-data in pyproject.toml): {sorted(map(str, missing))}"
    missing = _files(ROOT / "workstation" / "migrations") - _files(package / "migrations")
    assert missing == set(), f"not installed: {sorted(map(str, missing))}"


def test_installed_about_dialog_finds_the_licence(installed, outside):
    probe = "from ui.about import licence_text; print(licence_text()[:200])"
    result = run(outside, str(installed / "bin" / "python"), "-c", probe)
    assert result.returncode == 0, result.stderr
    assert "GNU GENERAL PUBLIC LICENSE" in result.stdout
