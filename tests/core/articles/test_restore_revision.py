"""Restoring a revision: the preview of what changes, the undoable command, the label it keeps."""

from __future__ import annotations

from workstation.articles.repo import ArticleRepo
from workstation.articles.revisions import RestoreRevisionCommand, restore_preview, restored_from


def test_preview_names_changed_fields_paragraphs_and_related(library):
    repo = ArticleRepo(library)
    other = repo.create("world", headline="خبر آخر").docid
    article = repo.create("world", headline="قديم", body="<p>أول</p><p>ثان</p>")
    first = repo.revisions(article.docid)[-1]
    repo.save(article.docid, article.version, headline="جديد", body="<p>أول</p><p>ثالث</p>", related=[other])
    preview = restore_preview(library, article.docid, first.id)
    assert preview.version == first.version and preview.changes_anything
    assert preview.fields == [("headline", "جديد", "قديم")]
    assert preview.body == [("-", "ثالث"), ("+", "ثان")]
    assert preview.related_removed == [(other, "خبر آخر")] and preview.related_added == []


def test_restore_is_undoable_and_labelled_with_the_version_it_came_from(library):
    repo = ArticleRepo(library)
    article = repo.create("world", headline="قديم")
    first = repo.revisions(article.docid)[-1]
    saved = repo.save(article.docid, article.version, headline="جديد")
    command = RestoreRevisionCommand(library, article.docid, first.id)
    command.apply()
    assert repo.get(article.docid).headline == "قديم" and command.touched == {article.docid}
    latest = repo.revisions(article.docid)[-1]
    assert restored_from(latest.reason) == first.version and latest.version == saved.version + 1
    command.revert()
    assert repo.get(article.docid).headline == "جديد"
    command.apply()
    assert repo.get(article.docid).headline == "قديم"
    assert restored_from("save") is None
