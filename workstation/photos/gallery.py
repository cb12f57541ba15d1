"""An article's gallery: its photos in story order, with captions, alt text, credits and slugs.

Positions run 1..N without gaps: page k of an exported story shows item k. Every change
rewrites the article's search row, since captions are searchable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import delete, func, select

from workstation.body.dateline import house_date
from workstation.body.plaintext import clean_text
from workstation.errors import NotFoundError, no_such_article
from workstation.library.models import Article, GalleryItem, Photo
from workstation.library.store import Library
from workstation.search.index import reindex

EDITABLE = ("caption", "alt", "credit", "slug")
FRAMING = ("rotate", "focus_x", "focus_y")  # how the export turns and crops the photo
ROTATIONS = (0, 90, 180, 270)
SOURCE_FIELDS = ("caption", "headline", "creator", "credit", "city", "country", "keywords")


@dataclass(frozen=True)
class GalleryItemRecord:
    """A plain, detached copy of one gallery item with its photo's facts."""

    id: int
    docid: int
    position: int
    sha256: str
    filename: str
    ext: str
    width: int
    height: int
    caption: str
    alt: str
    credit: str
    slug: str
    taken_at: datetime | None
    source: Mapping[str, Any]  # the metadata the file carried (photos.meta)
    rotate: int = 0  # degrees clockwise on top of the upright photo
    focus_x: float | None = None  # the focal point, fractions 0-1 of the turned photo (None: the centre)
    focus_y: float | None = None

    def as_json(self) -> dict[str, Any]:
        """The item as `photos list --json` gives it (docs/cli.md)."""
        source = {name: self.source.get(name, [] if name == "keywords" else "") for name in SOURCE_FIELDS}
        source["keywords"] = list(source["keywords"])
        return {
            "position": self.position, "sha256": self.sha256, "filename": self.filename,
            "width": self.width, "height": self.height, "caption": self.caption, "alt": self.alt,
            "credit": self.credit, "slug": self.slug, "source": source,
        }  # fmt: skip

    def fields(self) -> dict[str, str]:
        """The editable fields and their values."""
        return {name: getattr(self, name) for name in EDITABLE}

    def framing(self) -> dict[str, Any]:
        """The rotation and focal point."""
        return {name: getattr(self, name) for name in FRAMING}


def arabic_date(when: datetime | None) -> str:
    """A date in the house style of the reference page: `13 أبريل 2017`."""
    return house_date(when) if when else ""


def drop_position(paragraph: int, paragraphs: int, count: int) -> int:
    """The story position (from 1) of a photo dropped on block `paragraph` (from 0) of a body of
    `paragraphs` blocks, in a gallery of `count` other photos. Page k of a story shows photo k, so
    the photo's place among the photos follows its place in the text: the first block gives the
    lead photo, the last one (nearly) the end of the gallery."""
    paragraphs = max(1, paragraphs)
    paragraph = min(max(0, paragraph), paragraphs - 1)
    return math.floor(paragraph * count / paragraphs + 0.5) + 1


