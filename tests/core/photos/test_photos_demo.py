"""The demo library: the reference page's story with five captioned photos and its related stories."""

from __future__ import annotations

import json
from datetime import datetime

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.demo import build_demo, sample_dir
from workstation.paths import resources_dir
from workstation.photos.gallery import GalleryRepo

REFERENCE_RELATED = [
    "رئيس مجلس الدولة الصينى يعقد محادثات مع نظيره من ساو تومى وبرنسيب لبحث أوجه التعاون الثنائى",
    "روسيا تستخدم الفيتو ضد مشروع قرار لمجلس الأمن حول الهجوم الكيميائي المزعوم في سوريا",
    "الصين تطلق أول قمر صناعي عالي القدرة للاتصالات",
    "عودة الطيور المهاجرة إلى شمال شرقي الصين",
    "الباندا تجذب الزوار خلال عطلة العيد الوطني الصيني",
    "الأعمال الزراعية في فصل الخريف",
    "أسبوع الموضة في نيويورك",
    "اللاجئون الصغار فى دمشق بسوريا",
]


def test_demo_story_matches_the_reference_page(library, tmp_path):
    docid = build_demo(library, cache_dir=tmp_path / "thumbs")
    assert docid == 136205067
    story = ArticleRepo(library).get(docid)
    assert story.headline == 'روسيا والولايات المتحدة تتفقان على العمل معا بشأن سوريا وسط علاقات "في أدنى مستوى"'
    assert (story.section, story.status, story.published_at) == ("world", "published", datetime(2017, 4, 13, 2, 58, 26))
    assert (story.dateline_city, story.dateline_agency) == ("موسكو", "شينخوا")
    assert story.source_title == "俄美同意建立工作组稳定双边关系"  # the story's; page k shows slug (国际)(k)…
    assert story.body.startswith("<p>اتفقت روسيا والولايات المتحدة على مواصلة مكافحة الإرهاب الدولي")
    assert story.body.count("<p>") == 15
    items = GalleryRepo(library).items(docid)
    assert len(items) == 5 and all(i.caption and i.credit and i.alt for i in items)
    assert items[1].slug == "(国际)(2)俄美同意建立工作组稳定双边关系"
    assert [ArticleRepo(library).get(r).headline for r in story.related] == REFERENCE_RELATED
    assert all(len(GalleryRepo(library).items(r)) == 1 for r in story.related)
    assert check_library(library) == []
    assert build_demo(library) == docid  # a second run adds nothing
    assert len(GalleryRepo(library).items(docid)) == 5


def test_sample_photos_are_small_and_credited():
    story = json.loads((sample_dir() / "story.json").read_text(encoding="utf-8"))
    files = sorted(sample_dir().glob("*.jpg"))
    assert sorted(f.name for f in files) == sorted(story["photos"])
    assert sum(f.stat().st_size for f in files) < 2_000_000
    credits = (resources_dir() / "CREDITS.md").read_text(encoding="utf-8")
    assert all(f"`{f.name}`" in credits for f in files)
