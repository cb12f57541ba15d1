"""Runs the benchmarks: `python -m tests.benchmarks [NAME ...]` (all `bench_*.py` when none is named)."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    names = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")]
    chosen = [n for n in names if not argv or n.removeprefix("bench_") in argv or n in argv]
    if not chosen:
        print(f"no benchmark named {' '.join(argv)}; there are: {', '.join(names)}", file=sys.stderr)
        return 2
    failed = 0
    for name in sorted(chosen):
        print(f"== {name}", flush=True)
        module = importlib.import_module(f"tests.benchmarks.{name}")
        failed += bool(module.main())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
