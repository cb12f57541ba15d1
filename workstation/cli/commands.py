"""The commands: each takes the parsed arguments and the open library and returns an exit status."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from workstation.cli.output import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    CommandError,
    outcome,
    print_json,
    print_progress,
    refused,
    shown,
    tty_progress,
)
from workstation.library.store import Library
from workstation.paths import AppPaths

MAX_HITS = 1_000_000  # a larger --limit asks for every hit


def cmd_sections(args, library: Library) -> int:
    from workstation.articles.sections import SectionRepo

    tree = SectionRepo(library).tree()
    if args.json:
        print_json([{"slug": s.slug, "name": s.name, "parent": s.parent, "position": s.position,
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
        refused(problem.where, problem.reason)
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
        print_json(result.as_json())
    else:
        for hit in result.hits:
            print(f"{hit.docid}\t{hit.section}\t{hit.headline}\n\t{hit.snippet}")
        print(f"{len(result.hits)} of {result.total}{'' if result.total_exact else '+'}", file=sys.stderr)
    return EXIT_OK


def cmd_photos_add(args, library: Library) -> int:
    from workstation.photos.ingest import ingest

    report = ingest(library, args.docid, [Path(p) for p in args.paths])
    for problem in report.refused:
        refused(problem.where, problem.reason)
    print(f"{len(report.added)} added, {len(report.refused)} refused", file=sys.stderr)
    return outcome(bool(report.added), bool(report.refused))


def cmd_photos_list(args, library: Library) -> int:
    from workstation.photos.gallery import GalleryRepo

    items = GalleryRepo(library).items(args.docid)
    if args.json:
        print_json({"docid": args.docid, "items": [item.as_json() for item in items]})
    else:
        for item in items:
            print(f"{item.position}\t{item.sha256[:12]}\t{item.width}x{item.height}\t{shown(item.filename)}\t"
                  f"{shown(item.caption)}")  # fmt: skip
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
        refused(problem.where, problem.reason)
    print(f"{stored} codes stored, {len(problems)} lines refused", file=sys.stderr)
    return outcome(bool(stored), bool(problems))


def cmd_shortcuts_list(args, library: Library) -> int:
    from workstation.shortcuts.codes import ShortcutRepo

    table = ShortcutRepo(library).table()
    if args.json:
        print_json([{"code": code, "text": text} for code, text in table.items()])
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
    progress = print_progress if sys.stderr.isatty() and not args.dry_run else None
    report = publish(library, args.to, access, delete=args.delete, dry_run=args.dry_run, progress=progress)
    if args.json:
        print_json(report.as_json())
    elif args.dry_run:
        for rel in report.uploaded:
            print(f"+ {rel}")
        for rel in report.deleted:
            print(f"- {rel}")
    for problem in report.failed:
        refused(problem.where, problem.reason)
    print(report.summary(), file=sys.stderr)
    return outcome(bool(report.uploaded or report.deleted), bool(report.failed))


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
    progress = tty_progress("Checking") if len(docids) > 100 else None
    results = []
    for docid, findings in lint(library, docids, checker):  # an unknown DOCID stops it here: exit 2
        results.append((docid, findings))
        if progress is not None and (len(results) % 50 == 0 or len(results) == len(docids)):
            progress(len(results), len(docids), "")
    found = [(docid, f) for docid, findings in results for f in findings]
    if args.json:
        print_json([f.as_json(docid) for docid, f in found])
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
            refused(word, str(exc))
    added = NewsroomDictionary(library).add(good) if good else []
    print(f"{len(added)} added, {len(good) - len(added)} already there, {len(args.words) - len(good)} refused",
          file=sys.stderr)  # fmt: skip
    return outcome(bool(good), len(good) < len(args.words))


def cmd_dictionary_remove(args, library: Library) -> int:
    from workstation.body.letters import strip_marks
    from workstation.checks.library import NewsroomDictionary

    removed = NewsroomDictionary(library).remove(args.words)
    missing = [w for w in args.words if strip_marks(w.strip()) not in removed]
    for word in missing:
        refused(word, "not in the newsroom dictionary")
    print(f"{len(removed)} removed", file=sys.stderr)
    return outcome(bool(removed), bool(missing))


def cmd_dictionary_list(args, library: Library) -> int:
    from workstation.checks.library import NewsroomDictionary

    words = NewsroomDictionary(library).words()
    if args.json:
        print_json(words)
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
        print_json([{"rule": r.id, "enabled": r.id not in off, "en": r.en, "ar": r.ar} for r in RULES.values()])
    else:
        for rule in RULES.values():
            print(f"{rule.id}\t{'off' if rule.id in off else 'on'}\t{rule.en}")
    return EXIT_OK


def cmd_copy(args, library: Library) -> int:
    from workstation.library.copy import copy_into
    from workstation.search.index import reindex

    progress = print_progress if sys.stderr.isatty() else None
    where, report = copy_into(library, args.dest, reindex, args.photos, AppPaths.from_environment().data, progress)
    print(f"copied to {where}: {report.summary()}", file=sys.stderr)
    return EXIT_OK


def cmd_watch(args, library: Library) -> int:
    from workstation.library.backends.changelog import event_line, follow

    print(f"watching {library.display_url} (Ctrl+C to stop)", file=sys.stderr, flush=True)
    follow(library, lambda e: print(json.dumps(e, ensure_ascii=False) if args.json else event_line(e), flush=True))
    return EXIT_OK
