"""The command line: `workstation [--db URL|PATH] [COMMAND ...]`. A contract: docs/cli.md.

Exit status: 0 all done; 1 done, but some inputs were refused (each named on stderr);
2 bad usage or nothing could be done (one message, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from workstation import __version__
from workstation.articles.docids import is_docid
from workstation.errors import LibraryError, NotFoundError, no_such_article
from workstation.library.store import Library, open_library
from workstation.library.urls import masked
from workstation.paths import AppPaths

EXIT_OK, EXIT_REFUSED, EXIT_FAILED = 0, 1, 2
MAX_HITS = 1_000_000  # a larger --limit asks for every hit


class CommandError(Exception):
    """Nothing could be done; the message says why in one sentence."""


def _print_json(document) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _refused(name: str, reason: str) -> None:
    print(f"{_shown(name)}: {reason}", file=sys.stderr)


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _shown(text: str) -> str:
    """Text for one line of a terminal: line breaks and other controls in a file name or caption
    are shown escaped (\\n), never acted on."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


# -- commands ------------------------------------------------------------------------------------
def cmd_sections(args, library: Library) -> int:
    from workstation.articles.sections import SectionRepo

    tree = SectionRepo(library).tree()
    if args.json:
        _print_json([{"slug": s.slug, "name": s.name, "parent": s.parent, "position": s.position,
                      "articles": s.articles} for s in tree])  # fmt: skip
    else:
        for s in tree:
            print(f"{'  ' * s.depth}{s.slug}\t{s.name}\t{s.articles}")
    return EXIT_OK


def cmd_import(args, library: Library) -> int:
    from workstation.wire.importer import import_files

    if args.watch is not None:
        if args.files:
            raise CommandError("give files to import or --watch DIR, not both.")
        return _watch_folder(Path(args.watch), library)
    if not args.files:
        raise CommandError("give the files to import, or --watch DIR.")
    report = import_files(library, [Path(p) for p in args.files])
    for problem in report.refused:
        _refused(problem.where, problem.reason)
    print(f"{report.created} created, {report.updated} updated, {len(report.refused)} refused", file=sys.stderr)
    if report.refused and not (report.created or report.updated):
        return EXIT_REFUSED if report.items_seen else EXIT_FAILED
    return EXIT_REFUSED if report.refused else EXIT_OK


def _watch_folder(folder: Path, library: Library) -> int:
    from workstation.wire.watch import FolderWatch, watch_until_signalled

    watcher = FolderWatch(library, folder)
    print(f"watching {folder} (Ctrl+C stops)", file=sys.stderr, flush=True)
    watch_until_signalled(watcher, lambda outcome: print(outcome.summary(), file=sys.stderr, flush=True))
    print("stopped watching", file=sys.stderr)
    return EXIT_OK


def cmd_search(args, library: Library) -> int:
    from workstation.search.query import search

    if args.limit < 1:
        raise CommandError("--limit must be at least 1.")
    result = search(library, args.query, limit=min(args.limit, MAX_HITS), order=args.order)
    if args.json:
        _print_json(result.as_json())
    else:
        for hit in result.hits:
            print(f"{hit.docid}\t{hit.section}\t{hit.headline}\n\t{hit.snippet}")
        print(f"{len(result.hits)} of {result.total}{'' if result.total_exact else '+'}", file=sys.stderr)
    return EXIT_OK


def cmd_photos_add(args, library: Library) -> int:
    from workstation.photos.ingest import ingest

    report = ingest(library, args.docid, [Path(p) for p in args.paths])
    for problem in report.refused:
        _refused(problem.where, problem.reason)
    print(f"{len(report.added)} added, {len(report.refused)} refused", file=sys.stderr)
    if report.refused:
        return EXIT_REFUSED if report.added else EXIT_FAILED
    return EXIT_OK


def cmd_photos_list(args, library: Library) -> int:
    from workstation.photos.gallery import GalleryRepo

    items = GalleryRepo(library).items(args.docid)
    if args.json:
        _print_json({"docid": args.docid, "items": [item.as_json() for item in items]})
    else:
        for item in items:
            print(f"{item.position}\t{item.sha256[:12]}\t{item.width}x{item.height}\t{_shown(item.filename)}\t"
                  f"{_shown(item.caption)}")  # fmt: skip
    return EXIT_OK


