"""Undoable changes to the library: plain command objects that apply and revert through the repositories.

The GUI wraps each one in a QUndoCommand (ui/undo.py); the commands know nothing of Qt, so
the CLI and the tests can use them as they are. A command is applied once, then reverted and
applied again any number of times, always in stack order: a revert finds the library as its
apply left it. Whatever a command must know to revert is recorded when it is applied.
Nothing is ever deleted for good: undoing a new article moves it to the trash.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from workstation.articles.listing import Listing
from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo
from workstation.errors import no_such_section
from workstation.library.store import Library


class Command:
    """One undoable change. `touched` names the articles whose section, trash state or version it changes."""

    touched: frozenset[int] = frozenset()

    def apply(self) -> None:
        """Makes the change (raises ValueError or NotFoundError, changing nothing, if it cannot)."""
        raise NotImplementedError

    def revert(self) -> None:
        """Undoes what the last apply did."""
        raise NotImplementedError


def _sibling_index(sections: SectionRepo, slug: str) -> tuple[str | None, int]:
    """The section's parent and its index among its siblings (the position `SectionRepo.move` takes)."""
    tree = sections.tree()
    for record in tree:
        if record.slug == slug:
            siblings = [s.slug for s in tree if s.parent == record.parent]
            return record.parent, siblings.index(slug)
    raise no_such_section(slug)


# -- sections ------------------------------------------------------------------------------------
class AddSectionCommand(Command):
    """Adds a section (undo deletes it again; it is empty by then, as later commands were undone first)."""

    def __init__(self, library: Library, slug: str, name: str, parent: str | None = None, position: int | None = None):
        self.sections = SectionRepo(library)
        self.slug, self.name, self.parent, self.position = slug, name, parent, position

    def apply(self) -> None:
        self.sections.add(self.slug, self.name, self.parent, self.position)

    def revert(self) -> None:
        self.sections.delete(self.slug)


class RenameSectionCommand(Command):
    """Gives a section a new display name."""

    def __init__(self, library: Library, slug: str, name: str):
        self.sections = SectionRepo(library)
        self.slug, self.name = slug, name
        self.old_name: str | None = None

    def apply(self) -> None:
        old_name = self.sections.get(self.slug).name
        self.sections.rename(self.slug, self.name)
        self.old_name = old_name

    def revert(self) -> None:
        self.sections.rename(self.slug, self.old_name)


class MoveSectionCommand(Command):
    """Re-parents and/or reorders a section; `position` is its index among its new siblings."""

    def __init__(self, library: Library, slug: str, parent: str | None, position: int):
        self.sections = SectionRepo(library)
        self.slug, self.parent, self.position = slug, parent, position
        self.origin: tuple[str | None, int] | None = None

    def apply(self) -> None:
        origin = _sibling_index(self.sections, self.slug)
        self.sections.move(self.slug, self.parent, self.position)
        self.origin = origin

    def revert(self) -> None:
        self.sections.move(self.slug, *self.origin)


class DeleteSectionCommand(Command):
    """Deletes a section without sub-sections, filing its articles (trash included) in another one first."""

    def __init__(self, library: Library, slug: str, move_articles_to: str | None = None):
        self.sections, self.articles, self.listing = SectionRepo(library), ArticleRepo(library), Listing(library)
        self.slug, self.move_articles_to = slug, move_articles_to
        self.record = None
        self.index = 0

    def apply(self) -> None:
        record = self.sections.get(self.slug)
        _, index = _sibling_index(self.sections, self.slug)
        docids = self.listing.docids_in(self.slug)
        self.sections.delete(self.slug, self.move_articles_to)
        self.record, self.index, self.touched = record, index, frozenset(docids)

    def revert(self) -> None:
        self.sections.add(self.slug, self.record.name, self.record.parent, self.index)
        if self.touched:
            self.articles.move(sorted(self.touched), self.slug)


# -- articles ------------------------------------------------------------------------------------
class MoveArticlesCommand(Command):
    """Files articles in another section (undo puts each back where it was)."""

    def __init__(self, library: Library, docids: list[int], section: str):
        self.articles, self.listing, self.sections = ArticleRepo(library), Listing(library), SectionRepo(library)
        self.docids, self.section = list(docids), section
        self.origins: dict[int, str] = {}

    def would_change(self) -> bool:
        """Whether any of the articles is filed elsewhere than the target section."""
        return any(slug != self.section for slug in self.listing.sections_of(self.docids).values())

    def apply(self) -> None:
        self.sections.get(self.section)  # a missing target is refused before anything moves
        origins = {d: s for d, s in self.listing.sections_of(self.docids).items() if s != self.section}
        if origins:
            self.articles.move(sorted(origins), self.section)
        self.origins, self.touched = origins, frozenset(origins)

    def revert(self) -> None:
        by_section: dict[str, list[int]] = defaultdict(list)
        for docid, slug in self.origins.items():
            by_section[slug].append(docid)
        for slug, docids in by_section.items():
            self.articles.move(sorted(docids), slug)


class TrashArticlesCommand(Command):
    """Moves articles to the trash (those already there are left alone)."""

    def __init__(self, library: Library, docids: list[int]):
        self.articles, self.listing = ArticleRepo(library), Listing(library)
        self.docids = list(docids)

    def apply(self) -> None:
        live = [s.docid for s in self.listing.summaries(self.docids) if s.trashed_at is None]
        self.articles.trash(live)
        self.touched = frozenset(live)

    def revert(self) -> None:
        self.articles.restore(sorted(self.touched))


class RestoreArticlesCommand(Command):
    """Takes articles back out of the trash."""

    def __init__(self, library: Library, docids: list[int]):
        self.articles, self.listing = ArticleRepo(library), Listing(library)
        self.docids = list(docids)

    def apply(self) -> None:
        trashed = [s.docid for s in self.listing.summaries(self.docids) if s.trashed_at is not None]
        self.articles.restore(trashed)
        self.touched = frozenset(trashed)

    def revert(self) -> None:
        self.articles.trash(sorted(self.touched))


class _CreateArticleCommand(Command):
    """Creates an article once; undo moves it to the trash and redo brings that same article back."""

    def __init__(self, library: Library):
        self.articles = ArticleRepo(library)
        self.docid: int | None = None

    def apply(self) -> None:
        if self.docid is None:
            self.docid = self._create()
        else:
            self.articles.restore([self.docid])
        self.touched = frozenset({self.docid})

    def revert(self) -> None:
        self.articles.trash([self.docid])

    def _create(self) -> int:
        raise NotImplementedError


class NewArticleCommand(_CreateArticleCommand):
    """Creates a draft in a section."""

    def __init__(self, library: Library, section: str, **values: Any):
        super().__init__(library)
        self.section, self.values = section, values

    def _create(self) -> int:
        return self.articles.create(self.section, **self.values).docid


class DuplicateArticleCommand(_CreateArticleCommand):
    """Makes a draft copy of an article."""

    def __init__(self, library: Library, docid: int):
        super().__init__(library)
        self.source = docid

    def _create(self) -> int:
        return self.articles.duplicate(self.source).docid


class BatchCommand(Command):
    """Several commands as one step; if one fails, those before it are reverted and the error passes on."""

    def __init__(self, commands: list[Command]):
        self.commands = list(commands)

    def apply(self) -> None:
        done: list[Command] = []
        try:
            for command in self.commands:
                command.apply()
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.revert()
            raise
        self.touched = frozenset().union(*(c.touched for c in self.commands))

    def revert(self) -> None:
        for command in reversed(self.commands):
            command.revert()
