"""Search finds a word in the forms news text writes it: the analyzer, the judged set, ranking, snippets, phrases."""

from __future__ import annotations

import random

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.search.analyzer import analyze, is_form, vocabulary_keys
from workstation.search.find import find_all, find_forms
from workstation.search.lexicon import from_hunspell
from workstation.search.lexicon import words as lexicon
from workstation.search.query import search
from workstation.search.textnorm import normalize

from tests.core.search.judged_forms import GROUPS, score, words

# Words whose first or last letters look like clitics but belong to the word.
WHOLE = "وثيقة وكالة فندق فيروس فريق بريطانيا بنك لندن لجنة كوريا بيان ميدان وزير ولاية فيصل".split()


@pytest.fixture
def repo(library):
    return ArticleRepo(library)


def add(repo, body, headline="خبر"):
    return repo.create(section="world", headline=headline, body=f"<p>{body}</p>", status="published").docid


def found(library, query, **options):
    return [h.docid for h in search(library, query, limit=100, **options).hits]


# -- the analyzer ------------------------------------------------------------------------------------
@pytest.mark.parametrize("word", WHOLE)
def test_a_letter_of_the_word_is_never_taken_for_a_clitic(word):
    assert normalize(word) in analyze(normalize(word)).readings
    for attached in ("ال" + word, "و" + word, "بال" + word):
        assert analyze(normalize(word)).readings & analyze(normalize(attached)).readings, attached


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("وبالمطار", "مطار"),
        ("فللجامعة", "جامعه"),
        ("جامعتها", "جامعه"),  # taa marbuta written ت before a suffix
        ("جامعات", "جامعه"),
        ("جامعتين", "جامعه"),
        ("مستويات", "مستوي"),  # alef maksura
        ("مستواه", "مستوي"),
        ("ببريطانيا", "بريطانيا"),
        ("والوطن", "وطن"),
        ("السعودية", "سعودي"),  # nisba
        ("معلمون", "معلم"),
    ],
)
def test_clitics_come_off(word, reading):
    assert reading in analyze(normalize(word)).readings


def test_a_word_the_lexicon_does_not_know_is_found_with_clitics_around_it():
    assert not analyze("شينخوا").known
    assert is_form("وشينخوا", "شينخوا") and is_form("لشينخوا", "شينخوا")
    assert not is_form("شينخوا", "وشينخوا")  # the query's letters are all required


def test_vocabulary_keys_cover_the_forms_and_never_a_bare_letter():
    keys = vocabulary_keys("جامعه")
    for form in ("جامعه", "الجامعه", "وجامعته", "جامعات", "فللجامعه"):
        assert any(normalize(form).startswith(k) for k in keys), form
    assert all(len(k) >= 2 for k in vocabulary_keys("في"))
    assert "ف" not in vocabulary_keys("في")


def test_the_shipped_word_list_is_the_dictionary_s(tmp_path):
    dic = tmp_path / "ar.dic"
    dic.write_text("3\nفُنْدُق/83\nلندن\nأفبالله\n", encoding="utf-8")
    assert from_hunspell(dic) == ["افبالله", "فندق", "لندن"]
    assert {"فندق", "لندن", "فريق", "وزير"} <= lexicon()


# -- the judged set, end to end -------------------------------------------------------------------------
def test_judged_set_recall_and_precision(library, repo):
    """Every judged word in an article of its own; each query must find its group's and nothing else."""
    docids = {add(repo, f"قال المراسل إن {word} كان موضوع النقاش اليوم"): word for word in words()}
    result: dict[str, set[str]] = {}
    for group in GROUPS:
        for query in group.queries:
            hits = search(library, query, limit=200)
            result[query] = {docids[h.docid] for h in hits.hits}
            assert hits.total == len(hits.hits)
    recall, precision = score(result)
    assert recall >= 0.95, recall
    assert precision >= 0.95, precision


