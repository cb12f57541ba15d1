"""Articles: version counter, conflicts, revisions, status, trash, related links."""

import sqlite3

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.errors import ConflictError, NotFoundError


@pytest.fixture
def repo(library):
    return ArticleRepo(library)


def test_create_keeps_a_revision_and_sanitizes_the_body(repo):
    a = repo.create("world", headline="عنوان", body='<p onclick="x()">نص<script>alert(1)</script></p>')
    assert a.docid == 1 and a.version == 1 and a.section == "world" and a.status == "draft"
    assert a.body == "<p>نص</p>"
    assert [r.reason for r in repo.revisions(a.docid)] == ["created"]


def test_stale_save_is_refused_and_overwrites_nothing(repo):
    a = repo.create(headline="الأول")
    mine = repo.save(a.docid, a.version, headline="الثاني")
    with pytest.raises(ConflictError) as exc:
        repo.save(a.docid, a.version, headline="الثالث")
    assert exc.value.current_version == mine.version
    assert repo.get(a.docid).headline == "الثاني"


def test_concurrent_writer_between_read_and_write_is_caught(repo, library):
    a = repo.create(headline="قبل")
    # Another writer bumps the version behind the repository's back.
    conn = sqlite3.connect(library.path)
    conn.execute("UPDATE articles SET version = version + 1, headline = 'غيري' WHERE id = ?", (a.docid,))
    conn.commit()
    conn.close()
    with pytest.raises(ConflictError):
        repo.save(a.docid, a.version, headline="أنا")
    assert repo.get(a.docid).headline == "غيري"


def test_revisions_on_explicit_saves_and_status_changes_only(repo):
    a = repo.create(headline="س")
    a = repo.save(a.docid, a.version, keep_revision=False, headline="autosave")
    a = repo.save(a.docid, a.version, keep_revision=False, status="ready")
    a = repo.save(a.docid, a.version, headline="saved")
    assert [r.reason for r in repo.revisions(a.docid)] == ["created", "status", "save"]


def test_publishing_sets_the_publication_time_once(repo):
    a = repo.create(headline="x")
    assert a.published_at is None
    a = repo.set_status(a.docid, a.version, "published")
    first = a.published_at
    a = repo.set_status(a.docid, a.version, "draft")
    a = repo.set_status(a.docid, a.version, "published")
    assert first is not None and a.published_at == first


def test_bad_status_and_unknown_fields_are_refused(repo):
    a = repo.create(headline="x")
    with pytest.raises(ValueError, match="Status"):
        repo.save(a.docid, a.version, status="live")
    with pytest.raises(ValueError, match="colour"):
        repo.save(a.docid, a.version, colour="red")
    assert repo.get(a.docid).version == a.version


def test_restore_revision_brings_back_old_text_as_new_version(repo):
    a = repo.create(headline="قديم", body="<p>أ</p>")
    first = repo.revisions(a.docid)[0]
    a = repo.save(a.docid, a.version, headline="جديد", body="<p>ب</p>")
    a = repo.restore_revision(a.docid, first.id, a.version)
    assert (a.headline, a.body, a.version) == ("قديم", "<p>أ</p>", 3)
    with pytest.raises(NotFoundError):
        repo.restore_revision(a.docid, 9999, a.version)


def test_trash_and_restore(repo, library):
    a = repo.create(headline="مهملات")
    repo.trash([a.docid])
    assert repo.get(a.docid).trashed_at is not None
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM article_fts").scalar() == 0
    repo.restore([a.docid])
    assert repo.get(a.docid).trashed_at is None
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM article_fts").scalar() == 1


def test_related_links_are_ordered_and_checked(repo):
    a, b, c = (repo.create(headline=h) for h in ("أ", "ب", "ج"))
    a = repo.save(a.docid, a.version, related=[c.docid, b.docid, c.docid, a.docid])
    assert a.related == (c.docid, b.docid)
    with pytest.raises(NotFoundError):
        repo.save(a.docid, a.version, related=[424242])
    assert repo.get(a.docid).related == (c.docid, b.docid)


def test_duplicate_and_move(repo):
    a = repo.create("world", headline="أصل", keywords=["سوريا"])
    copy = repo.duplicate(a.docid)
    assert copy.docid != a.docid and copy.headline == "أصل" and copy.keywords == ("سوريا",)
    repo.move([a.docid, copy.docid], "economy")
    assert {repo.get(d).section for d in (a.docid, copy.docid)} == {"economy"}
    with pytest.raises(NotFoundError):
        repo.move([a.docid], "nowhere")


def test_explicit_docid_must_be_free(repo):
    repo.create(docid=136205067, headline="x")
    with pytest.raises(ValueError, match="136205067"):
        repo.create(docid=136205067, headline="y")


def test_restoring_a_revision_keeps_the_autosaved_text_it_replaces(repo):
    a = repo.create(headline="الأول")
    first = repo.revisions(a.docid)[0]
    a = repo.save(a.docid, a.version, keep_revision=False, headline="مسودة محفوظة تلقائيا")
    a = repo.restore_revision(a.docid, first.id, a.version)
    kept = repo.revisions(a.docid)
    assert [r.reason for r in kept] == ["created", "before restore", "restored from 1"]  # labelled with its origin
    assert kept[1].snapshot["headline"] == "مسودة محفوظة تلقائيا" and a.headline == "الأول"
    # Nothing to keep when the replaced text is already a revision.
    a = repo.restore_revision(a.docid, first.id, a.version)
    assert [r.reason for r in repo.revisions(a.docid)][-1] == "restored from 1"
    assert len(repo.revisions(a.docid)) == 4


def test_new_and_duplicate_articles_after_the_largest_docid_take_the_lowest_free_ids(repo):
    top = (1 << 63) - 1
    repo.create(section="world", docid=top, headline="أعلى رقم")
    first = repo.create(section="world", docid=1, headline="واحد").docid
    assert first == 1
    assert repo.create(section="world", headline="جديد").docid == 2
    assert repo.duplicate(top).docid == 3
    assert repo.get(3).headline == "أعلى رقم"