def cmd_photos_set(args, library: Library) -> int:
    from workstation.photos.gallery import GalleryRepo, select_positions
    from workstation.shortcuts.codes import ShortcutRepo, expand

    gallery = GalleryRepo(library)
    items = gallery.items(args.docid)
    chosen = [items[p - 1] for p in select_positions(args.position, len(items))]
    codes = ShortcutRepo(library).table()
    values: dict = {name: expand(getattr(args, name), codes) for name in ("caption", "alt", "credit", "slug")
                    if getattr(args, name) is not None}  # fmt: skip
    if args.rotate is not None:
        values["rotate"] = args.rotate
    if args.focus is not None:
        values["focus_x"], values["focus_y"] = _focus(args.focus)
    if not values:
        raise CommandError("Nothing to set: give --caption, --alt, --credit, --slug, --focus or --rotate.")
    gallery.update({item.id: values for item in chosen})
    print(f"{len(chosen)} photo{'s' if len(chosen) != 1 else ''} of article {args.docid} changed", file=sys.stderr)
    return EXIT_OK


def _focus(text: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in text.split(","))
    except ValueError:
        raise CommandError(f"--focus {text}: give X,Y as fractions of the photo, e.g. 0.3,0.6.") from None
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise CommandError(f"--focus {text} is outside the photo: X and Y are fractions from 0 to 1.")
    return x, y


def cmd_shortcuts_import(args, library: Library) -> int:
    from workstation.shortcuts.codes import ShortcutRepo

    stored, problems = ShortcutRepo(library).import_tsv(Path(args.file))
    for problem in problems:
        _refused(problem.where, problem.reason)
    print(f"{stored} codes stored, {len(problems)} lines refused", file=sys.stderr)
    if problems:
        return EXIT_REFUSED if stored else EXIT_FAILED
    return EXIT_OK


def cmd_shortcuts_list(args, library: Library) -> int:
    from workstation.shortcuts.codes import ShortcutRepo

    table = ShortcutRepo(library).table()
    if args.json:
        _print_json([{"code": code, "text": text} for code, text in table.items()])
    else:
        for code, text in table.items():
            print(f"{code}\t{text}")
    return EXIT_OK


