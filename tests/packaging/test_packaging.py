"""The packaged app: PyInstaller builds dist/workstation, and its binary runs without Python or the source.

Slow: the build takes about a minute on two cores (see README, "Packaging"); it runs once per
test session, into a temporary folder, and every test here uses that one build.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import ROOT

SPEC = ROOT / "packaging" / "workstation.spec"
SIZE_LIMIT = 400 * 1024 * 1024

pytestmark = pytest.mark.slow


def our_modules() -> set[str]:
    """The modules of workstation/ and ui/ in the source tree, but the migration scripts."""
    names = set()
    for package in ("workstation", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" not in parts:  # shipped as files for alembic, checked elsewhere
                names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def resource_files() -> set[Path]:
    """The files of resources/, relative to it, but Python's."""
    folder = ROOT / "resources"
    return {
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


class Built:
    """A finished build: the app folder, PyInstaller's work folder, what it should hold."""

    def __init__(self, app: Path, work: Path, seconds: float, modules: set[str], resources: set[Path]):
        self.app, self.work, self.seconds, self.modules, self.resources = app, work, seconds, modules, resources
        self.binary = app / "workstation"
        self.internal = app / "_internal"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """Builds the one-folder app with the project's spec, the way `make package` does."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("PyInstaller is not installed: pip install -e '.[package]' (make test does)")
    out = tmp_path_factory.mktemp("package")
    modules, resources = our_modules(), resource_files()  # as the build sees them, whatever changes later
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    seconds = time.monotonic() - started
    print(f"\nPyInstaller build: {seconds:.0f} s")
    return Built(out / "dist" / "workstation", out / "build" / "workstation", seconds, modules, resources)


@pytest.fixture
def outside(tmp_path) -> tuple[Path, dict]:
    """A working folder outside the source tree and an environment with no Python of ours in it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {
        "HOME": str(tmp_path / "home"),
        "PATH": "/usr/bin:/bin",  # no venv, no pyenv shims
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    for kind in ("DATA", "CACHE", "CONFIG", "LOG"):
        env[f"WORKSTATION_{kind}_DIR"] = str(tmp_path / "user" / kind.lower())
    assert not str(folder).startswith(str(ROOT))
    return folder, env


def run(built: Built, outside, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    folder, env = outside
    return subprocess.run(
        [str(built.binary), *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def test_version(built, outside):
    import workstation

    result = run(built, outside, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"workstation {workstation.__version__}"


def test_sections_on_a_new_library_runs_the_migrations(built, outside):
    folder, _ = outside
    result = run(built, outside, "sections", "--json", "--db", str(folder / "new.sqlite"))
    assert result.returncode == 0, result.stderr
    sections = json.loads(result.stdout)
    assert len(sections) == 16
    assert sections[0] == {"slug": "home", "name": "الصفحة الاولى", "parent": None, "position": 0, "articles": 0}
    assert sections[-1]["name"] == "مؤتمر صحفي للخارجية"
    assert (folder / "new.sqlite").is_file()
    # alembic ran the migration scripts from files in the bundle without caching bytecode there,
    # which would change an installed (on macOS, signed) app folder
    assert not list(built.app.rglob("__pycache__"))

    plain = run(built, outside, "sections", "--db", str(folder / "new.sqlite"))
    assert plain.returncode == 0 and "الشرق الاوسط" in plain.stdout


def test_check_and_backup_commands(built, outside):
    folder, _ = outside
    db = str(folder / "lib.sqlite")
    assert run(built, outside, "sections", "--db", db).returncode == 0
    check = run(built, outside, "check", "--db", db)
    assert check.returncode == 0, check.stderr
    assert "library is sound" in check.stderr
    backup = run(built, outside, "backup", str(folder / "copy.sqlite"), "--db", db)
    assert backup.returncode == 0, backup.stderr
    assert (folder / "copy.sqlite").stat().st_size > 0


def test_help_and_a_clear_error(built, outside):
    result = run(built, outside, "--help")
    assert result.returncode == 0
    for command in ("sections", "import", "photos", "search", "export", "check", "backup"):
        assert command in result.stdout
    assert run(built, outside, "photos", "--help").returncode == 0
    folder, _ = outside
    (folder / "notes.txt").write_text("not a library")
    refused = run(built, outside, "sections", "--db", str(folder / "notes.txt"))
    assert refused.returncode == 2
    assert "is not a library" in refused.stderr and "Traceback" not in refused.stderr


def test_every_module_of_the_app_is_in_the_package(built):
    """Commands import their modules lazily; each one must be in the archive, or a command fails."""
    toc = ast.literal_eval((built.work / "PYZ-00.toc").read_text())
    packed = {entry[0] for entry in toc[1]}
    assert {"workstation.cli", "workstation.library.store", "ui.app", "ui.crash", "ui.about"} <= built.modules
    assert built.modules - packed == set()


def test_resources_migrations_and_qt_plugins_are_inside(built):
    resources = built.internal / "resources"
    fonts = sorted(p.name for p in (resources / "fonts").glob("*.ttf"))
    assert "NotoNaskhArabic-Regular.ttf" in fonts
    assert (resources / "CREDITS.md").is_file()
    assert (resources / "icons" / "app" / "workstation.svg").is_file()
    shipped = {p.relative_to(resources) for p in resources.rglob("*") if p.is_file()}
    assert built.resources - shipped == set()  # templates, static files, translations, sample content…
    assert (built.internal / "workstation" / "library" / "migrations" / "env.py").is_file()
    assert (built.internal / "workstation" / "library" / "migrations" / "versions" / "0001_initial.py").is_file()
    platforms = built.internal / "PySide6" / "Qt" / "plugins" / "platforms"
    assert (platforms / "libqoffscreen.so").is_file() and (platforms / "libqxcb.so").is_file()
    assert list(built.internal.glob("nh3/*.so")) and list(built.internal.glob("PIL/_imaging*.so"))
    assert "GNU GENERAL PUBLIC LICENSE" in (resources / "LICENSE").read_text()  # for the About dialog


def test_app_folder_is_under_the_size_limit(built):
    size = sum(p.stat().st_size for p in built.app.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\ndist/workstation: {size / 2**20:.0f} MiB")
    assert size < SIZE_LIMIT


def _gui_stays_up(built: Built, outside, env_extra: dict, seconds: float = 6) -> Path:
    """Starts the GUI on a new library; fails if it exits before `seconds`; returns the library path."""
    folder, env = outside
    db = folder / "gui.sqlite"
    proc = subprocess.Popen(
        [str(built.binary), "--db", str(db)],
        cwd=folder,
        env={**env, **env_extra},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        proc.wait(timeout=seconds)
        pytest.fail(f"the GUI exited with {proc.returncode}: {proc.stderr.read()[-3000:]}")
    except subprocess.TimeoutExpired:
        pass
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)
    assert "Traceback" not in proc.stderr.read()
    return db


def test_gui_starts_offscreen(built, outside):
    db = _gui_stays_up(built, outside, {})
    assert db.is_file()  # it opened (created) the library before showing the window


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_gui_starts_on_x11(built, outside):
    """The xcb platform plugin and the X libraries it needs are in the package."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=[write_fd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()
        assert display, "Xvfb did not start"
        _gui_stays_up(built, outside, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{display}"})
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
