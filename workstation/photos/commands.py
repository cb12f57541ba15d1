"""Undoable gallery changes as plain command objects: `apply()` and `revert()` against the store.

They share the shape of workstation.articles.commands (the GUI's CommandRunner wraps them in
QUndoCommands); tests and scripts can use them as they are. Gallery changes leave the
article's version alone, so `touched` stays empty. A command reads what it needs to
revert when it is first applied, so it reverts to what really was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from workstation.articles.commands import Command
from workstation.photos.batch import batch_changes
from workstation.photos.gallery import GalleryItemRecord, GalleryRepo


class EditItemsCommand(Command):
    """Sets fields of one or more items (a caption typed, a batch credit, a caption template)."""

    def __init__(self, repo: GalleryRepo, docid: int, changes: Mapping[int, Mapping[str, str]], text: str):
        self.repo, self.docid, self.text = repo, docid, text
        self.changes = {item_id: dict(values) for item_id, values in changes.items()}
        self._before: dict[int, dict[str, str]] | None = None

    def apply(self) -> None:
        """Saves the new values."""
        if self._before is None:
            records = {r.id: r for r in self.repo.get(self.changes)}
            self._before = {i: {k: getattr(records[i], k) for k in values} for i, values in self.changes.items()}
        self.repo.update(self.changes)

    def revert(self) -> None:
        """Puts the old values back."""
        if self._before is not None:
            self.repo.update(self._before)


class ReorderCommand(Command):
    """Puts the gallery in a new story order."""

    def __init__(self, repo: GalleryRepo, docid: int, new_order: list[int], text: str = "Reorder photos"):
        self.repo, self.docid, self.text = repo, docid, text
        self.new_order = list(new_order)
        self._before: list[int] | None = None

    def apply(self) -> None:
        """Saves the new order."""
        if self._before is None:
            self._before = [r.id for r in self.repo.items(self.docid)]
        self.repo.reorder(self.docid, self.new_order)

    def revert(self) -> None:
        """Puts the old order back."""
        if self._before is not None:
            self.repo.reorder(self.docid, self._before)


class RemoveItemsCommand(Command):
    """Takes items out of the gallery; revert puts them back where they were, captions and all."""

    def __init__(self, repo: GalleryRepo, docid: int, item_ids: Iterable[int], text: str = "Remove photos"):
        self.repo, self.docid, self.text = repo, docid, text
        self.item_ids = list(item_ids)
        self._removed: list[GalleryItemRecord] = []

    def apply(self) -> None:
        """Removes the items."""
        self._removed = self.repo.remove(self.item_ids)

    def revert(self) -> None:
        """Restores them."""
        self.repo.restore(self._removed)


class AddItemsCommand(Command):
    """Items that an ingest added: apply (re)adds them, revert removes them (the photos stay)."""

    def __init__(self, repo: GalleryRepo, docid: int, records: Iterable[GalleryItemRecord], text: str = "Add photos"):
        self.repo, self.docid, self.text = repo, docid, text
        self.records = list(records)

    def apply(self) -> None:
        """Adds the items (nothing to do on the first apply: the ingest already did)."""
        self.repo.restore(self.records)

    def revert(self) -> None:
        """Removes the items again."""
        self.repo.remove([r.id for r in self.records])


class CopyItemsCommand(Command):
    """Photos of one story copied to the end of another's gallery (a drag between articles)."""

    def __init__(self, repo: GalleryRepo, docid: int, item_ids: Iterable[int], text: str = "Copy photos"):
        self.repo, self.docid, self.text = repo, docid, text
        self.item_ids = list(item_ids)
        self._copies: list[GalleryItemRecord] = []

    def apply(self) -> None:
        """Makes the copies (the same ones again after an undo)."""
        if self._copies:
            self.repo.restore(self._copies)
        else:
            self._copies = self.repo.copy_items(self.item_ids, self.docid)

    def revert(self) -> None:
        """Removes the copies."""
        self.repo.remove([r.id for r in self._copies])


def set_credit(repo: GalleryRepo, docid: int, item_ids: Iterable[int], credit: str) -> EditItemsCommand:
    """A command giving these items one credit."""
    return EditItemsCommand(repo, docid, {i: {"credit": credit} for i in item_ids}, "Set credit")


def caption_template(repo: GalleryRepo, docid: int, item_ids: Iterable[int], template: str) -> EditItemsCommand:
    """A command captioning these items from a template (ValueError for an unknown variable)."""
    return EditItemsCommand(repo, docid, batch_changes(repo, item_ids, {"caption": template}), "Caption template")