def cmd_export(args, library: Library) -> int:
    from workstation.export import export_bundle

    report = export_bundle(library, Path(args.out), sections=args.section or None, articles=args.article or None,
                           base_url=args.base_url)  # fmt: skip
    for reason in report.refused:
        print(reason, file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return EXIT_REFUSED if report.refused else EXIT_OK


def cmd_publish(args, library: Library) -> int:
    from workstation.publish import Access, publish

    access = Access(
        identity=Path(args.identity).expanduser() if args.identity else None,
        known_hosts=Path(args.known_hosts).expanduser() if args.known_hosts else None,
    )
    progress = _print_progress if sys.stderr.isatty() and not args.dry_run else None
    report = publish(library, args.to, access, delete=args.delete, dry_run=args.dry_run, progress=progress)
    if args.json:
        _print_json(report.as_json())
    elif args.dry_run:
        for rel in report.uploaded:
            print(f"+ {rel}")
        for rel in report.deleted:
            print(f"- {rel}")
    for problem in report.failed:
        _refused(problem.where, problem.reason)
    print(report.summary(), file=sys.stderr)
    if report.failed:
        return EXIT_REFUSED if report.uploaded or report.deleted else EXIT_FAILED
    return EXIT_OK


def _print_progress(done: int, total: int, what: str) -> None:
    """Prints `done/total what` over the last line of stderr."""
    end = "\n" if done >= total else ""
    print(f"\r\033[K{done}/{total} {what[:60]}", end=end, file=sys.stderr, flush=True)


def cmd_check(args, library: Library) -> int:
    from workstation.check import check_library

    problems = check_library(library)
    for problem in problems:
        print(problem, file=sys.stderr)
    print("library is sound" if not problems else f"{len(problems)} problems found", file=sys.stderr)
    return EXIT_REFUSED if problems else EXIT_OK


def cmd_backup(args, library: Library) -> int:
    from workstation.library.backup import backup_library
    from workstation.search.index import reindex

    damage = backup_library(library, Path(args.file), reindex)
    if damage:
        print(f"backup written to {args.file}, but the library it copies is damaged ({damage}); "
              "`workstation check` says where", file=sys.stderr)  # fmt: skip
        return EXIT_REFUSED
    print(f"backup written to {args.file}", file=sys.stderr)
    return EXIT_OK


def cmd_lint(args, library: Library) -> int:
    from workstation.checks.library import checker_for, lint, story_ids

    docids = list(dict.fromkeys(args.docids)) if args.docids else []
    if args.section:
        docids += [d for d in story_ids(library, args.section) if d not in docids]
    elif not docids:
        docids = story_ids(library)
    checker, why = checker_for(library)
    if why and "spelling" not in checker.disabled:
        print(f"workstation: {why}", file=sys.stderr)
    progress = _tty_progress("Checking") if len(docids) > 100 else None
    results = []
    for docid, findings in lint(library, docids, checker):  # an unknown DOCID stops it here: exit 2
        results.append((docid, findings))
        if progress is not None and (len(results) % 50 == 0 or len(results) == len(docids)):
            progress(len(results), len(docids), "")
    found = [(docid, f) for docid, findings in results for f in findings]
    if args.json:
        _print_json([f.as_json(docid) for docid, f in found])
    else:
        for docid, f in found:
            hint = f" → {' | '.join(f.suggestions)}" if f.suggestions else ""
            print(f"{docid}\t{f.field}:{f.offset}\t{f.rule}\t{f.text!r}\t{f.message()}{hint}")
    stories = len({docid for docid, _f in found})
    print(f"{len(found)} findings in {stories} of {len(results)} stories", file=sys.stderr)
    return EXIT_REFUSED if found else EXIT_OK


def cmd_dictionary_add(args, library: Library) -> int:
    from workstation.checks.library import NewsroomDictionary, clean_word

    good = []
    for word in args.words:
        try:
            good.append(clean_word(word))
        except ValueError as exc:
            _refused(word, str(exc))
    added = NewsroomDictionary(library).add(good) if good else []
    print(f"{len(added)} added, {len(good) - len(added)} already there, {len(args.words) - len(good)} refused",
          file=sys.stderr)  # fmt: skip
    if len(good) < len(args.words):
        return EXIT_REFUSED if good else EXIT_FAILED
    return EXIT_OK


def cmd_dictionary_remove(args, library: Library) -> int:
    from workstation.body.letters import strip_marks
    from workstation.checks.library import NewsroomDictionary

    removed = NewsroomDictionary(library).remove(args.words)
    refused = [w for w in args.words if strip_marks(w.strip()) not in removed]
    for word in refused:
        _refused(word, "not in the newsroom dictionary")
    print(f"{len(removed)} removed", file=sys.stderr)
    if refused:
        return EXIT_REFUSED if removed else EXIT_FAILED
    return EXIT_OK


def cmd_dictionary_list(args, library: Library) -> int:
    from workstation.checks.library import NewsroomDictionary

    words = NewsroomDictionary(library).words()
    if args.json:
        _print_json(words)
    else:
        for word in words:
            print(word)
    return EXIT_OK


def cmd_rules(args, library: Library) -> int:
    from workstation.checks.findings import RULES
    from workstation.checks.library import disabled_rules, set_rule_enabled

    if args.switch and not args.rules:
        raise CommandError(f"name the rules to switch {args.switch}; the rules are: {', '.join(RULES)}.")
    off = set_rule_enabled(library, args.rules, args.switch == "on") if args.switch else disabled_rules(library)
    if args.json:
        _print_json([{"rule": r.id, "enabled": r.id not in off, "en": r.en, "ar": r.ar} for r in RULES.values()])
    else:
        for rule in RULES.values():
            print(f"{rule.id}\t{'off' if rule.id in off else 'on'}\t{rule.en}")
    return EXIT_OK


def cmd_copy(args, library: Library) -> int:
    from workstation.library.copy import copy_into
    from workstation.search.index import reindex

    progress = _print_progress if sys.stderr.isatty() else None
    where, report = copy_into(library, args.dest, reindex, args.photos, AppPaths.from_environment().data, progress)
    print(f"copied to {where}: {report.summary()}", file=sys.stderr)
    return EXIT_OK


def cmd_watch(args, library: Library) -> int:
    from workstation.library.backends.changelog import event_line, follow

    print(f"watching {library.display_url} (Ctrl+C to stop)", file=sys.stderr, flush=True)
    follow(library, lambda e: print(json.dumps(e, ensure_ascii=False) if args.json else event_line(e), flush=True))
    return EXIT_OK


# -- parser --------------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL|PATH",
        default=argparse.SUPPRESS,
        help="the library: a file path or a database URL (default: WORKSTATION_DB or the user data folder)",
    )
    common.add_argument("--version", action="version", version=f"workstation {__version__}")

    parser = argparse.ArgumentParser(
        prog="workstation",
        parents=[common],
        description="Editorial Workstation: write, file, caption and export Arabic news.",
    )
    parser.add_argument("--demo", action="store_true", help="open a throw-away library filled with the sample story")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Callable, help: str, json_flag: bool = False, target=sub):
        p = target.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(handler=handler)
        if json_flag:
            p.add_argument("--json", action="store_true", help="one JSON document on stdout")
        return p

    command("sections", cmd_sections, "the section tree", json_flag=True)
    wire = command("import", cmd_import, "import wire stories: ninjs (JSON, JSON Lines), NewsML-G2, NITF")
    wire.add_argument("files", nargs="*", metavar="FILE")
    wire.add_argument(
        "--watch", metavar="DIR", help="import what is and arrives in DIR (to DIR/done/ or DIR/refused/) until Ctrl+C"
    )

    photos = sub.add_parser("photos", parents=[common], help="an article's photos", description="an article's photos")
    photos_sub = photos.add_subparsers(dest="photos_command", metavar="ACTION", required=True)
    add = command("add", cmd_photos_add, "ingest files or folders into an article's gallery", target=photos_sub)
    add.add_argument("docid", type=int, metavar="DOCID")
    add.add_argument("paths", nargs="+", metavar="PATH")
    command(
        "list", cmd_photos_list, "an article's gallery, in story order", json_flag=True, target=photos_sub
    ).add_argument("docid", type=int, metavar="DOCID")

    change = command("set", cmd_photos_set, "caption, credit, turn or set the focal point of photos",
                     target=photos_sub)  # fmt: skip
    change.add_argument("docid", type=int, metavar="DOCID")
    change.add_argument("position", metavar="POSITION|N-M|all")
    for name in ("caption", "alt", "credit", "slug"):
        change.add_argument(f"--{name}", metavar="T", help=f"the {name} (codes such as =pt= expand)")
    change.add_argument("--focus", metavar="X,Y", help="the focal point, fractions 0-1 of the photo as shown")
    change.add_argument("--rotate", type=int, choices=(0, 90, 180, 270), help="turn clockwise from the original")

    shortcuts = sub.add_parser("shortcuts", parents=[common], help="the newsroom's code replacements",
                               description="the newsroom's code replacements (=code= expands)")  # fmt: skip
    shortcuts_sub = shortcuts.add_subparsers(dest="shortcuts_command", metavar="ACTION", required=True)
    command("import", cmd_shortcuts_import, "store codes from a TSV file (code<TAB>text, UTF-8)",
            target=shortcuts_sub).add_argument("file", metavar="FILE.tsv")  # fmt: skip
    command("list", cmd_shortcuts_list, "every code and its text", json_flag=True, target=shortcuts_sub)

    search = command("search", cmd_search, "search the library (Arabic-normalized)", json_flag=True)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="how many hits (default 20)")
    search.add_argument(
        "--order",
        choices=("relevance", "newest"),
        default="relevance",
        help="best match first (default) or newest first",
    )

    export = command("export", cmd_export, "export the publishable HTML bundle")
    export.add_argument("--out", required=True, metavar="DIR|FILE.zip")
    export.add_argument("--section", action="append", metavar="SLUG", help="only this section (repeatable)")
    export.add_argument("--article", action="append", type=int, metavar="DOCID", help="only this article (repeatable)")
    export.add_argument("--base-url", metavar="URL", help="where the site is served, for absolute canonical, "
                        "feed and sitemap addresses (default: the library's setting; '' for none)")  # fmt: skip

    publish = command("publish", cmd_publish, "send what changed in the bundle to the web server", json_flag=True)
    publish.add_argument("--to", required=True, metavar="sftp://user@host[:port]/path|FOLDER")
    publish.add_argument(
        "--identity", metavar="KEY", help="the private key to log in with (default: the agent, ~/.ssh)"
    )
    publish.add_argument("--known-hosts", metavar="FILE", help="the known_hosts file (default: ~/.ssh/known_hosts)")
    publish.add_argument("--dry-run", action="store_true", help="say what would be sent and deleted; touch nothing")
    publish.add_argument("--delete", action="store_true", help="remove the files that left the bundle, last")

    lint = command("lint", cmd_lint, "spelling and house style of stories (exit 1 when something is found)",
                   json_flag=True)  # fmt: skip
    lint.add_argument("docids", nargs="*", type=int, metavar="DOCID", help="these stories (default: all)")
    lint.add_argument("--section", action="append", metavar="SLUG", help="the stories of this section (repeatable)")
    words = sub.add_parser("dictionary", parents=[common], help="the newsroom dictionary",
                           description="the newsroom dictionary: words the spelling check accepts")  # fmt: skip
    words_sub = words.add_subparsers(dest="dictionary_command", metavar="ACTION", required=True)
    command("add", cmd_dictionary_add, "add words", target=words_sub).add_argument("words", nargs="+", metavar="WORD")
    command("remove", cmd_dictionary_remove, "remove words", target=words_sub).add_argument(
        "words", nargs="+", metavar="WORD"
    )
    command("list", cmd_dictionary_list, "every word", json_flag=True, target=words_sub)
    rules = command("rules", cmd_rules, "the writing-check rules, and switching them on or off", json_flag=True)
    rules.add_argument("switch", nargs="?", choices=("on", "off"), help="switch the named rules on or off")
    rules.add_argument("rules", nargs="*", metavar="RULE")

    command("check", cmd_check, "integrity of the database and every photo file")
    command("backup", cmd_backup, "consistent copy of a live library").add_argument("file", metavar="FILE")
    copy = command("copy", cmd_copy, "copy the whole library into an empty one (a file or a server)")
    copy.add_argument("dest", metavar="DEST_URL|PATH")
    copy.add_argument("--photos", metavar="DIR", help="the photo folder of a server destination (kept as its setting)")
    command("watch", cmd_watch, "print each change anyone makes to the library, until Ctrl+C", json_flag=True)
    return parser


