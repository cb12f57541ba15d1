"""The `workstation` command: the command line, or the desktop app when no command is given.

The choice is made here, outside the core, so `workstation/` never imports the GUI.
"""

from __future__ import annotations

import sys

from workstation.cli import main as cli_main
from workstation.paths import AppPaths


def _open_window(paths: AppPaths, location: str | None, demo: bool) -> int:
    from ui.app import run_app

    return run_app(paths, location, demo=demo)


def main(argv: list[str] | None = None) -> int:
    """Runs `workstation` with these arguments; returns the exit status."""
    return cli_main(argv, open_window=_open_window)


if __name__ == "__main__":
    sys.exit(main())
