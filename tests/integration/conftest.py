"""The real-input tier: the app on a virtual X screen, found through the accessibility tree, driven by
real key and mouse events.

A session starts Xvfb, a session D-Bus and the AT-SPI bus launcher once; each test gets the app
(`desk`) on a fresh copy of the sample library, on the xcb platform with Qt's accessibility on.
Widgets are found by role and accessible name (`atspi_tree.py`, run by the system Python, which
has Debian's pyatspi) and acted on with xdotool; what the app did is read back from the library.
When a piece is missing the tests skip, naming the Debian packages to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.demo import build_demo
from workstation.library.store import open_library

from tests.integration.desk import HERE, ROOT, SYSTEM_PYTHON, Desk, wait

AT_SPI_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
PACKAGES = "xvfb xdotool at-spi2-core python3-pyatspi gir1.2-atspi-2.0 dbus"
SCREEN = (1600, 1000)  # room for the window's default 1400 × 860


def pytest_collection_modifyitems(items):
    """Every test here starts the app on a virtual screen: slow, and of the real-input tier."""
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.realinput)


def _missing() -> list[str]:
    missing = [tool for tool in ("Xvfb", "xdotool", "dbus-daemon") if shutil.which(tool) is None]
    if not os.path.exists(AT_SPI_LAUNCHER):
        missing.append("at-spi-bus-launcher")
    if (
        not os.path.exists(SYSTEM_PYTHON)
        or subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode
    ):
        missing.append("pyatspi for /usr/bin/python3")
    return missing


def _free_display() -> int:
    for number in range(90, 200):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture(scope="session")
def desktop(tmp_path_factory):
    """A virtual screen with a session bus and the accessibility bus; the environment the app needs."""
    missing = _missing()
    if missing:
        pytest.skip(f"real-input tests need {', '.join(missing)} (Debian packages: {PACKAGES})")
    folder = tmp_path_factory.mktemp("desktop")
    display = f":{_free_display()}"
    processes: list[subprocess.Popen] = []
    env = dict(os.environ, DISPLAY=display, XDG_RUNTIME_DIR=str(folder))
    env.pop("WAYLAND_DISPLAY", None)
    try:
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        processes.append(xvfb)
        wait(lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True).returncode == 0,
              10, "Xvfb did not start")  # fmt: skip
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"], env=env,
                               stdout=subprocess.PIPE, text=True)  # fmt: skip
        processes.append(bus)
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        processes.append(subprocess.Popen([AT_SPI_LAUNCHER, "--launch-immediately"], env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # fmt: skip
        time.sleep(1)
        yield env
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(params=["ar"])
def language(request):
    """The interface language of the app (Arabic unless a test asks for more)."""
    return request.param


@pytest.fixture
def desk(desktop, tmp_path, language):
    """The app on the sample library (its story and photos), in `language`, on the virtual screen."""
    user = tmp_path / "user"
    env = dict(desktop, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
               QT_SCALE_FACTOR="1", LANG="C.UTF-8", PYTHONPATH=str(ROOT),
               WORKSTATION_DATA_DIR=str(user / "data"), WORKSTATION_CACHE_DIR=str(user / "cache"),
               WORKSTATION_CONFIG_DIR=str(user / "config"), WORKSTATION_LOG_DIR=str(user / "log"))  # fmt: skip
    env.pop("WORKSTATION_DB", None)
    (user / "config").mkdir(parents=True)
    library_path = tmp_path / "library.sqlite"
    library = open_library(str(library_path))
    try:
        story = build_demo(library, cache_dir=user / "cache" / "thumbnails")
        section = ArticleRepo(library).get(story).section
    finally:
        library.close()
    # the sample story open, as an editor would find it
    (user / "config" / "workstation.ini").write_text(
        f"[ui]\nlanguage={language}\n[library]\nsection={section}\narticle={story}\n"
    )
    app = Desk(env, library_path, tmp_path / "app.log")
    app.story, app.section = story, section
    app.start()
    yield app
    app.stop()
    assert "Ambiguous shortcut" not in app.log(), app.log()
