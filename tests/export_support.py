"""A sample library for the export tests: the reference story with five photos, related
stories, a draft, a trashed story and a story full of script payloads."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime

from PIL import Image, ImageDraw
from sqlalchemy import insert

from workstation.articles.repo import ArticleRepo
from workstation.library.models import GalleryItem, Photo
from workstation.library.store import Library
from workstation.photos.files import photo_path

SEED_DOCID = 136205067
SEED_HEADLINE = 'روسيا والولايات المتحدة تتفقان على العمل معا بشأن سوريا وسط علاقات "في أدنى مستوى"'
SEED_BODY = (
    "<p>اتفقت روسيا والولايات المتحدة على مواصلة مكافحة الإرهاب الدولي والحوار من أجل تسوية النزاع في سوريا "
    "وسط علاقات ثنائية مضطربة وسلسلة من الخلافات العالقة بين البلدين.</p>"
    "<p>وفي مؤتمر صحفي عقد في أعقاب محادثات مع وزير الخارجية الأمريكي الزائر ريكس تيلرسون (Rex Tillerson)، "
    "قال وزير الخارجية الروسي سيرغي لافروف إن المناقشات كانت مثمرة.</p>"
    '<p>وقال الوزير " لقد كان يوما طويلا... المحادثات كانت شاملة وصريحة".</p>'
)
CAPTION = "وزير الخارجية الروسي سيرغي لافروف يصافح نظيره الأمريكي ريكس تيلرسون في موسكو"
PAYLOAD = '<script>window.pwned=1;alert(1)</script><img src=x onerror="window.pwned=2;alert(2)">'
PAYLOAD_DOCID = 900001
FILED_AT = datetime(2017, 4, 13, 2, 58, 26)  # 10:58:26 in Asia/Shanghai


def make_jpeg(seed: int, size=(1800, 1200), orientation: int | None = None, with_private_exif=True) -> bytes:
    """A JPEG with shapes of its own, GPS and a camera serial in its EXIF (to be stripped)."""
    img = Image.new("RGB", size, ((seed * 53) % 256, (seed * 97) % 256, (seed * 29) % 256))
    draw = ImageDraw.Draw(img)
    w, h = size
    draw.rectangle([w // 8, h // 8, w // 2, h // 2], fill=(250, 250, 250))
    draw.ellipse([w // 2, h // 3, w - w // 8, h - h // 8], fill=(20, 20, 120))
    exif = Image.Exif()
    if with_private_exif:
        exif[0x010F] = "CameraMaker"
        exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
        exif[0x8825] = {1: "N", 2: (55.0, 45.0, 0.0), 3: "E", 4: (37.0, 37.0, 0.0)}  # GPS
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def add_photo(library: Library, data: bytes, width: int, height: int, orientation: int = 1,
              creator: str = "مصور شينخوا") -> str:  # fmt: skip
    """Stores a photo file and its row the way the library keeps them; its sha256."""
    sha = hashlib.sha256(data).hexdigest()
    path = photo_path(library, sha, "jpg")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    with library.sessions.begin() as session:
        if session.get(Photo, sha) is None:
            session.execute(insert(Photo).values(
                sha256=sha, filename=f"{sha[:8]}.jpg", ext="jpg", bytes=len(data), width=width, height=height,
                orientation=orientation, taken_at=None, meta={"creator": creator}, added_at=FILED_AT))  # fmt: skip
    return sha


def add_gallery(library: Library, docid: int, items: list[dict]) -> None:
    """Appends gallery items (dicts with sha and optional caption/alt/credit/slug) to an article."""
    with library.sessions.begin() as session:
        for position, item in enumerate(items):
            session.execute(insert(GalleryItem).values(
                article_id=docid, photo_sha256=item["sha"], position=position, caption=item.get("caption", ""),
                alt=item.get("alt", ""), credit=item.get("credit", ""), slug=item.get("slug", "")))  # fmt: skip


def publish(repo: ArticleRepo, docid: int | None, section: str, headline: str, when: datetime, **values):
    """Creates a published article filed at `when` (UTC)."""
    record = repo.create(section=section, docid=docid, headline=headline, status="published", **values)
    with repo.library.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("UPDATE articles SET published_at = :t, created_at = :t, updated_at = :t WHERE id = :id"),
                     {"t": when, "id": record.docid})  # fmt: skip
    return record.docid


def build_sample(library: Library, payload_story: bool = True) -> dict:
    """Fills the library with the sample site; the document ids by role."""
    repo = ArticleRepo(library)
    related = []
    for i in range(8):
        docid = publish(repo, 136205000 + i, ("china", "world", "science")[i % 3], f"خبر ذو صلة رقم {i + 1}",
                        datetime(2017, 4, 12, 8 + i, 0, 0), body=f"<p>نص الخبر ذي الصلة {i + 1}.</p>")  # fmt: skip
        sha = add_photo(library, make_jpeg(100 + i, (900, 600)), 900, 600)
        add_gallery(library, docid, [{"sha": sha, "caption": f"صورة الخبر {i + 1}", "credit": "شينخوا"}])
        related.append(docid)
    seed = publish(repo, SEED_DOCID, "world", SEED_HEADLINE, FILED_AT, body=SEED_BODY, dateline_city="موسكو",
                   dateline_at=FILED_AT, dateline_agency="شينخوا", byline="مراسل شينخوا",
                   source_title="Russia, U.S. agree to set up working group", keywords=["روسيا", "سوريا"])  # fmt: skip
    items = []
    for k in range(5):
        orientation = 6 if k == 2 else 1
        size = (800, 1200) if orientation == 6 else (1200, 800)  # stored sideways; upright it is 1200x800
        sha = add_photo(library, make_jpeg(k, size, orientation), 1200, 800, orientation)
        items.append({"sha": sha, "caption": f"{CAPTION} ({k + 1})", "alt": f"صورة {k + 1}", "credit": "شينخوا/وانغ",
                      "slug": f"(国际)({k + 1})俄美同意建立工作组稳定双边关系"})  # fmt: skip
    add_gallery(library, seed, items)
    record = repo.get(seed)
    repo.save(seed, record.version, keep_revision=False, related=related)
    with library.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("UPDATE articles SET updated_at = :t WHERE id = :id"), {"t": FILED_AT, "id": seed})
    draft = repo.create(section="world", headline="مسودة لم تنشر", body="<p>سر</p>").docid
    trashed = publish(repo, None, "world", "خبر في سلة المهملات", FILED_AT)
    repo.trash([trashed])
    out = {"seed": seed, "related": related, "draft": draft, "trashed": trashed}
    if payload_story:
        out["payload"] = publish(
            repo, PAYLOAD_DOCID, "china", f"عنوان {PAYLOAD}", FILED_AT, body=f"<p>نص {PAYLOAD}</p>{PAYLOAD}",
            byline=PAYLOAD, source_title=PAYLOAD, keywords=[PAYLOAD, "</script><script>alert(3)</script>"],
            subheadline=PAYLOAD, dateline_city=PAYLOAD, dateline_agency=PAYLOAD,
        )  # fmt: skip
        record = repo.get(out["payload"])
        repo.save(out["payload"], record.version, keep_revision=False, related=[seed])
        sha = add_photo(library, make_jpeg(77, (800, 600)), 800, 600)
        add_gallery(library, out["payload"], [{"sha": sha, "caption": PAYLOAD, "alt": PAYLOAD, "credit": PAYLOAD,
                                               "slug": PAYLOAD}])  # fmt: skip
    return out


def bulk_stories(library: Library, n: int, photo_pool: int = 0, multi_every: int = 0, related: int = 0) -> list[int]:
    """n published wire stories from the benchmark corpus, written in bulk; with a pool of photos,
    each story shows one of them (every `multi_every`-th story five), and links to the `related`
    stories before it. Their document ids."""
    from sqlalchemy import select

    from workstation.library.models import Article, Section
    from workstation.search.index import reindex

    from tests.benchmarks.corpus import items

    with library.engine.begin() as conn:
        sections = dict(conn.execute(select(Section.slug, Section.id)).all())
        rows = []
        for item in items(n):
            docid = int(item["uri"].rsplit("c_", 1)[1].split(".")[0])
            when = datetime.strptime(item["firstcreated"], "%Y-%m-%dT%H:%M:%S+0000")
            rows.append({
                "id": docid, "section_id": sections[item["service"][0]["code"]], "headline": item["headline"],
                "subheadline": "", "dateline_city": item["located"], "dateline_at": when,
                "dateline_agency": "شينخوا", "byline": item["byline"], "source_title": "",
                "keywords": item["keywords"], "body": item["body_html"], "status": "published", "uri": item["uri"],
                "created_at": when, "updated_at": when, "published_at": when, "trashed_at": None, "version": 1,
            })  # fmt: skip
        conn.execute(insert(Article), rows)
        docids = [r["id"] for r in rows]
        if related:
            from workstation.library.models import RelatedLink

            links = [{"article_id": d, "related_id": docids[i - j], "position": j - 1}
                     for i, d in enumerate(docids) for j in range(1, related + 1) if i - j >= 0]  # fmt: skip
            conn.execute(insert(RelatedLink), links)
        if library.is_sqlite:
            reindex(conn, docids)
    if photo_pool:
        shas = [add_photo(library, make_jpeg(500 + i, (1024, 683), with_private_exif=False), 1024, 683)
                for i in range(photo_pool)]  # fmt: skip
        with library.engine.begin() as conn:
            gallery = []
            for i, docid in enumerate(docids):
                count = 5 if multi_every and i % multi_every == 0 else 1
                for k in range(count):
                    p = (i + k) % photo_pool
                    gallery.append({"article_id": docid, "photo_sha256": shas[p], "position": k,
                                    "caption": f"صورة من أرشيف شينخوا رقم {p}", "alt": "", "credit": "شينخوا",
                                    "slug": f"(国际)({p})新闻图片"})  # fmt: skip
            conn.execute(insert(GalleryItem), gallery)
    return docids
