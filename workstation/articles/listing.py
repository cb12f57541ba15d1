"""Article summaries for lists: a section's live articles, or the trash, a page at a time.

Pages are read by keyset: the next page starts after the last summary already shown, so
the thousandth page of a 100,000-article section costs what the first does, and each order
is served by one of the partial indexes on `articles` (see models.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select

from workstation.articles.sections import lookup_section
from workstation.library.models import STATUSES, Article, Section

ORDERS = ("date", "status", "headline")
PAGE_SIZE = 200

# Matches the expression of the listing indexes, so SQLite can walk them in order.
_DATE = func.coalesce(Article.published_at, Article.created_at)


@dataclass(frozen=True)
class ArticleSummary:
    """What a list shows of an article."""

    docid: int
    headline: str
    section: str  # slug
    status: str
    date: datetime  # published, else created (naive UTC)
    trashed_at: datetime | None
    language: str = ""  # a wire story's language when it is not the site's


@dataclass(frozen=True)
class ListQuery:
    """Which articles a list shows and in what order.

    `section` None means every section. `order` is one of ORDERS; dates go newest first
    when `descending`, headlines Z to A, statuses published first. Within a status the
    newest comes first either way.
    """

    section: str | None = None
    trash: bool = False
    order: str = "date"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise ValueError(f"A list is ordered by {', '.join(ORDERS)}, not '{self.order}'.")


class Listing:
    """Reads article summaries for the GUI's lists (and anything else that pages through articles)."""

    def __init__(self, library):
        self.library = library
        self._zone: ZoneInfo | None = None

    # -- counting and paging -------------------------------------------------------------------
    def count(self, query: ListQuery) -> int:
        """How many articles the query lists."""
        with self.library.sessions() as session:
            where = self._where(session, query)
            return session.scalar(select(func.count()).select_from(Article).where(*where)) or 0

    def page(
        self, query: ListQuery, after: ArticleSummary | None = None, limit: int = PAGE_SIZE
    ) -> list[ArticleSummary]:
        """Up to `limit` summaries in the query's order, starting after the summary `after`."""
        with self.library.sessions() as session:
            where = self._where(session, query)
            if query.order != "status":
                key = _DATE if query.order == "date" else Article.headline
                if after is not None:
                    value = after.date if query.order == "date" else after.headline
                    where.append(_after(key, value, after.docid, query.descending))
                direction = (key.desc(), Article.id.desc()) if query.descending else (key.asc(), Article.id.asc())
                return self._fetch(session, where, direction, limit)
            # Statuses are few: one index range per status, taken in workflow order.
            statuses = list(reversed(STATUSES) if query.descending else STATUSES)
            if after is not None:
                statuses = statuses[statuses.index(after.status) :]
            out: list[ArticleSummary] = []
            for status in statuses:
                conditions = [*where, Article.status == status]
                if after is not None and status == after.status:
                    conditions.append(_after(_DATE, after.date, after.docid, True))
                out += self._fetch(session, conditions, (_DATE.desc(), Article.id.desc()), limit - len(out))
                if len(out) >= limit:
                    break
            return out

    def summaries(self, docids: Iterable[int]) -> list[ArticleSummary]:
        """Summaries of these articles in the order given (trashed ones too); unknown ids are left out."""
        wanted = list(docids)
        if not wanted:
            return []
        with self.library.sessions() as session:
            found = {s.docid: s for s in self._fetch(session, [Article.id.in_(wanted)], (), None)}
        return [found[d] for d in wanted if d in found]

    # -- facts the undoable commands need --------------------------------------------------------
    def sections_of(self, docids: Iterable[int]) -> dict[int, str]:
        """The section slug of each of these articles."""
        with self.library.sessions() as session:
            rows = session.execute(
                select(Article.id, Section.slug).join(Section, Section.id == Article.section_id)
                .where(Article.id.in_(list(docids)))
            )  # fmt: skip
            return {docid: slug for docid, slug in rows}

    def docids_in(self, section: str) -> list[int]:
        """Every article filed in the section, trashed ones included."""
        with self.library.sessions() as session:
            section_id = lookup_section(session, section)
            docids = session.scalars(select(Article.id).where(Article.section_id == section_id).order_by(Article.id))
            return list(docids)

    # -- presentation ----------------------------------------------------------------------------
    def site_time(self, when: datetime) -> datetime:
        """A stored (naive UTC) time in the site's time zone, the zone every date is shown in."""
        if self._zone is None:
            self._zone = ZoneInfo(self.library.setting("timezone"))
        return when.replace(tzinfo=UTC).astimezone(self._zone).replace(tzinfo=None)

    # -- internals -------------------------------------------------------------------------------
    def _where(self, session, query: ListQuery) -> list:
        where = [Article.trashed_at.is_not(None) if query.trash else Article.trashed_at.is_(None)]
        if query.section is not None:
            where.append(Article.section_id == lookup_section(session, query.section))
        return where

    def _fetch(self, session, where: list, order: tuple, limit: int | None) -> list[ArticleSummary]:
        stmt = (
            select(
                Article.id, Article.headline, Section.slug, Article.status, _DATE, Article.trashed_at, Article.language
            )
            .join(Section, Section.id == Article.section_id)
            .where(*where)
            .order_by(*order)
            .limit(limit)
        )
        return [ArticleSummary(*row) for row in session.execute(stmt)]


def _after(key, value, docid: int, descending: bool):
    """Rows after (value, docid) in (key, id) order, written so that the index range is used."""
    if descending:
        return and_(key <= value, or_(key < value, Article.id < docid))
    return and_(key >= value, or_(key > value, Article.id > docid))
