"""Driving the running app for the real-input tests: its accessibility tree, xdotool, its library."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from workstation.library.store import open_library

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
APP_NAME = "Editorial Workstation"
SHOTS = Path(os.environ.get("WORKSTATION_SHOTS_DIR", ROOT / "build" / "screenshots"))


def wait(condition, timeout: float, message: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(interval)


class Desk:
    """The running app: its accessibility tree, real input, its library and its log."""

    def __init__(self, env: dict, library_path: Path, log_path: Path):
        self.env, self.library_path, self.log_path = env, library_path, log_path
        self.process: subprocess.Popen | None = None
        self.story, self.section = 0, ""

    # -- reading the screen --------------------------------------------------------------------
    def tree(self) -> list[dict]:
        """Every showing node of the app's accessibility tree."""
        done = subprocess.run([SYSTEM_PYTHON, str(HERE / "atspi_tree.py"), APP_NAME], env=self.env,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        return json.loads(done.stdout or "[]")

    def find_all(self, role: str, name: str | None = None, **where) -> list[dict]:
        """The showing nodes of this role (and name, and other fields)."""
        return [
            n for n in self.tree()
            if n["role"] == role and (name is None or n["name"] == name)
            and all(n.get(k) == v for k, v in where.items()) and n["extents"][2] > 0
        ]  # fmt: skip

    def find(self, role: str, name: str | None = None, timeout: float = 15, **where) -> dict:
        """The first showing node of this role and name, waited for."""
        found = wait(lambda: self.find_all(role, name, **where), timeout,
                      f"no {role} named {name!r} on screen")  # fmt: skip
        return found[0]

    def focused(self) -> dict | None:
        """The node that has the keyboard focus."""
        nodes = [n for n in self.tree() if n.get("focused")]
        return nodes[-1] if nodes else None

    def wait_focus(self, role: str, name: str, timeout: float = 10) -> dict:
        """Waits until this node has the focus."""

        def check():
            return next((n for n in self.tree() if n.get("focused") and n["role"] == role and n["name"] == name), None)

        return wait(check, timeout, f"the focus never reached the {role} {name!r} (it is on {self.focused()})")

    # -- acting ------------------------------------------------------------------------------------
    def xdotool(self, *args: str) -> None:
        """Runs xdotool on the virtual screen."""
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=30)

    def key(self, *keys: str) -> None:
        """Presses keys (xdotool names: ctrl+n, Tab, Delete)."""
        self.xdotool("key", "--delay", "80", *keys)
        time.sleep(0.4)

    def type(self, text: str) -> None:
        """Types text, key by key."""
        # Letters missing from the keyboard map (Arabic here) are mapped one by one: give X time for each.
        self.xdotool("type", "--delay", "40" if text.isascii() else "150", text)
        time.sleep(0.3)

    @staticmethod
    def centre(node: dict) -> tuple[int, int]:
        """The middle of a node on the screen."""
        x, y, w, h = node["extents"]
        return x + w // 2, y + h // 2

    def click(self, node: dict | tuple[int, int]) -> None:
        """Clicks the middle of a node (or a point)."""
        x, y = node if isinstance(node, tuple) else self.centre(node)
        self.xdotool("mousemove", "--sync", str(x), str(y))
        time.sleep(0.15)
        self.xdotool("click", "1")
        time.sleep(0.4)

    def drag(self, start: tuple[int, int], end: tuple[int, int], during=None) -> None:
        """Presses the button at `start`, moves in steps to `end` (calling `during` there) and lets go."""
        self.xdotool("mousemove", "--sync", str(start[0]), str(start[1]))
        time.sleep(0.2)
        self.xdotool("mousedown", "1")
        time.sleep(0.2)
        steps = 12
        for i in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * i // steps
            y = start[1] + (end[1] - start[1]) * i // steps
            self.xdotool("mousemove", str(x), str(y))
            time.sleep(0.06)
        time.sleep(0.4)
        if during is not None:
            during()
        self.xdotool("mouseup", "1")
        time.sleep(0.6)

    def screenshot(self, name: str) -> Path:
        """Saves the window's part of the screen as a PNG (needs ImageMagick's import; None without it)."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", "-crop", "1400x860+0+0", str(path)], env=self.env,
                           check=True, timeout=30)  # fmt: skip
        return path

    # -- the app ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Starts the app and waits for its window in the accessibility tree."""
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ui.launcher", "--db", str(self.library_path)], env=self.env, cwd=ROOT,
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        frame = self.find("frame", timeout=40)
        x, y = self.centre(frame)
        self.xdotool("mousemove", str(x), str(y))
        self.xdotool(
            "search", "--sync", "--onlyvisible", "--pid", str(self.process.pid), "--name", ".", "windowfocus", "--sync"
        )
        time.sleep(1.5)  # the newest article opens once the window is on screen

    def stop(self) -> None:
        """Closes the app the way a logout does (SIGTERM: edits are saved) and waits for it."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        """What the app wrote on stdout and stderr (Qt's warnings among it)."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def library(self):
        """The library the app works on, opened alongside it."""
        return open_library(str(self.library_path))
