"""Paged article summaries: every order pages through each article exactly once, served by an index."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, update

from workstation.articles.listing import Listing, ListQuery
from workstation.articles.repo import ArticleRepo
from workstation.errors import NotFoundError
from workstation.library.models import Article

BASE = datetime(2017, 4, 13, 2, 58, 26)


def _file(library, rows):
    """Creates articles from (section, headline, status, minutes after BASE) and pins their dates."""
    repo = ArticleRepo(library)
    docids = []
    for section, headline, status, minutes in rows:
        record = repo.create(section, headline=headline, status=status)
        when = BASE + timedelta(minutes=minutes)
        with library.sessions.begin() as session:
            session.execute(
                update(Article)
                .where(Article.id == record.docid)
                .values(created_at=when, published_at=when if status == "published" else None)
            )
        docids.append(record.docid)
    return docids


@pytest.fixture
def filed(library):
    rows = [
        ("world", "ب خبر", "published", 5),
        ("world", "أ خبر", "draft", 5),  # same date as the one above: the id breaks the tie
        ("world", "ت خبر", "ready", 1),
        ("world", "ث خبر", "published", 9),
        ("world", "ج خبر", "draft", 7),
        ("world", "ح خبر", "ready", 3),
        ("world", "خ خبر", "published", 2),
        ("china", "د خبر", "published", 4),
    ]
    return _file(library, rows)


def _all_pages(listing, query, limit):
    out, after = [], None
    while True:
        page = listing.page(query, after, limit=limit)
        out += page
        if len(page) < limit:
            return out
        after = page[-1]


@pytest.mark.parametrize("order", ["date", "status", "headline"])
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("limit", [1, 2, 3, 50])
def test_pages_cover_the_section_once_in_order(library, filed, order, descending, limit):
    listing = Listing(library)
    query = ListQuery("world", order=order, descending=descending)
    got = _all_pages(listing, query, limit)
    everything = listing.summaries(filed)
    world = [s for s in everything if s.section == "world"]
    rank = {"draft": 0, "ready": 1, "published": 2}
    if order == "date":
        expected = sorted(world, key=lambda s: (s.date, s.docid), reverse=descending)
    elif order == "headline":
        expected = sorted(world, key=lambda s: (s.headline, s.docid), reverse=descending)
    else:
        by_status = sorted(world, key=lambda s: (s.date, s.docid), reverse=True)
        expected = sorted(by_status, key=lambda s: rank[s.status], reverse=descending)
    assert [s.docid for s in got] == [s.docid for s in expected]
    assert listing.count(query) == 7


def test_newest_first_by_default_and_drafts_dated_by_creation(library, filed):
    listing = Listing(library)
    page = listing.page(ListQuery("world"))
    assert [s.headline for s in page[:3]] == ["ث خبر", "ج خبر", "أ خبر"]
    assert page[0].date == BASE + timedelta(minutes=9)


def test_trash_lists_only_trashed_articles_of_every_section(library, filed):
    ArticleRepo(library).trash([filed[0], filed[-1]])
    listing = Listing(library)
    trash = listing.page(ListQuery(trash=True))
    assert {s.docid for s in trash} == {filed[0], filed[-1]}
    assert all(s.trashed_at is not None for s in trash)
    assert listing.count(ListQuery("world")) == 6
    assert filed[0] not in {s.docid for s in listing.page(ListQuery("world"))}


def test_summaries_keep_the_order_asked_for_and_skip_unknown_ids(library, filed):
    listing = Listing(library)
    assert [s.docid for s in listing.summaries([filed[3], 999999, filed[0]])] == [filed[3], filed[0]]
    assert listing.sections_of(filed[-2:]) == {filed[-2]: "world", filed[-1]: "china"}
    ArticleRepo(library).trash([filed[-1]])
    assert listing.docids_in("china") == [filed[-1]]


def test_dates_are_shown_in_the_site_time_zone(library):
    assert Listing(library).site_time(BASE) == datetime(2017, 4, 13, 10, 58, 26)


def test_bad_queries_are_refused_with_a_reason(library):
    with pytest.raises(ValueError, match="not 'size'"):
        ListQuery("world", order="size")
    with pytest.raises(NotFoundError, match="nowhere"):
        Listing(library).page(ListQuery("nowhere"))


@pytest.mark.parametrize("order", ["date", "status", "headline"])
def test_each_order_walks_a_listing_index(library, filed, order):
    """A page must come from an index range, not a sort of the whole section (see models.py)."""
    statements = []

    def keep(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().startswith("SELECT articles.id"):
            statements.append((statement, params))

    event.listen(library.engine, "before_cursor_execute", keep)
    listing = Listing(library)
    first = listing.page(ListQuery("world", order=order), limit=2)
    listing.page(ListQuery("world", order=order), after=first[-1], limit=2)
    event.remove(library.engine, "before_cursor_execute", keep)
    with library.engine.connect() as conn:
        for statement, params in statements:
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
            assert "ix_articles_live_" in plan
            assert "TEMP B-TREE" not in plan
