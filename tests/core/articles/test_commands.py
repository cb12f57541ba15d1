"""Undoable commands: each one applied, reverted and applied again leaves the library as it should."""

import pytest

from workstation.articles.commands import (
    AddSectionCommand,
    BatchCommand,
    DeleteSectionCommand,
    DuplicateArticleCommand,
    MoveArticlesCommand,
    MoveSectionCommand,
    NewArticleCommand,
    RenameSectionCommand,
    RestoreArticlesCommand,
    TrashArticlesCommand,
)  # fmt: skip
from workstation.articles.listing import Listing
from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo
from workstation.errors import NotFoundError


def _shape(library):
    return [(s.slug, s.name, s.parent, s.position) for s in SectionRepo(library).tree()]


def _cycle(library, command, applied_ok):
    """Applies, reverts and re-applies, checking the library after each step."""
    before = _shape(library)
    command.apply()
    assert applied_ok()
    applied = _shape(library)
    command.revert()
    assert _shape(library) == before
    assert not applied_ok()
    command.apply()
    assert _shape(library) == applied
    assert applied_ok()


def test_add_rename_and_move_sections(library):
    sections = SectionRepo(library)
    _cycle(
        library,
        AddSectionCommand(library, "gulf", "الخليج", parent="middle-east"),
        lambda: any(s.slug == "gulf" and s.parent == "middle-east" for s in sections.tree()),
    )
    _cycle(
        library, RenameSectionCommand(library, "gulf", "دول الخليج"), lambda: sections.get("gulf").name == "دول الخليج"
    )
    _cycle(
        library,
        MoveSectionCommand(library, "gulf", None, 0),
        lambda: (sections.get("gulf").parent, sections.tree()[0].slug) == (None, "gulf"),
    )
    _cycle(
        library,
        MoveSectionCommand(library, "sports", None, 2),
        lambda: [s.slug for s in sections.tree()][2] == "sports",
    )


def test_a_section_cannot_move_into_itself(library):
    SectionRepo(library).add("gulf", "الخليج", parent="middle-east")
    before = _shape(library)
    with pytest.raises(ValueError, match="inside itself"):
        MoveSectionCommand(library, "middle-east", "gulf", 0).apply()
    assert _shape(library) == before


def test_deleting_a_section_with_articles_is_undone_with_its_articles(library):
    repo = ArticleRepo(library)
    sections = SectionRepo(library)
    live = repo.create("health", headline="خبر").docid
    trashed = repo.create("health", headline="خبر محذوف").docid
    repo.trash([trashed])
    other = repo.create("world", headline="خبر آخر").docid
    with pytest.raises(ValueError, match="say which section"):
        DeleteSectionCommand(library, "health").apply()
    command = DeleteSectionCommand(library, "health", move_articles_to="science")
    listing = Listing(library)
    _cycle(library, command, lambda: listing.sections_of([live, trashed]) == {live: "science", trashed: "science"})
    assert command.touched == {live, trashed}
    command.revert()
    assert listing.sections_of([live, trashed, other]) == {live: "health", trashed: "health", other: "world"}
    assert sections.get("health").articles == 1


def test_moving_articles_is_undone_per_article(library):
    repo = ArticleRepo(library)
    a = repo.create("world").docid
    b = repo.create("china").docid
    c = repo.create("economy").docid
    listing = Listing(library)
    command = MoveArticlesCommand(library, [a, b, c], "economy")
    assert command.would_change()
    command.apply()
    assert set(listing.sections_of([a, b, c]).values()) == {"economy"}
    assert command.touched == {a, b}  # c was there already and keeps its version
    assert repo.get(c).version == 1
    command.revert()
    assert listing.sections_of([a, b, c]) == {a: "world", b: "china", c: "economy"}
    assert not MoveArticlesCommand(library, [c], "economy").would_change()
    with pytest.raises(NotFoundError):
        MoveArticlesCommand(library, [a], "nowhere").apply()
    assert listing.sections_of([a]) == {a: "world"}


def test_trash_and_restore_leave_others_alone(library):
    repo = ArticleRepo(library)
    a, b = repo.create("world").docid, repo.create("world").docid
    repo.trash([b])
    trash = TrashArticlesCommand(library, [a, b])
    trash.apply()
    assert trash.touched == {a}
    trash.revert()
    assert repo.get(a).trashed_at is None and repo.get(b).trashed_at is not None
    restore = RestoreArticlesCommand(library, [a, b])
    restore.apply()
    assert restore.touched == {b} and repo.get(b).trashed_at is None
    restore.revert()
    assert repo.get(b).trashed_at is not None and repo.get(a).trashed_at is None


def test_new_and_duplicate_are_undone_to_the_trash_and_redone_as_the_same_article(library):
    repo = ArticleRepo(library)
    new = NewArticleCommand(library, "sports", headline="مباراة")
    new.apply()
    docid = new.docid
    assert repo.get(docid).section == "sports"
    new.revert()
    assert repo.get(docid).trashed_at is not None
    new.apply()
    assert new.docid == docid and repo.get(docid).trashed_at is None
    copy = DuplicateArticleCommand(library, docid)
    copy.apply()
    assert copy.docid != docid and repo.get(copy.docid).headline == "مباراة"
    copy.revert()
    assert repo.get(copy.docid).trashed_at is not None


def test_a_failing_batch_changes_nothing(library):
    before = _shape(library)
    twice = [AddSectionCommand(library, "gulf", "الخليج"), AddSectionCommand(library, "gulf", "مكرر")]
    batch = BatchCommand(twice)
    with pytest.raises(ValueError, match="already used"):
        batch.apply()
    assert _shape(library) == before
