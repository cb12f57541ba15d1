"""The command line's grammar: every command, its arguments and its help."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from workstation import __version__
from workstation.cli import commands as c


def build_parser() -> argparse.ArgumentParser:
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

    command("sections", c.cmd_sections, "the section tree", json_flag=True)
    wire = command("import", c.cmd_import, "import wire stories: ninjs (JSON, JSON Lines), NewsML-G2, NITF")
    wire.add_argument("files", nargs="*", metavar="FILE")
    wire.add_argument(
        "--watch", metavar="DIR", help="import what is and arrives in DIR (to DIR/done/ or DIR/refused/) until Ctrl+C"
    )

    photos = sub.add_parser("photos", parents=[common], help="an article's photos", description="an article's photos")
    photos_sub = photos.add_subparsers(dest="photos_command", metavar="ACTION", required=True)
    add = command("add", c.cmd_photos_add, "ingest files or folders into an article's gallery", target=photos_sub)
    add.add_argument("docid", type=int, metavar="DOCID")
    add.add_argument("paths", nargs="+", metavar="PATH")
    command(
        "list", c.cmd_photos_list, "an article's gallery, in story order", json_flag=True, target=photos_sub
    ).add_argument("docid", type=int, metavar="DOCID")

    change = command("set", c.cmd_photos_set, "caption, credit, turn or set the focal point of photos",
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
    command("import", c.cmd_shortcuts_import, "store codes from a TSV file (code<TAB>text, UTF-8)",
            target=shortcuts_sub).add_argument("file", metavar="FILE.tsv")  # fmt: skip
    command("list", c.cmd_shortcuts_list, "every code and its text", json_flag=True, target=shortcuts_sub)

    search = command("search", c.cmd_search, "search the library (Arabic-normalized)", json_flag=True)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="how many hits (default 20)")
    search.add_argument(
        "--order",
        choices=("relevance", "newest"),
        default="relevance",
        help="best match first (default) or newest first",
    )

    export = command("export", c.cmd_export, "export the publishable HTML bundle")
    export.add_argument("--out", required=True, metavar="DIR|FILE.zip")
    export.add_argument("--section", action="append", metavar="SLUG", help="only this section (repeatable)")
    export.add_argument("--article", action="append", type=int, metavar="DOCID", help="only this article (repeatable)")
    export.add_argument("--base-url", metavar="URL", help="where the site is served, for absolute canonical, "
                        "feed and sitemap addresses (default: the library's setting; '' for none)")  # fmt: skip

    publish = command("publish", c.cmd_publish, "send what changed in the bundle to the web server", json_flag=True)
    publish.add_argument("--to", required=True, metavar="sftp://user@host[:port]/path|FOLDER")
    publish.add_argument(
        "--identity", metavar="KEY", help="the private key to log in with (default: the agent, ~/.ssh)"
    )
    publish.add_argument("--known-hosts", metavar="FILE", help="the known_hosts file (default: ~/.ssh/known_hosts)")
    publish.add_argument("--dry-run", action="store_true", help="say what would be sent and deleted; touch nothing")
    publish.add_argument("--delete", action="store_true", help="remove the files that left the bundle, last")

    lint = command("lint", c.cmd_lint, "spelling and house style of stories (exit 1 when something is found)",
                   json_flag=True)  # fmt: skip
    lint.add_argument("docids", nargs="*", type=int, metavar="DOCID", help="these stories (default: all)")
    lint.add_argument("--section", action="append", metavar="SLUG", help="the stories of this section (repeatable)")
    words = sub.add_parser("dictionary", parents=[common], help="the newsroom dictionary",
                           description="the newsroom dictionary: words the spelling check accepts")  # fmt: skip
    words_sub = words.add_subparsers(dest="dictionary_command", metavar="ACTION", required=True)
    command("add", c.cmd_dictionary_add, "add words", target=words_sub).add_argument("words", nargs="+", metavar="WORD")
    command("remove", c.cmd_dictionary_remove, "remove words", target=words_sub).add_argument(
        "words", nargs="+", metavar="WORD"
    )
    command("list", c.cmd_dictionary_list, "every word", json_flag=True, target=words_sub)
    rules = command("rules", c.cmd_rules, "the writing-check rules, and switching them on or off", json_flag=True)
    rules.add_argument("switch", nargs="?", choices=("on", "off"), help="switch the named rules on or off")
    rules.add_argument("rules", nargs="*", metavar="RULE")

    command("check", c.cmd_check, "integrity of the database and every photo file")
    command("backup", c.cmd_backup, "consistent copy of a live library").add_argument("file", metavar="FILE")
    copy = command("copy", c.cmd_copy, "copy the whole library into an empty one (a file or a server)")
    copy.add_argument("dest", metavar="DEST_URL|PATH")
    copy.add_argument("--photos", metavar="DIR", help="the photo folder of a server destination (kept as its setting)")
    command("watch", c.cmd_watch, "print each change anyone makes to the library, until Ctrl+C", json_flag=True)
    return parser
