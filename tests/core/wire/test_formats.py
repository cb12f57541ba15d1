"""Every ninjs version's shapes, NewsML-G2 and NITF: what each becomes, and what is refused by kind."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.cli import main as cli_main
from workstation.errors import Problem
from workstation.wire import xmltext
from workstation.wire.importer import import_files
from workstation.wire.story import ItemError

from tests import FIXTURES

NINJS, NEWSML, NITF = FIXTURES / "ninjs", FIXTURES / "newsml", FIXTURES / "nitf"


def test_ninjs_1x_pattern_properties(library):
    report = import_files(library, [NINJS / "ninjs-1x-patterns.json"])
    assert (report.created, report.refused) == (3, [])
    repo = ArticleRepo(library)
    book = repo.get(700001)
    assert book.headline == "افتتاح معرض الكتاب في القاهرة"  # headline_main, not headline_short
    assert book.subheadline == "آلاف الزوار في اليوم الأول"  # description_summary
    assert book.body == "<p>القاهرة (وكالة) افتتح <strong>معرض الكتاب</strong> أبوابه.</p>"  # body_richtext wins
    assert (book.byline, book.dateline_city, book.section) == ("سارة علي", "القاهرة", "culture-education")
    assert book.keywords == ("ثقافة",)  # subjects, less the one naming the section
    assert repo.get(700002).body == "<p>السطر الأول</p><p>السطر الثاني</p>"  # body_main without markup
    # body_nitf converted: hl2 a heading, the photo and its caption left out.
    assert repo.get(700003).body == "<h2>عنوان داخلي</h2><p>الفقرة <em>الأولى</em>.</p>"
    assert check_library(library) == []


def test_ninjs_3x_camel_case_standard_object_and_refusals_by_kind(library):
    path = NINJS / "ninjs-3x.jsonl"
    report = import_files(library, [path])
    assert (report.created, report.items_seen) == (6, 10)
    assert report.refused == [
        Problem(f"{path}:6", "a picture item, not a text story"),
        Problem(f"{path}:7", "an event, not a text story"),
        Problem(f"{path}:8", "a planning item, not a text story"),  # its unknown version does not matter
        Problem(f"{path}:9", "a video item, not a text story"),  # a newscode uri as its type
    ]
    repo = ArticleRepo(library)
    summit = repo.get(700010)
    assert summit.headline == "القمة العربية تبحث الأمن الغذائي"  # role main
    assert summit.subheadline == "القادة يجتمعون في الرياض"
    # The NITF body, converted (its block's paragraph kept).
    assert summit.body == "<p>الرياض (وكالة) بدأت <em>القمة</em> أعمالها.</p><p>وناقش القادة الأمن الغذائي.</p>"
    assert (summit.byline, summit.dateline_city) == ("أحمد حسن، ليلى يوسف", "الرياض")  # bylines, places
    assert summit.published_at == datetime(2024, 3, 2, 6, 15)  # firstCreated, in UTC
    assert summit.keywords == ("سياسة",)
    heat = repo.get(700011)
    assert heat.status == "draft"  # pubStatus withheld
    assert heat.body == "<p>نص <strong>غني</strong></p>"  # HTML before plain text, whatever the order
    assert repo.get(700012).body == "<p>يقرأ بإصداره الرئيسي</p>"  # 3.4 read as 3
    assert repo.exists(700013)  # 2.7 read as 2
    assert repo.get(700019).status == "draft"  # embargoed until 2999


def test_an_unknown_major_version_is_refused(library, tmp_path):
    path = tmp_path / "v.jsonl"
    path.write_text(json.dumps({"standard": {"version": "4.0"}, "headlines": [{"value": "عنوان"}]}) + "\n")
    assert import_files(library, [path]).refused == [Problem(f"{path}:1", "unknown ninjs version 4.0")]


def test_story_in_another_language_is_a_draft(library):
    import_files(library, [NINJS / "ninjs-3x.jsonl", NEWSML / "newsmessage.xml"])
    repo = ArticleRepo(library)
    english, chinese = repo.get(700014), repo.get(800013)
    assert (english.status, english.published_at, english.language) == ("draft", None, "en-GB")
    assert (chinese.status, chinese.headline, chinese.language) == ("draft", "阿联酋航空公布创纪录利润", "zh")
    assert repo.get(700010).language == ""  # the site's own language is not marked


def test_urgency_and_embargo_are_kept(library):
    import_files(library, [NINJS / "ninjs-3x.jsonl", NEWSML / "newsitem-nitf.xml", NITF / "story.xml"])
    repo = ArticleRepo(library)
    assert [repo.get(i).urgency for i in (700010, 700011, 800001, 900001)] == [2, None, 4, 5]
    assert repo.get(700019).embargoed == datetime(2999, 1, 1)
    assert repo.get(700010).embargoed is None


def test_newsml_news_item_with_nitf_body(library):
    path = NEWSML / "newsitem-nitf.xml"
    report = import_files(library, [path])
    assert (report.created, report.refused) == (1, [])
    story = ArticleRepo(library).get(800001)  # the digits at the end of the guid
    assert story.uri == "urn:newsml:example.org:20240310:800001"
    assert story.headline == "البنك المركزي المصري يثبت أسعار الفائدة"
    assert (story.subheadline, story.byline, story.dateline_city) == (
        "قرار متوقع بعد تراجع التضخم", "منى سالم", "القاهرة",
    )  # fmt: skip
    assert story.section == "economy" and story.keywords == ("التضخم",)  # subject names
    assert story.published_at == datetime(2024, 3, 10, 9, 0)
    # Namespaced NITF: paragraphs and the heading kept, the table dropped, layout white space gone.
    assert story.body == (
        "<p>القاهرة (وكالة) أبقى البنك المركزي أسعار الفائدة دون تغيير.</p><h2>توقعات</h2>"
        "<p>وقال محللون إن البنك سيخفض الفائدة لاحقا.</p>"
    )
    assert check_library(library) == []


def test_newsml_message_of_several_items(library):
    path = NEWSML / "newsmessage.xml"
    report = import_files(library, [path])
    assert (report.created, report.updated, report.items_seen) == (3, 1, 8)
    where = f"{path}:/newsMessage/itemSet"
    assert report.refused == [
        Problem(f"{where}/newsItem[3]", "a picture item, not a text story"),
        Problem(f"{where}/packageItem[2]", "a package item, not a text story"),  # its item is a picture
        Problem(f"{where}/conceptItem[1]", "an event, not a text story"),
        Problem(f"{where}/newsItem[6]", "version 1 is older than version 2 earlier in the file"),
    ]
    repo = ArticleRepo(library)
    plane = repo.get(800010)  # version 2 of the same guid updated version 1
    assert (plane.headline, plane.body, plane.version) == ("طيران الإمارات تعلن أرباحا قياسية للعام الثاني",
                                                           "<p>النص المحدث</p>", 2)  # fmt: skip
    assert (plane.byline, plane.dateline_city, plane.keywords) == ("خالد عمر", "دبي", ("طيران", "أرباح"))
    first = repo.revisions(800010)[0].snapshot
    assert first["body"] == "<h2>أرباح</h2><p>دبي (وكالة) أعلنت الشركة أرباحا <strong>قياسية</strong>.</p>"  # XHTML
    plain = repo.get(800011)
    assert plain.status == "draft"  # stat:withheld
    assert plain.body == "<p>السطر الأول &lt;ليس وسما&gt;</p><p>السطر الثاني</p>"
    assert check_library(library) == []


def test_nitf_file_on_its_own(library):
    report = import_files(library, [NITF / "story.xml"])
    assert (report.created, report.refused) == (1, [])
    story = ArticleRepo(library).get(900001)
    assert story.headline == "الأردن يفتتح أكبر محطة للطاقة الشمسية"
    assert story.subheadline == "المحطة تغطي عشرة في المئة من الاستهلاك"
    assert (story.byline, story.dateline_city) == ("بقلم رامي خليل", "عمان")  # the byline's title left out
    assert story.keywords == ("طاقة", "الأردن") and story.published_at == datetime(2024, 3, 12, 7, 30)
    assert story.body == (
        "<p>عمان (وكالة) افتتح الأردن اليوم محطة للطاقة الشمسية.</p>"
        "<blockquote><p>إنها خطوة كبيرة</p></blockquote><ul><li>القدرة: 200 ميغاواط</li></ul>"
    )


@pytest.mark.parametrize("name", ["billion-laughs.xml", "external-entity.xml"])
def test_xml_bombs_and_external_entities_are_refused_safely(library, name):
    path = NEWSML / name
    report = import_files(library, [path])
    [problem] = report.refused
    assert problem.where == str(path) and "never expanded" in problem.reason
    assert (report.created, report.items_seen) == (0, 0)


def test_entity_declarations_are_never_expanded():
    with pytest.raises(ItemError, match="never expanded"):
        xmltext.parse((NEWSML / "billion-laughs.xml").read_bytes())


def test_broken_or_foreign_xml_is_named(library, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<newsItem guid="x"><contentMeta><headline>عنوان</contentMeta></newsItem>', encoding="utf-8")
    rss = tmp_path / "feed.xml"
    rss.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', encoding="utf-8")
    report = import_files(library, [broken, rss])
    assert [(p.where, p.reason.split(":")[0]) for p in report.refused] == [
        (str(broken), "invalid XML at line 1 column 50"),
        (str(rss), "XML, but neither NewsML-G2 nor NITF"),
    ]


def test_xml_in_another_encoding_is_read(library, tmp_path):
    path = tmp_path / "cp1256.xml"
    path.write_bytes(
        '<?xml version="1.0" encoding="windows-1256"?><nitf><body><body.head><hedline><hl1>خبر بترميز قديم</hl1>'
        "</hedline></body.head></body></nitf>".encode("cp1256")
    )
    report = import_files(library, [path])
    assert report.refused == [] and ArticleRepo(library).get(1).headline == "خبر بترميز قديم"


def test_cli_imports_a_mix_of_formats(library, capsys):
    files = [NINJS / "ninjs-2x.jsonl", NEWSML / "newsitem-nitf.xml", NITF / "story.xml"]
    assert cli_main(["--db", str(library.path), "import", *map(str, files)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "5 created, 0 updated, 0 refused"


def test_many_small_files_through_the_workers_give_the_same_library(tmp_path):
    from workstation.library.store import open_library

    files = [NEWSML / "newsitem-nitf.xml", NEWSML / "newsmessage.xml", NITF / "story.xml", NINJS / "ninjs-3x.jsonl"]
    dumps = []
    for workers in (0, 2):
        library = open_library(str(tmp_path / f"lib{workers}.sqlite"))
        report = import_files(library, files, workers=workers)
        assert (report.created, len(report.refused)) == (11, 8)
        with library.engine.connect() as conn:
            dumps.append(conn.exec_driver_sql("SELECT id, headline, body, status FROM articles ORDER BY id").all())
        library.close()
    assert dumps[0] == dumps[1]


def test_a_doctype_naming_the_nitf_dtd_is_read_but_never_fetched(library, tmp_path):
    path = tmp_path / "with-doctype.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nitf SYSTEM "http://example.org/nitf-3-6.dtd">\n'
        "<nitf><body><body.head><hedline><hl1>خبر مع تعريف النوع</hl1></hedline></body.head></body></nitf>",
        encoding="utf-8",
    )
    report = import_files(library, [path])
    assert report.refused == [] and ArticleRepo(library).get(1).headline == "خبر مع تعريف النوع"


def test_a_bomb_in_utf16_is_refused_too(library, tmp_path):
    path = tmp_path / "bomb16.xml"
    path.write_text((NEWSML / "billion-laughs.xml").read_text().replace('<?xml version="1.0"?>', ""), encoding="utf-16")
    with pytest.raises(ItemError, match="never expanded"):
        xmltext.parse(path.read_bytes())


def test_an_older_version_of_a_guid_never_overwrites_a_newer_one(library, tmp_path):
    source = (NEWSML / "newsitem-nitf.xml").read_text(encoding="utf-8")
    newer = tmp_path / "v3.xml"
    newer.write_text(source.replace('version="1"', 'version="3"'), encoding="utf-8")
    older = tmp_path / "v2.xml"
    older.write_text(
        source.replace('version="1"', 'version="2"').replace("يثبت أسعار الفائدة", "يدرس أسعار الفائدة"),
        encoding="utf-8",
    )
    assert import_files(library, [newer]).created == 1
    report = import_files(library, [older])
    assert report.refused == [Problem(f"{older}:/newsItem", "version 2 is older than version 3, already imported")]
    assert ArticleRepo(library).get(800001).headline == "البنك المركزي المصري يثبت أسعار الفائدة"
    again = import_files(library, [newer])  # the same version again: taken (an agency resending it)
    assert (again.updated, again.refused) == (1, [])
    later = tmp_path / "v4.xml"
    later.write_text(source.replace('version="1"', 'version="4"').replace("يثبت", "يخفض"), encoding="utf-8")
    assert import_files(library, [later]).updated == 1
    assert ArticleRepo(library).get(800001).headline == "البنك المركزي المصري يخفض أسعار الفائدة"
