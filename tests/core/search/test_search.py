"""Search: ranking, Arabic normalization, snippets, prefixes, phrases, odd input, paging, and the index in step."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.articles.repo import ArticleRepo
from workstation.cli import main
from workstation.clock import utcnow
from workstation.errors import NotFoundError
from workstation.library import backends
from workstation.library.backends import fts5
from workstation.library.models import GalleryItem, Photo
from workstation.photos.gallery import GalleryRepo
from workstation.search.hits import Hit, snippet
from workstation.search.query import parse_query, search
from workstation.search.textnorm import normalize


@pytest.fixture
def repo(library):
    return ArticleRepo(library)


def add(repo, headline="خبر", body="", section="world", **values):
    """A published article; body is plain text, one paragraph per line."""
    html = "".join(f"<p>{line}</p>" for line in body.splitlines())
    return repo.create(section=section, headline=headline, body=html, status="published", **values).docid


def found(library, query, **options):
    return [h.docid for h in search(library, query, **options).hits]


# -- ranking ------------------------------------------------------------------------------------------
def test_headline_match_outranks_body_match(library, repo):
    in_headline = add(repo, headline="اتفاق التعاون بين البلدين", body="نص عن موضوع آخر")
    in_body = add(repo, headline="خبر اليوم", body="تحدث الوزير عن التعاون بين البلدين في الاجتماع")
    assert found(library, "التعاون") == [in_headline, in_body]
    assert found(library, "التعاون", order="newest") == [in_body, in_headline]


def test_more_occurrences_rank_higher_among_body_matches(library, repo):
    once = add(repo, body="الاقتصاد كلمة واحدة في نص طويل عن موضوع بعيد تماما")
    often = add(repo, body="الاقتصاد والاقتصاد الاقتصاد نمو الاقتصاد")
    add(repo, body="لا شيء هنا")
    result = search(library, "الاقتصاد")
    assert [h.docid for h in result.hits] == [often, once]
    assert result.total == 2


def test_every_word_is_required(library, repo):
    both = add(repo, body="زار الرئيس بكين أمس")
    add(repo, body="زار الرئيس موسكو أمس")
    assert found(library, "الرئيس بكين") == [both]


# -- normalization ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "أعلنت", "اعلنت", "إعلنت", "أَعْلَنَتْ",  # hamza forms and tashkeel
        "مدرسه", "مدرسة", "مَدْرَسَةٌ",  # ta marbuta
        "مستشفي", "مستشفى",  # alef maqsura
        "مؤتمر", "موتمر",  # waw with hamza
        "الرئيس", "الرييس",  # yeh with hamza
        "٢٠١٧", "2017", "۲۰۱۷",  # Arabic-Indic, ASCII and Eastern Arabic-Indic digits
        "القـــمة",  # tatweel
    ],
)  # fmt: skip
def test_query_and_text_variants_meet(library, repo, query):
    docid = add(repo, headline="أعلنت الحكومة", body="افتتاح مَدرسةٍ ثم مستشفى في مؤتمر الرئيس عام ٢٠١٧ في القمة")
    add(repo, headline="خبر آخر", body="لا علاقة له")
    assert found(library, query) == [docid]


def test_stored_text_is_never_altered(library, repo):
    docid = add(repo, headline="أَعلنت الحكومةُ", body="مدرسةٌ في ٢٠١٧")
    search(library, "اعلنت")
    article = repo.get(docid)
    assert article.headline == "أَعلنت الحكومةُ"
    assert article.body == "<p>مدرسةٌ في ٢٠١٧</p>"


# -- snippets -------------------------------------------------------------------------------------------
def test_snippet_marks_the_original_spelling(library, repo):
    add(repo, body="قال الرئيسُ إنّ مدرسةً جديدة ستفتح في ٢٠١٧ بجوار المدرسة القديمة.")
    hit = search(library, "الرييس مدرسه 2017").hits[0]
    assert hit.snippet == (
        "قال <mark>الرئيسُ</mark> إنّ <mark>مدرسةً</mark> جديدة ستفتح في <mark>٢٠١٧</mark> بجوار <mark>المدرسة</mark>"
        " القديمة."
    )  # the search form (no hamza, ha for ta marbuta) never shows; المدرسة is an attached form of مدرسة


def test_snippet_keeps_the_tashkeel_of_a_marked_word(library, repo):
    add(repo, body="وَقَالَ الرَّئِيسُ إِنَّ المَدْرَسَةَ جَدِيدَةٌ")
    assert search(library, "المدرسة").hits[0].snippet == "وَقَالَ الرَّئِيسُ إِنَّ <mark>المَدْرَسَةَ</mark> جَدِيدَةٌ"
    assert search(library, "وقال").hits[0].snippet.startswith("<mark>وَقَالَ</mark> ")


_MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640"]
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "أإآةىؤئ"
_word = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=6)
_spelled = st.lists(
    st.tuples(st.sampled_from(_LETTERS), st.lists(st.sampled_from(_MARKS), max_size=2)), min_size=1, max_size=6
)


@given(st.lists(st.one_of(_word, _spelled.map(lambda w: "".join(c + "".join(m) for c, m in w))), max_size=80), _word)
def test_snippet_marks_are_query_words_in_their_original_spelling(words, query):
    text = " ".join(words)
    marked_text = snippet((text,), [t.finder() for t in parse_query(query)])
    marked = re.findall("<mark>(.*?)</mark>", marked_text)
    assert all(normalize(html.unescape(m)) == normalize(query) for m in marked)
    expected = [w for w in words if normalize(w) == normalize(query)]
    assert bool(marked) == bool(expected)
    plain = html.unescape(re.sub("</?mark>", "", marked_text)).removeprefix("… ").removesuffix(" …")
    assert plain in text


def test_snippet_marks_whole_words_only(library, repo):
    add(repo, body="الصينية والصين الصين")
    hit = search(library, "الصين").hits[0]
    assert hit.snippet == "الصينية <mark>والصين</mark> <mark>الصين</mark>"  # الصينية is another word


def test_snippet_is_escaped_html(library, repo):
    add(repo, body="الصين &lt;script&gt;alert(1)&lt;/script&gt; & تعاون")
    hit = search(library, "تعاون").hits[0]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>تعاون</mark>" in hit.snippet


def test_snippet_is_cut_around_the_matches(library, repo):
    filler = " ".join(["كلمة"] * 200)
    add(repo, body=f"{filler} الهدف هنا {filler}")
    snippet = search(library, "الهدف").hits[0].snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>الهدف</mark>" in snippet
    assert len(snippet) < 300


def test_snippet_shows_the_most_of_the_query(library, repo):
    filler = " ".join(["كلمة"] * 60)
    add(repo, body=f"الصين {filler} الصين و روسيا {filler}", keywords=["الهند", "الصين"])
    snippet = search(library, "الصين روسيا").hits[0].snippet
    assert "<mark>الصين</mark> و <mark>روسيا</mark>" in snippet
    assert search(library, "الصين الهند").hits[0].snippet == "<mark>الهند</mark> <mark>الصين</mark>"  # all of it


def test_snippet_from_a_caption_or_the_headline_when_the_body_has_no_match(library, repo):
    docid = add(repo, headline="زيارة إلى بكين", body="نص لا يذكر المدينة")
    assert search(library, "بكين").hits[0].snippet == "زيارة إلى <mark>بكين</mark>"
    _gallery_item(library, docid, "الوزير يصافح نظيره في موسكو")
    GalleryRepo(library).update({GalleryRepo(library).items(docid)[0].id: {"caption": "الوزير يصافح نظيره في موسكو"}})
    assert search(library, "موسكو").hits[0].snippet == "الوزير يصافح نظيره في <mark>موسكو</mark>"


def test_latin_accents_fold_like_the_index(library, repo):
    add(repo, body="حضر José García الاجتماع")
    hit = search(library, "jose GARCIA").hits[0]
    assert "<mark>José</mark> <mark>García</mark>" in hit.snippet


# -- prefixes and phrases --------------------------------------------------------------------------------
def test_prefix_query(library, repo):
    a = add(repo, body="التعاون الاقتصادي")
    b = add(repo, body="الجمعية التعاونية")
    add(repo, body="تعاون بلا أداة تعريف")
    assert sorted(found(library, "التعاو*")) == [a, b]
    assert "<mark>التعاونية</mark>" in search(library, "التعاو*", order="newest").hits[0].snippet


@pytest.mark.parametrize("completions", [0, 1, 64])
def test_prefix_gives_the_same_matches_expanded_or_not(library, repo, monkeypatch, completions):
    monkeypatch.setattr(fts5, "MAX_COMPLETIONS", completions)
    ids = [add(repo, headline=h) for h in ("مشروع", "مشروعات", "مشروعها", "مشرف", "المشروع", "مشروع")]
    add(repo, headline="Trump")
    result = search(library, "مشرو*", order="newest")
    assert [h.docid for h in result.hits] == [ids[5], ids[2], ids[1], ids[0]] and result.total == 4
    assert found(library, "trum*") == found(library, "TRUM*") != []


def test_short_prefix_is_refused_with_a_reason(library):
    with pytest.raises(ValueError, match=r"'ال\*'.*at least 3 letters"):
        search(library, "ال*")


def test_phrase_query(library, repo):
    phrase = add(repo, body="قال وزير الخارجية الصيني")
    add(repo, body="الخارجية أصدرت بيانا وقال الوزير وزير")
    assert found(library, '"وزير الخارجية"') == [phrase]
    assert len(found(library, "وزير الخارجية")) == 2
    assert "<mark>وزير الخارجية</mark>" in search(library, '"وزير الخارجيه"').hits[0].snippet


def test_phrase_with_prefix(library, repo):
    docid = add(repo, body="الأمين العام للأمم المتحدة")
    assert found(library, '"العام للامم"*') == [docid]
    assert found(library, '"العام للأمم المتح"*') == [docid]


# -- odd input ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    ['"', '""', "AND", "OR", "NOT", "*", "NEAR(", "NEAR(الصين", "الصين)", "(", "^الصين", "{headline}: الصين",
     "headline: الصين", 'الصين "', '"الصين', "الصين AND", "- الصين", "الصين OR NOT روسيا", "rowid = 1", "'", "\\",
     "\x00", "الصين* *", "ا*ب", "***", '"*"'],
)  # fmt: skip
def test_no_input_makes_a_syntax_error(library, repo, query):
    add(repo, body="الصين وروسيا and or not near headline")
    try:
        result = search(library, query)
    except ValueError as exc:
        assert query.strip() in str(exc) or "prefix" in str(exc)
    else:
        assert result.total == len(result.hits)


def test_operator_words_are_searched_as_words(library, repo):
    docid = add(repo, body="Rock AND Roll")
    add(repo, body="rock music")
    assert found(library, "rock AND roll") == [docid]
    assert found(library, "NOT") == []


def test_nothing_to_search_for(library):
    with pytest.raises(ValueError, match="Nothing to search for"):
        search(library, ' " * ')


def test_parse_query_parts():
    terms = parse_query('أَعلن "وزير الخارجية" التعا* أعلن')
    assert [(t.words, t.prefix) for t in terms] == [
        (("اعلن",), False), (("وزير", "الخارجيه"), False), (("التعا",), True),
    ]  # fmt: skip
    assert fts5.match(terms[1]) == '"وزير الخارجيه"'
    assert fts5.match(terms[2]) == '"التعا" *'


# -- paging and filters -----------------------------------------------------------------------------------
def test_limit_and_offset_page_through_every_match(library, repo):
    ids = [add(repo, body=f"مباراة رقم {n}") for n in range(25)]
    pages = [search(library, "مباراة", limit=10, offset=o) for o in (0, 10, 20, 30)]
    assert [len(p.hits) for p in pages] == [10, 10, 5, 0]
    assert {p.total for p in pages} == {25}
    assert sorted(h.docid for p in pages for h in p.hits) == ids
    newest = [h.docid for o in (0, 10, 20) for h in search(library, "مباراة", limit=10, offset=o, order="newest").hits]
    assert newest == ids[::-1]


def test_relevance_ranks_the_newest_candidates_then_lists_older_matches(library, repo, monkeypatch):
    monkeypatch.setattr(fts5, "CANDIDATES", 4)
    monkeypatch.setattr(backends, "CANDIDATES", 4)
    old = [add(repo, headline=f"التعاون {n}") for n in range(3)]  # strong matches, but old
    new = [add(repo, body=f"نص يذكر التعاون مرة {n}") for n in range(4)]
    new_strong = add(repo, headline="التعاون اليوم")
    pages = [search(library, "التعاون", limit=3, offset=o) for o in (0, 3, 6)]
    order = [h.docid for p in pages for h in p.hits]
    assert {p.total for p in pages} == {8}
    assert order[0] == new_strong  # the best of the newest four
    assert set(order[:4]) == {new_strong, *new[1:]}
    assert order[4:] == [new[0], *old[::-1]]  # then the older matches, newest first


def test_phrase_ranking_and_capped_count(library, repo, monkeypatch):
    monkeypatch.setattr(fts5, "CANDIDATES", 3)
    monkeypatch.setattr(backends, "CANDIDATES", 3)
    monkeypatch.setattr(fts5, "TOTAL_CAP", 5)
    body_only = [add(repo, body=f"خبر عن مجلس الأمن رقم {n}") for n in range(6)]
    in_headline = add(repo, headline="مجلس الأمن يجتمع", body="نص")
    add(repo, body="الأمن في مجلس المدينة")  # both words, not the phrase
    result = search(library, '"مجلس الأمن"')
    assert result.hits[0].docid == in_headline
    assert [h.docid for h in result.hits[1:3]] == body_only[:-3:-1]
    assert (result.total, result.total_exact) == (5, False)
    assert set(result.as_json()) == {"query", "total", "hits"}  # the contract's keys only
    monkeypatch.setattr(fts5, "TOTAL_CAP", 50)
    assert (search(library, '"مجلس الأمن"').total, search(library, '"مجلس الأمن"').total_exact) == (7, True)
    assert search(library, "مجلس الأمن").total == 8  # words alone are always counted exactly


def test_section_filter(library, repo):
    world = add(repo, body="الصين", section="world")
    economy = add(repo, body="الصين", section="economy")
    result = search(library, "الصين", section="economy")
    assert [h.docid for h in result.hits] == [economy] and result.total == 1
    assert [h.section for h in search(library, "الصين", section="world").hits] == ["world"]
    assert found(library, "الصين", section="world", order="newest") == [world]
    assert found(library, "الصين", section="sports") == []
    with pytest.raises(NotFoundError, match="no section 'nowhere'"):
        search(library, "الصين", section="nowhere")


def test_bad_paging_and_order(library):
    with pytest.raises(ValueError, match="limit"):
        search(library, "الصين", limit=0)
    with pytest.raises(ValueError, match="offset"):
        search(library, "الصين", offset=-1)
    with pytest.raises(ValueError, match="'oldest'"):
        search(library, "الصين", order="oldest")


# -- the index follows every change -----------------------------------------------------------------------
def test_edited_headline_is_found_by_new_words_not_old(library, repo):
    docid = add(repo, headline="زيارة إلى بكين")
    assert found(library, "بكين") == [docid]
    article = repo.get(docid)
    repo.save(docid, article.version, headline="قمة في موسكو")
    assert found(library, "موسكو") == [docid]
    assert found(library, "بكين") == []
    assert search(library, "موسكو").hits[0].headline == "قمة في موسكو"


def test_trashed_articles_drop_out_and_come_back(library, repo):
    docid = add(repo, body="خبر عن الفضاء")
    repo.trash([docid])
    assert search(library, "الفضاء").total == 0
    repo.restore([docid])
    assert found(library, "الفضاء") == [docid]


def test_body_byline_and_keywords_are_searched(library, repo):
    docid = add(repo, body="نص", byline="محمد عبد الله", keywords=["الطاقة المتجددة"])
    assert found(library, "عبد") == [docid]
    assert found(library, "المتجدده") == [docid]
    assert "<mark>المتجددة</mark>" in search(library, "المتجددة").hits[0].snippet


def _gallery_item(library, docid, caption):
    """A gallery item written straight to the store (a photo file is not needed to search captions)."""
    sha = f"{docid:064d}"
    with library.sessions.begin() as session:
        session.add(Photo(sha256=sha, filename="p.jpg", ext="jpg", bytes=1, width=6, height=4, orientation=1,
                          taken_at=None, added_at=utcnow(), meta={}))  # fmt: skip
        session.flush()
        session.add(
            GalleryItem(article_id=docid, photo_sha256=sha, position=1, caption=caption, alt="", credit="", slug="")
        )


def test_caption_changes_are_found(library, repo):
    docid = add(repo, headline="قصة مصورة", body="نص")
    _gallery_item(library, docid, "صورة من الميناء")
    item = GalleryRepo(library).items(docid)[0]
    GalleryRepo(library).update({item.id: {"caption": "وزير الخارجية في المطار"}})
    assert found(library, "المطار") == [docid]
    assert found(library, "الميناء") == []
    GalleryRepo(library).remove([item.id])
    assert found(library, "المطار") == []


# -- what the CLI and the GUI get ---------------------------------------------------------------------------
def test_hit_as_json():
    hit = Hit(7, "عنوان", "world", "<mark>س</mark>", datetime(2017, 4, 13, 2, 58, 26))
    assert hit.as_json() == {"docid": 7, "headline": "عنوان", "section": "world", "snippet": "<mark>س</mark>",
                             "published": "2017-04-13T02:58:26Z"}  # fmt: skip
    assert Hit(7, "", "home", "", None).as_json()["published"] is None


def test_cli_search_json(library, repo, capsys):
    docid = add(repo, headline="الرئيس يزور القاهرة", section="middle-east")
    assert main(["--db", str(library.path), "search", "القاهره", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["query"] == "القاهره" and document["total"] == 1
    assert set(document) == {"query", "total", "hits"}
    [hit] = document["hits"]
    assert set(hit) == {"docid", "headline", "section", "snippet", "published"}
    assert (hit["docid"], hit["section"], hit["snippet"]) == (docid, "middle-east", "الرئيس يزور <mark>القاهرة</mark>")
    assert datetime.fromisoformat(hit["published"].removesuffix("Z"))


def test_cli_bad_query_is_one_sentence(library, capsys):
    assert main(["--db", str(library.path), "search", "ال*"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workstation: ") and "Traceback" not in err
