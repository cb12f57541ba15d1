"""What the command line prints: JSON documents, refusals, progress, one-line failures."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from workstation.library.urls import masked
from workstation.paths import AppPaths

EXIT_OK, EXIT_REFUSED, EXIT_FAILED = 0, 1, 2


class CommandError(Exception):
    """Nothing could be done; the message says why in one sentence."""


def print_json(document) -> None:
    """One JSON document on stdout."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def refused(name: str, reason: str) -> None:
    """Names one refused input on stderr, with the reason."""
    print(f"{shown(name)}: {reason}", file=sys.stderr)


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def shown(text: str) -> str:
    """Text for one line of a terminal: line breaks and other controls in a file name or caption
    are shown escaped (\\n), never acted on."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def print_progress(done: int, total: int, what: str) -> None:
    """Prints `done/total what` over the last line of stderr."""
    end = "\n" if done >= total else ""
    print(f"\r\033[K{done}/{total} {what[:60]}", end=end, file=sys.stderr, flush=True)


def tty_progress(what: str):
    """A progress callback that shows `what` and a percentage on stderr when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, _label: str) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{what}: {100 * done // max(total, 1)}%", end=end, file=sys.stderr, flush=True)

    return show


def outcome(done: bool, refused: bool) -> int:
    """The exit status of a command over many inputs: all done, some refused, or nothing done."""
    if not refused:
        return EXIT_OK
    return EXIT_REFUSED if done else EXIT_FAILED


def fail(message: str) -> int:
    """Prints one line saying why nothing could be done (a password in it masked); exit status 2."""
    print(f"workstation: {masked(message)}", file=sys.stderr)
    return EXIT_FAILED


def one_line(exc: BaseException) -> str:
    """A driver's message on one line (a server adds DETAIL and HINT lines)."""
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())


def utf8_output() -> None:
    """Arabic on stdout and stderr whatever the console's code page (a redirect on Windows is cp1252)."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors=errors)


def log_traceback(paths: AppPaths) -> Path:
    """Writes the current exception's traceback (passwords masked) to the log folder; the log file."""
    import traceback

    log = paths.log / "cli-errors.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as fh:
            fh.write(masked(traceback.format_exc()) + "\n")
    except OSError:
        return Path("(the log folder could not be written)")
    return log