class GalleryRepo:
    """Every change to a gallery goes through here, so positions and the search index follow."""

    def __init__(self, library: Library):
        self.library = library

    # -- reading -----------------------------------------------------------------------------
    def items(self, docid: int) -> list[GalleryItemRecord]:
        """The article's gallery in story order."""
        with self.library.sessions() as session:
            if session.get(Article, docid) is None:
                raise no_such_article(docid)
            rows = session.execute(
                select(GalleryItem, Photo).join(Photo, GalleryItem.photo_sha256 == Photo.sha256)
                .where(GalleryItem.article_id == docid).order_by(GalleryItem.position, GalleryItem.id)
            ).all()  # fmt: skip
            return [_record(item, photo) for item, photo in rows]

    def get(self, item_ids: Iterable[int]) -> list[GalleryItemRecord]:
        """These items, in story order; refuses ids that do not exist."""
        ids = list(item_ids)
        with self.library.sessions() as session:
            rows = session.execute(
                select(GalleryItem, Photo).join(Photo, GalleryItem.photo_sha256 == Photo.sha256)
                .where(GalleryItem.id.in_(ids)).order_by(GalleryItem.article_id, GalleryItem.position)
            ).all()  # fmt: skip
        found = [_record(item, photo) for item, photo in rows]
        missing = set(ids) - {r.id for r in found}
        if missing:
            raise NotFoundError(f"There is no gallery item {min(missing)}.")
        return found

    # -- writing -----------------------------------------------------------------------------
    def update(self, changes: Mapping[int, Mapping[str, Any]]) -> None:
        """Sets fields of items: `{item_id: {"caption": ..., "credit": ..., "rotate": 90, "focus_x": 0.2}}`."""
        with self.library.sessions.begin() as session:
            docids = set()
            for item_id, values in changes.items():
                unknown = set(values) - set(EDITABLE) - set(FRAMING)
                if unknown:
                    raise ValueError(f"Not a gallery item field: {', '.join(sorted(unknown))}.")
                item = self._item(session, item_id)
                for name, value in values.items():
                    setattr(item, name, _checked(name, value))
                docids.add(item.article_id)
            session.flush()
            reindex(session.connection(), docids)

    def set_credit(self, item_ids: Iterable[int], credit: str) -> None:
        """Gives every one of these items the same credit."""
        self.update({item_id: {"credit": credit} for item_id in item_ids})

    def copy_items(self, item_ids: Iterable[int], docid: int) -> list[GalleryItemRecord]:
        """Copies of these items (photo, caption fields, framing) at the end of another article's
        gallery; the photo files are shared, never copied. Returns the new items."""
        sources = self.get(item_ids)
        with self.library.sessions.begin() as session:
            if session.get(Article, docid) is None:
                raise no_such_article(docid)
            last = session.scalar(select(func.max(GalleryItem.position)).where(GalleryItem.article_id == docid)) or 0
            new = [GalleryItem(article_id=docid, photo_sha256=r.sha256, position=last + n, **r.fields(), **r.framing())
                   for n, r in enumerate(sources, start=1)]  # fmt: skip
            session.add_all(new)
            session.flush()
            reindex(session.connection(), [docid])
            ids = [item.id for item in new]
        return self.get(ids)

    def reorder(self, docid: int, item_ids: list[int]) -> None:
        """Puts the article's items in this order (every item of the gallery, each once)."""
        with self.library.sessions.begin() as session:
            items = {i.id: i for i in session.scalars(select(GalleryItem).where(GalleryItem.article_id == docid))}
            if sorted(item_ids) != sorted(items):
                raise ValueError(f"A new order must name every item of article {docid}'s gallery exactly once.")
            for position, item_id in enumerate(item_ids, start=1):
                items[item_id].position = position

    def move(self, docid: int, item_ids: list[int], before: int | None) -> list[int]:
        """The order after moving these items, in their current order, before another (None: to the end)."""
        order = [r.id for r in self.items(docid)]
        moving = [i for i in order if i in set(item_ids)]
        rest = [i for i in order if i not in set(item_ids)]
        at = rest.index(before) if before in rest else len(rest)
        new_order = rest[:at] + moving + rest[at:]
        self.reorder(docid, new_order)
        return new_order

    def remove(self, item_ids: Iterable[int]) -> list[GalleryItemRecord]:
        """Takes items out of their galleries (the photos stay in the library); returns what was removed."""
        removed = self.get(item_ids)
        with self.library.sessions.begin() as session:
            session.execute(delete(GalleryItem).where(GalleryItem.id.in_([r.id for r in removed])))
            docids = {r.docid for r in removed}
            for docid in docids:
                self._renumber(session, docid)
            reindex(session.connection(), docids)
        return removed

    def restore(self, records: Iterable[GalleryItemRecord]) -> None:
        """Puts removed items back, with their ids, fields and positions (an undo of remove)."""
        records = sorted(records, key=lambda r: (r.docid, r.position))
        with self.library.sessions.begin() as session:
            for docid in {r.docid for r in records}:
                order = list(session.scalars(
                    select(GalleryItem.id).where(GalleryItem.article_id == docid).order_by(GalleryItem.position)
                ))  # fmt: skip
                for r in (r for r in records if r.docid == docid):
                    if session.get(GalleryItem, r.id) is not None:
                        continue
                    session.add(GalleryItem(id=r.id, article_id=docid, photo_sha256=r.sha256, position=0,
                                            **r.fields(), **r.framing()))  # fmt: skip
                    order.insert(min(r.position - 1, len(order)), r.id)
                session.flush()
                for position, item_id in enumerate(order, start=1):
                    session.get(GalleryItem, item_id).position = position
            reindex(session.connection(), {r.docid for r in records})

    # -- internals ---------------------------------------------------------------------------
    def _item(self, session, item_id: int) -> GalleryItem:
        item = session.get(GalleryItem, item_id)
        if item is None:
            raise NotFoundError(f"There is no gallery item {item_id}.")
        return item

    def _renumber(self, session, docid: int) -> None:
        items = session.scalars(
            select(GalleryItem).where(GalleryItem.article_id == docid).order_by(GalleryItem.position, GalleryItem.id)
        )
        for position, item in enumerate(items, start=1):
            item.position = position


def select_positions(spec: str, count: int) -> list[int]:
    """The gallery positions a selector names: `3`, `2-5` or `all`; a ValueError says why it cannot."""
    spec = spec.strip().lower()
    if spec == "all":
        chosen = list(range(1, count + 1))
    else:
        first, dash, last = spec.partition("-")
        try:
            low, high = int(first), int(last if dash else first)
        except ValueError:
            raise ValueError(f"'{spec}' is not a position: give N, N-M or all.") from None
        if low < 1 or high < low:
            raise ValueError(f"'{spec}' is not a range of positions: give N-M with 1 <= N <= M.")
        chosen = list(range(low, high + 1))
    if not chosen or chosen[-1] > count:
        raise ValueError(f"The gallery has {count} photo{'s' if count != 1 else ''}; there is no position {spec}.")
    return chosen


def _checked(name: str, value: Any) -> Any:
    if name in EDITABLE:
        return clean_text(str(value))
    if name == "rotate":
        if value not in ROTATIONS:
            raise ValueError(f"A photo turns by 0, 90, 180 or 270 degrees, not {value}.")
        return int(value)
    if value is not None and not (0.0 <= float(value) <= 1.0):
        raise ValueError(f"A focal point is given in fractions from 0 to 1 of the photo, not {value}.")
    return None if value is None else float(value)


def _record(item: GalleryItem, photo: Photo) -> GalleryItemRecord:
    return GalleryItemRecord(
        id=item.id, docid=item.article_id, position=item.position, sha256=photo.sha256, filename=photo.filename,
        ext=photo.ext, width=photo.width, height=photo.height, caption=item.caption, alt=item.alt,
        credit=item.credit, slug=item.slug, taken_at=photo.taken_at, source=MappingProxyType(dict(photo.meta or {})),
        rotate=item.rotate or 0, focus_x=item.focus_x, focus_y=item.focus_y,
    )  # fmt: skip
