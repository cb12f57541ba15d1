"""The test suite: tests/core/<domain>/ for the core, tests/ui/ for the desktop app, tests/packaging/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
