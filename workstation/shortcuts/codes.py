"""Code replacements: a newsroom list of `code → text` kept in the library, expanded in any text.

A code is written between equals signs, `=pt=`, and may be in any script (`=رص=` works as
`=pt=` does): it is 1–64 characters with no space, tab or `=`. Expansion looks only at the
equals signs, never at word boundaries, so it works in Arabic text glued to its neighbours.
An unknown code is left as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from sqlalchemy import delete, select

from workstation.errors import Problem
from workstation.library.models import Shortcut
from workstation.library.store import Library

MAX_CODE = 64
_CODE = re.compile(rf"[^\s=]{{1,{MAX_CODE}}}")
_WRITTEN = re.compile(rf"=([^\s=]{{1,{MAX_CODE}}})=")


def check_code(code: str) -> str:
    """The code, stripped; a ValueError says why when it cannot be one."""
    code = code.strip()
    if not _CODE.fullmatch(code):
        raise ValueError(f"'{code}' cannot be a code: use 1 to {MAX_CODE} characters without spaces or '='.")
    return code


def expand(text: str, table: Mapping[str, str]) -> str:
    """The text with every known `=code=` replaced by its expansion; unknown codes stay."""
    return _WRITTEN.sub(lambda m: table.get(m.group(1), m.group(0)), text)


def expansion_before(text: str, cursor: int, table: Mapping[str, str]) -> tuple[int, str] | None:
    """When the text just before `cursor` closes a known `=code=` (the `=` was just typed): where
    the code starts and what replaces it; None otherwise."""
    if cursor < 3 or text[cursor - 1] != "=":
        return None
    opening = text.rfind("=", max(0, cursor - MAX_CODE - 2), cursor - 1)
    if opening < 0:
        return None
    code = text[opening + 1 : cursor - 1]
    if code in table and _CODE.fullmatch(code):
        return opening, table[code]
    return None


def unknown_codes(text: str, table: Mapping[str, str]) -> list[tuple[int, int]]:
    """(start, end) of each written `=code=` the list does not know, to be underlined."""
    return [(m.start(), m.end()) for m in _WRITTEN.finditer(text) if m.group(1) not in table]


class ShortcutRepo:
    """The library's code replacements (shared by everyone who works on the library)."""

    def __init__(self, library: Library):
        self.library = library

    def table(self) -> dict[str, str]:
        """Every code and its text, sorted by code."""
        with self.library.sessions() as session:
            return {s.code: s.text for s in session.scalars(select(Shortcut).order_by(Shortcut.code))}

    def set(self, entries: Mapping[str, str]) -> None:
        """Adds or replaces codes: `{code: text}`; refuses an unusable code or an empty text, changing nothing."""
        clean = {check_code(code): _check_text(code, text) for code, text in entries.items()}
        with self.library.sessions.begin() as session:
            for code, text in clean.items():
                session.merge(Shortcut(code=code, text=text))

    def remove(self, codes: Iterable[str]) -> None:
        """Removes these codes (those that do not exist are ignored)."""
        with self.library.sessions.begin() as session:
            session.execute(delete(Shortcut).where(Shortcut.code.in_([c.strip() for c in codes])))

    def import_tsv(self, path: Path) -> tuple[int, list[Problem]]:
        """Reads `code<TAB>text` lines (UTF-8): how many codes were stored, and each refused line."""
        try:
            data = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return 0, [Problem(str(path), f"not UTF-8 text (byte {exc.start})")]
        entries: dict[str, str] = {}
        problems: list[Problem] = []
        for number, line in enumerate(data.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{path}:{number}"
            code, tab, text = line.partition("\t")
            try:
                if not tab:
                    raise ValueError("no tab between the code and its text")
                entries[check_code(code)] = _check_text(code, text)
            except ValueError as exc:
                problems.append(Problem(where, str(exc)))
        self.set(entries)
        return len(entries), problems

    def export_tsv(self, path: Path) -> int:
        """Writes every code as `code<TAB>text` lines (UTF-8); how many were written."""
        table = self.table()
        path.write_text("".join(f"{code}\t{text}\n" for code, text in table.items()), encoding="utf-8")
        return len(table)


def _check_text(code: str, text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError(f"the code '{code.strip()}' has no text")
    if "\t" in text:
        raise ValueError(f"the text of '{code.strip()}' holds a tab")
    return text
