"""Where things live: the one place that resolves folders and the resources directory.

Folders come from platformdirs, overridable by environment variables
(`WORKSTATION_DATA_DIR`, `WORKSTATION_CACHE_DIR`, `WORKSTATION_CONFIG_DIR`,
`WORKSTATION_LOG_DIR`) and, for the library itself, by `--db` / `WORKSTATION_DB`.
A frozen (packaged) build finds its resources beside the executable.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "EditorialWorkstation"


def resources_dir() -> Path:
    """The folder holding templates, fonts, icons, translations and sample content."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def _dir(env: str, kind: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class AppPaths:
    """The folders of one running app: library data, caches, settings and logs."""

    data: Path
    cache: Path
    config: Path
    log: Path

    @classmethod
    def from_environment(cls) -> AppPaths:
        """Paths from the environment overrides, else the platform's user folders."""
        return cls(
            data=_dir("WORKSTATION_DATA_DIR", "data"),
            cache=_dir("WORKSTATION_CACHE_DIR", "cache"),
            config=_dir("WORKSTATION_CONFIG_DIR", "config"),
            log=_dir("WORKSTATION_LOG_DIR", "log"),
        )

    def default_db(self) -> str:
        """The library location: `WORKSTATION_DB` when set, else library.sqlite in the data folder."""
        return os.environ.get("WORKSTATION_DB") or str(self.data / "library.sqlite")
