"""The section tree: add, rename, move, delete with counts."""

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo
from workstation.errors import NotFoundError


@pytest.fixture
def sections(library):
    return SectionRepo(library)


def test_tree_counts_live_articles(library, sections):
    repo = ArticleRepo(library)
    for _ in range(3):
        repo.create("sports", headline="x")
    gone = repo.create("sports", headline="y")
    repo.trash([gone.docid])
    assert sections.get("sports").articles == 3


def test_add_rename_and_refusals(sections):
    sections.add("syria", "سوريا", parent="middle-east")
    assert sections.get("syria").parent == "middle-east"
    sections.rename("syria", "  سورية ")
    assert sections.get("syria").name == "سورية"
    with pytest.raises(ValueError, match="already used"):
        sections.add("syria", "x")
    with pytest.raises(ValueError, match="slug"):
        sections.add("Bad Slug", "x")
    with pytest.raises(NotFoundError):
        sections.rename("nowhere", "x")


def test_move_reorders_siblings_and_refuses_own_subtree(sections):
    sections.add("syria", "سوريا", parent="middle-east")
    sections.move("sports", None, 0)
    assert [s.slug for s in sections.tree()][:2] == ["sports", "home"]
    with pytest.raises(ValueError, match="inside itself"):
        sections.move("middle-east", "syria", 0)
    sections.move("syria", "world", 0)
    tree = {s.slug: s for s in sections.tree()}
    assert tree["syria"].parent == "world" and tree["syria"].depth == 1
    top = [s for s in sections.tree() if s.parent is None]
    assert [s.position for s in top] == list(range(len(top)))


def test_delete_non_empty_section_needs_a_destination(library, sections):
    a = ArticleRepo(library).create("health", headline="x")
    with pytest.raises(ValueError, match="holds 1 articles"):
        sections.delete("health")
    sections.delete("health", move_articles_to="science")
    assert ArticleRepo(library).get(a.docid).section == "science"
    assert "health" not in {s.slug for s in sections.tree()}
