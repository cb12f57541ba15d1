"""The wall around the core: every module of `workstation/` imports and the CLI works with Qt blocked."""

import subprocess
import sys

BLOCK_QT_THEN = """
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "qtawesome"):
            raise ImportError(f"the core imported {name}")

sys.meta_path.insert(0, NoQt())
import workstation
for module in pkgutil.walk_packages(workstation.__path__, "workstation."):
    if ".migrations" not in module.name:
        importlib.import_module(module.name)
from workstation.cli import main
sys.exit(main(["--db", sys.argv[1], "sections", "--json"]))
"""


def test_core_never_imports_qt(tmp_path):
    run = subprocess.run([sys.executable, "-c", BLOCK_QT_THEN, str(tmp_path / "lib.sqlite")],
                         capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert '"slug": "home"' in run.stdout