OpenWindow = Callable[[AppPaths, "str | None", bool], int]
"""Opens the desktop app on a library location (None with the demo) and runs it; the launcher gives it."""


def main(argv: list[str] | None = None, open_window: OpenWindow | None = None) -> int:
    """Runs the command line; with no command, `open_window` opens the app. Returns the exit status."""
    args = _parser().parse_args(argv)
    paths = AppPaths.from_environment()
    location = getattr(args, "db", None) or paths.default_db()
    if args.command is None:
        if open_window is None:
            return _fail("no command given (see `workstation --help`); the desktop app opens from its launcher")
        return open_window(paths, None if args.demo else location, args.demo)
    _utf8_output()
    warnings.filterwarnings("ignore", module="PIL")  # notes about odd photo metadata, naming its source files
    for docid in _docid_arguments(args):
        if not is_docid(docid):  # beyond what any story can have: no such story, before the database is asked
            return _fail(str(no_such_article(docid)))
    try:
        library = open_library(location, default_photos_dir=paths.data / "photos")
        try:
            from workstation.search.vocabulary import prepare_search

            prepare_search(library, _tty_progress("Preparing the library for search"))
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
        return _fail("interrupted")
    except (CommandError, LibraryError, NotFoundError, ValueError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except (sqlite3.Error, SQLAlchemyError) as exc:
        return _fail(f"the library's database failed: {_one_line(getattr(exc, 'orig', None) or exc)}")
    except Exception as exc:  # never a traceback on the terminal: the details go to the log folder
        return _fail(f"unexpected error ({type(exc).__name__}: {exc}); details in {_log_traceback(paths)}")


def _tty_progress(what: str):
    """A progress callback that shows `what` and a percentage on stderr when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, _label: str) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{what}: {100 * done // max(total, 1)}%", end=end, file=sys.stderr, flush=True)

    return show


def _docid_arguments(args) -> list[int]:
    """Every document id the command line names."""
    found = [getattr(args, "docid", None)]
    for name in ("article", "docids"):
        found += getattr(args, name, None) or []
    return [d for d in found if d is not None]


def _fail(message: str) -> int:
    print(f"workstation: {masked(message)}", file=sys.stderr)
    return EXIT_FAILED


def _one_line(exc: BaseException) -> str:
    """A driver's message on one line (a server adds DETAIL and HINT lines)."""
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())


def _utf8_output() -> None:
    """Arabic on stdout and stderr whatever the console's code page (a redirect on Windows is cp1252)."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors=errors)


def _log_traceback(paths: AppPaths) -> Path:
    import traceback

    log = paths.log / "cli-errors.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as fh:
            fh.write(masked(traceback.format_exc()) + "\n")
    except OSError:
        return Path("(the log folder could not be written)")
    return log


if __name__ == "__main__":
    sys.exit(main())
