"""Fixtures of the photo tests: galleries made directly in the store."""

from __future__ import annotations

from datetime import datetime

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.clock import utcnow
from workstation.library.models import GalleryItem, Photo
from workstation.photos.gallery import GalleryRepo


def seed_photos(library, docid, count, city="موسكو"):
    """An article with `count` photos, made directly in the store (no files needed here)."""
    with library.sessions.begin() as session:
        for n in range(1, count + 1):
            sha = f"{docid:04d}{n:060d}"
            session.add(Photo(sha256=sha, filename=f"p{n}.jpg", ext="jpg", bytes=1, width=600, height=400,
                              orientation=1, taken_at=datetime(2017, 4, 13, 10, n), added_at=utcnow(),
                              meta={"city": city, "caption": f"wire {n}", "keywords": ["k"]}))  # fmt: skip
            session.flush()  # photos before the items that point at them
            session.add(GalleryItem(article_id=docid, photo_sha256=sha, position=n, caption=f"تعليق {n}",
                                    alt="", credit="", slug=""))  # fmt: skip
    return [i.id for i in GalleryRepo(library).items(docid)]


@pytest.fixture
def seed_gallery():
    """Gives an article `count` photos made directly in the store: `seed_gallery(library, docid, count)`."""
    return seed_photos


@pytest.fixture
def gallery(library):
    """A gallery of five photos: (GalleryRepo, docid, item ids in story order)."""
    docid = ArticleRepo(library).create(section="world", headline="قصة مصورة").docid
    return GalleryRepo(library), docid, seed_photos(library, docid, 5)
