"""The command line: `workstation [--db URL|PATH] [COMMAND ...]`. A contract: docs/cli.md.

Exit status: 0 all done; 1 done, but some inputs were refused (each named on stderr);
2 bad usage or nothing could be done (one message, never a traceback).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import warnings
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from workstation.articles.docids import is_docid
from workstation.cli.output import EXIT_OK, CommandError, fail, log_traceback, one_line, tty_progress, utf8_output
from workstation.cli.parser import build_parser
from workstation.errors import LibraryError, NotFoundError, no_such_article
from workstation.library.store import open_library
from workstation.paths import AppPaths

OpenWindow = Callable[[AppPaths, "str | None", bool], int]
"""Opens the desktop app on a library location (None with the demo) and runs it; the launcher gives it."""


def main(argv: list[str] | None = None, open_window: OpenWindow | None = None) -> int:
    """Runs the command line; with no command, `open_window` opens the app. Returns the exit status."""
    args = build_parser().parse_args(argv)
    paths = AppPaths.from_environment()
    location = getattr(args, "db", None) or paths.default_db()
    if args.command is None:
        if open_window is None:
            return fail("no command given (see `workstation --help`); the desktop app opens from its launcher")
        return open_window(paths, None if args.demo else location, args.demo)
    utf8_output()
    warnings.filterwarnings("ignore", module="PIL")  # notes about odd photo metadata, naming its source files
    for docid in _docid_arguments(args):
        if not is_docid(docid):  # beyond what any story can have: no such story, before the database is asked
            return fail(str(no_such_article(docid)))
    try:
        library = open_library(location, default_photos_dir=paths.data / "photos")
        try:
            from workstation.search.vocabulary import prepare_search

            prepare_search(library, tty_progress("Preparing the library for search"))
            status = args.handler(args, library)
            sys.stdout.flush()
            return status
        finally:
            library.close()
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours. Later flushes go nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return fail("interrupted")
    except (CommandError, LibraryError, NotFoundError, ValueError) as exc:
        return fail(str(exc))
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}")
    except (sqlite3.Error, SQLAlchemyError) as exc:
        return fail(f"the library's database failed: {one_line(getattr(exc, 'orig', None) or exc)}")
    except Exception as exc:  # never a traceback on the terminal: the details go to the log folder
        return fail(f"unexpected error ({type(exc).__name__}: {exc}); details in {log_traceback(paths)}")


def _docid_arguments(args) -> list[int]:
    """Every document id the command line names."""
    found = [getattr(args, "docid", None)]
    for name in ("article", "docids"):
        found += getattr(args, name, None) or []
    return [d for d in found if d is not None]