# -- ranking, snippets, phrases, prefixes ------------------------------------------------------------------
def test_the_exact_form_ranks_above_an_attached_form(library, repo):
    attached = add(repo, "هبطت الطائرة بالمطار الجديد مساء أمس")
    exact = add(repo, "هبطت الطائرة في مطار جديد مساء أمس")
    add(repo, "لا شيء هنا عن السفر")
    assert found(library, "مطار") == [exact, attached]
    assert found(library, "بالمطار") == [attached, exact]


def test_the_headline_still_weighs_more_among_attached_forms(library, repo):
    in_body = add(repo, "تحدث الوزير عن المطارات في الاجتماع", headline="خبر اليوم")
    in_headline = add(repo, "نص عن موضوع آخر", headline="توسعة المطارات")
    assert found(library, "مطار") == [in_headline, in_body]


def test_a_snippet_marks_the_form_the_text_uses(library, repo):
    add(repo, "وصل الوفد بالمطار ثم زار جامعتها وقال إن المطارات جاهزة")
    snippet = search(library, "مطار جامعة").hits[0].snippet
    assert snippet == ("وصل الوفد <mark>بالمطار</mark> ثم زار <mark>جامعتها</mark> وقال إن <mark>المطارات</mark> جاهزة")


def test_a_phrase_takes_clitics_at_its_edges(library, repo):
    with_conj = add(repo, "وقال إن ووزير الخارجية وصل")
    plain = add(repo, "قال وزير الخارجية إن")
    add(repo, "وزير الدفاع قال إن الخارجية")  # the words, but not together
    assert sorted(found(library, '"وزير الخارجية"')) == sorted([with_conj, plain])
    assert found(library, '"وزير الخارجية"')[0] == plain
    snippet = search(library, '"وزير الخارجية"').hits[-1].snippet
    assert "<mark>ووزير الخارجية</mark>" in snippet


def test_a_prefix_still_finds_completions_only(library, repo):
    doc = add(repo, "التعاون والتعاونية")
    add(repo, "بالتعاون")
    assert found(library, "التعا*") == [doc]


def test_forms_count_in_the_total_and_the_section_filter(library, repo):
    for body in ("في المطار", "بالمطار", "مطارات جديدة", "المطاردة"):
        add(repo, body)
    result = search(library, "مطار")
    assert result.total == 3
    assert search(library, "مطار", section="world").total == 3
    assert search(library, "مطار", section="china").total == 0
    assert len(found(library, "مطار", order="newest")) == 3


def test_latin_words_and_digits_are_searched_as_typed(library, repo):
    doc = add(repo, "زار Beijing في 2017")
    add(repo, "و2017 Beijings")
    assert found(library, "Beijing") == [doc]
    assert found(library, "2017") == [doc]


def test_a_quoted_word_is_searched_as_typed(library, repo):
    exact = add(repo, "هبطت الطائرة في مطار جديد")
    attached = add(repo, "هبطت الطائرة بالمطار")
    assert found(library, '"مطار"') == [exact]
    assert found(library, '"بالمطار"') == [attached]
    assert found(library, "مطار") == [exact, attached]


def test_find_in_text_takes_in_all_forms_of_one_word():
    text = "وصل الوفدُ بالمطارِ ثم المطارات، وقال إن مطار المطاردة مطارها"
    assert [text[a:b] for a, b in find_forms(text, "مطار")] == ["بالمطارِ", "المطارات", "مطار", "مطارها"]
    assert [text[a:b] for a, b in find_forms(text, "الوفد")] == ["الوفدُ"]
    assert find_forms(text, "وقال إن") == find_all(text, "وقال إن")  # more than one word: as typed


@pytest.mark.parametrize("attach", ["ال{}", "وال{}", "بال{}", "لل{}", "و{}", "ب{}", "ف{}", "{}ها", "{}هم", "{}ات"])
def test_attached_forms_of_dictionary_words_are_found(attach):
    """Beyond the judged set: 2,000 words drawn from the lexicon, each written in one attached form."""
    population = sorted(w for w in lexicon() if len(w) >= 3 and not w.startswith("ال"))
    sample = random.Random(10).sample(population, 2000)
    found = sum(is_form(attach.format(w), w) for w in sample)
    assert found / len(sample) >= 0.95
