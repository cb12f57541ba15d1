"""The section tree: listing with article counts, adding, renaming, moving, deleting."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select, update

from workstation.clock import utcnow
from workstation.errors import no_such_section
from workstation.library.models import Article, Section
from workstation.library.store import Library

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def lookup_section(session, slug: str) -> int:
    """The id of the section with this slug; NotFoundError names the slug when there is none."""
    found = session.scalar(select(Section.id).where(Section.slug == slug))
    if found is None:
        raise no_such_section(slug)
    return found


@dataclass(frozen=True)
class SectionRecord:
    """A section with its parent's slug and the number of live articles filed in it."""

    slug: str
    name: str
    parent: str | None
    position: int
    articles: int
    depth: int


class SectionRepo:
    """Reads and changes the section tree."""

    def __init__(self, library: Library):
        self.library = library

    def tree(self) -> list[SectionRecord]:
        """Every section in tree order (depth first, siblings by position)."""
        with self.library.sessions() as session:
            rows = session.execute(
                select(Section.id, Section.slug, Section.name, Section.parent_id, Section.position)
            ).all()
            counts = dict(
                session.execute(
                    select(Article.section_id, func.count())
                    .where(Article.trashed_at.is_(None))
                    .group_by(Article.section_id)
                ).all()
            )
        slugs = {r.id: r.slug for r in rows}
        children: dict[int | None, list] = {}
        for r in rows:
            children.setdefault(r.parent_id, []).append(r)
        out: list[SectionRecord] = []

        def walk(parent: int | None, depth: int) -> None:
            for r in sorted(children.get(parent, []), key=lambda r: (r.position, r.id)):
                out.append(
                    SectionRecord(r.slug, r.name, slugs.get(r.parent_id), r.position, counts.get(r.id, 0), depth)
                )
                walk(r.id, depth + 1)

        walk(None, 0)
        return out

    def get(self, slug: str) -> SectionRecord:
        """The section with this slug."""
        for record in self.tree():
            if record.slug == slug:
                return record
        raise no_such_section(slug)

    def add(self, slug: str, name: str, parent: str | None = None, position: int | None = None) -> SectionRecord:
        """A new section under `parent` (at the end unless a position is given)."""
        if not _SLUG.match(slug):
            raise ValueError(f"'{slug}' is not a usable slug: use lower-case Latin letters, digits and hyphens.")
        if not name.strip():
            raise ValueError("A section needs a name.")
        with self.library.sessions.begin() as session:
            if session.scalar(select(Section.id).where(Section.slug == slug)) is not None:
                raise ValueError(f"The slug '{slug}' is already used by another section.")
            parent_id = lookup_section(session, parent) if parent else None
            siblings = self._siblings(session, parent_id)
            position = len(siblings) if position is None else max(0, min(position, len(siblings)))
            row = Section(slug=slug, name=name.strip(), parent_id=parent_id, position=0)
            session.add(row)
            session.flush()
            siblings.insert(position, row.id)
            self._renumber(session, siblings)
        return self.get(slug)

    def rename(self, slug: str, name: str) -> None:
        """Gives the section a new display name (the slug, used in URLs, stays)."""
        if not name.strip():
            raise ValueError("A section needs a name.")
        with self.library.sessions.begin() as session:
            session.execute(
                update(Section).where(Section.id == lookup_section(session, slug)).values(name=name.strip())
            )

    def move(self, slug: str, parent: str | None, position: int) -> None:
        """Re-parents and/or reorders a section; refuses a move into its own subtree."""
        with self.library.sessions.begin() as session:
            section_id = lookup_section(session, slug)
            parent_id = lookup_section(session, parent) if parent else None
            ancestor = parent_id
            while ancestor is not None:
                if ancestor == section_id:
                    raise ValueError(f"Section '{slug}' cannot be moved inside itself.")
                ancestor = session.scalar(select(Section.parent_id).where(Section.id == ancestor))
            row = session.get(Section, section_id)
            old_parent = row.parent_id
            row.parent_id = parent_id
            session.flush()
            if old_parent != parent_id:
                self._renumber(session, [i for i in self._siblings(session, old_parent) if i != section_id])
            siblings = [i for i in self._siblings(session, parent_id) if i != section_id]
            siblings.insert(max(0, min(position, len(siblings))), section_id)
            self._renumber(session, siblings)

    def delete(self, slug: str, move_articles_to: str | None = None) -> None:
        """Deletes a section without children; its articles (trash included) go to another section first."""
        with self.library.sessions.begin() as session:
            section_id = lookup_section(session, slug)
            if session.scalar(select(func.count()).where(Section.parent_id == section_id)):
                raise ValueError(f"Section '{slug}' has sub-sections: move or delete them first.")
            count = session.scalar(select(func.count()).where(Article.section_id == section_id))
            if count:
                if not move_articles_to or move_articles_to == slug:
                    raise ValueError(f"Section '{slug}' holds {count} articles: say which section they go to.")
                target = lookup_section(session, move_articles_to)
                session.execute(
                    update(Article)
                    .where(Article.section_id == section_id)
                    .values(section_id=target, version=Article.version + 1, updated_at=utcnow())
                )
            parent_id = session.get(Section, section_id).parent_id
            session.delete(session.get(Section, section_id))
            session.flush()
            self._renumber(session, self._siblings(session, parent_id))

    def _siblings(self, session, parent_id: int | None) -> list[int]:
        where = Section.parent_id.is_(None) if parent_id is None else Section.parent_id == parent_id
        return list(session.scalars(select(Section.id).where(where).order_by(Section.position, Section.id)))

    def _renumber(self, session, ordered_ids: list[int]) -> None:
        for position, section_id in enumerate(ordered_ids):
            session.execute(update(Section).where(Section.id == section_id).values(position=position))
