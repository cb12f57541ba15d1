"""The app closes the normal way on SIGTERM: windows close (saving edits and state) and the process ends cleanly."""

import os
import signal
import subprocess
import sys
import time


def test_sigterm_closes_the_window_and_saves_its_state(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSTATION_CONFIG_DIR=str(tmp_path / "config"),
               WORKSTATION_DATA_DIR=str(tmp_path / "data"), WORKSTATION_CACHE_DIR=str(tmp_path / "cache"),
               WORKSTATION_LOG_DIR=str(tmp_path / "log"))  # fmt: skip
    app = subprocess.Popen([sys.executable, "-m", "ui.launcher", "--db", str(tmp_path / "lib.sqlite")], env=env)
    settings = tmp_path / "config" / "workstation.ini"
    deadline = time.monotonic() + 30
    while not (tmp_path / "lib.sqlite").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(3)  # the window is shown once the library is open
    assert app.poll() is None, "the app ended by itself"
    app.send_signal(signal.SIGTERM)
    assert app.wait(timeout=20) == 0
    assert "geometry" in settings.read_text(), "the window did not close the normal way"
