"""Captioning many photos at once: shared and mixed values, replace / prepend / append, and
variables filled per photo."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any

from workstation.photos.gallery import EDITABLE, GalleryItemRecord, GalleryRepo, arabic_date
from workstation.shortcuts.codes import expand

MODES = ("replace", "prepend", "append")
VARIABLES = ("n", "count", "city", "date", "credit", "source_caption", "caption", "total")
# {caption} is the item's own caption and {total} the same as {count} (the names of earlier versions).
MIXED = None  # what `shared_values` gives for a field whose values differ


def shared_values(records: Iterable[GalleryItemRecord]) -> dict[str, str | None]:
    """Each editable field's value when all these items share it, else MIXED (None)."""
    records = list(records)
    out: dict[str, str | None] = {}
    for name in EDITABLE:
        values = {getattr(r, name) for r in records}
        out[name] = values.pop() if len(values) == 1 else MIXED
    return out


def check_template(text: str) -> None:
    """Refuses a text with an unknown or malformed {variable}, naming it."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"'{text}' is not well formed ({exc}); write a brace as {{{{ or }}}}.") from None
    known = ", ".join("{" + v + "}" for v in VARIABLES)
    for _literal, name, spec, conversion in parsed:
        if name is not None and (name not in VARIABLES or spec or conversion):
            raise ValueError(f"'{text}' uses {{{name}}}, which is not one of {known}.")


def batch_changes(
    repo: GalleryRepo,
    item_ids: Iterable[int],
    values: Mapping[str, str],
    mode: str = "replace",
    codes: Mapping[str, str] | None = None,
) -> dict[int, dict[str, str]]:
    """The new fields of each item: every field given a non-empty text in `values` gets that text,
    its codes expanded and its variables filled for the photo, in place of (or before, or after)
    the item's own value. A field left empty keeps each photo's own value. Nothing is saved."""
    if mode not in MODES:
        raise ValueError(f"'{mode}' is not a way to apply the text: use {', '.join(MODES)}.")
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not a gallery item field: {', '.join(sorted(unknown))}.")
    given = {name: expand(text, codes or {}) for name, text in values.items() if text.strip()}
    for text in given.values():
        check_template(text)
    records = repo.get(item_ids)
    counts = {docid: len(repo.items(docid)) for docid in {r.docid for r in records}}
    changes: dict[int, dict[str, str]] = {}
    for record in records:
        filled = {
            name: text.format_map(_variables(record, counts[record.docid])).strip() for name, text in given.items()
        }
        changes[record.id] = {name: _combine(getattr(record, name), text, mode) for name, text in filled.items()}
    return changes


def _variables(record: GalleryItemRecord, count: int) -> dict[str, Any]:
    return {
        "n": record.position, "count": count, "city": record.source.get("city", ""),
        "date": arabic_date(record.taken_at), "credit": record.credit,
        "source_caption": record.source.get("caption", ""), "caption": record.caption, "total": count,
    }  # fmt: skip


def _combine(own: str, text: str, mode: str) -> str:
    if mode == "replace" or not own:
        return text
    return f"{text} {own}" if mode == "prepend" else f"{own} {text}"
