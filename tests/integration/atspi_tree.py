"""Prints the accessibility tree of one running application as JSON (run by the system Python).

Debian's pyatspi exists only for /usr/bin/python3, so the tests run this script in a
subprocess: `python3 atspi_tree.py APP_NAME` prints a list of nodes, each with its role,
name, text (for text fields), states and extents on the screen, in tree order. Nodes
that are not showing are left out, with their children.
"""

import json
import sys

import pyatspi

MAX_CHILDREN = 120


def _text(node) -> str:
    try:
        text = node.queryText()
    except NotImplementedError:
        return ""
    return text.getText(0, min(text.characterCount, 400))


def _walk(node, depth: int, path: str, out: list) -> None:
    try:
        states = node.getState()
        if depth > 1 and not states.contains(pyatspi.STATE_SHOWING):
            return
        role = node.getRoleName()
        try:
            ext = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            extents = [ext.x, ext.y, ext.width, ext.height]
        except NotImplementedError:
            extents = [0, 0, 0, 0]
        entry = {
            "role": role,
            "name": node.name or "",
            "description": node.description or "",
            "path": path,
            "depth": depth,
            "extents": extents,
            "focused": states.contains(pyatspi.STATE_FOCUSED),
            "selected": states.contains(pyatspi.STATE_SELECTED),
            "checked": states.contains(pyatspi.STATE_CHECKED),
        }
        if role in ("text", "password text", "entry", "spin button"):
            entry["text"] = _text(node)
        out.append(entry)
        for i in range(min(node.childCount, MAX_CHILDREN)):
            _walk(node.getChildAtIndex(i), depth + 1, f"{path}/{i}", out)
    except Exception as exc:  # a widget that went away while it was read
        out.append({"role": "error", "name": str(exc), "path": path, "depth": depth, "extents": [0, 0, 0, 0]})


def main() -> int:
    wanted = sys.argv[1]
    desktop = pyatspi.Registry.getDesktop(0)
    out: list = []
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == wanted:
            _walk(app, 0, str(i), out)
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0 if out else 1


if __name__ == "__main__":
    sys.exit(main())
