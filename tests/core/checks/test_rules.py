"""Every house-style rule and the spelling check, each on a planted error, and a clean story with none."""

import pytest

from workstation.body.letters import RLM
from workstation.checks.findings import RULES
from workstation.checks.spelling import Speller
from workstation.checks.story import Checker, StoryText, apply_fixes

from tests.core.checks.conftest import REFERENCE_NAMES


def found(checker, story):
    return [(f.rule, f.field, f.text, f.fix) for f in checker.story(story)]


def test_clean_reference_story_has_no_finding_once_its_names_are_known(speller, reference_story):
    headline, paragraphs = reference_story
    story = StoryText(1, headline=headline, paragraphs=paragraphs)
    before = Checker(speller).story(story)
    assert {f.text for f in before} <= {"شينخوا", *REFERENCE_NAMES, "للافروف"}
    assert all(f.rule == "spelling" for f in before)
    speller.add_words(REFERENCE_NAMES)
    assert Checker(speller).story(story) == []


@pytest.mark.parametrize("where", ["headline", "body", "caption:1"])
@pytest.mark.parametrize(
    ("wrong", "right"),
    [("إجتماع", "اجتماع"), ("إرتفاع", "ارتفاع"), ("الإستثمار", "الاستثمار"), ("المحادثاة", "المحادثات"),
     ("هاذا", "هذا")],
)  # fmt: skip
def test_spelling_mistakes_are_found_with_the_right_word_suggested(speller, where, wrong, right):
    text = f"قال الوزير إن {wrong} الحكومة مهم"
    fields = {"headline": "", "paragraphs": (), "captions": ()}
    fields[{"headline": "headline", "body": "paragraphs", "caption:1": "captions"}[where]] = (
        text if where == "headline" else (text,)
    )
    findings = Checker(speller).story(StoryText(1, **fields), suggest=True)
    assert [(f.rule, f.field, f.offset, f.text) for f in findings] == [("spelling", where, 14, wrong)]
    assert right in findings[0].suggestions


def test_words_are_judged_without_tashkeel_and_tatweel_and_others_left_alone(speller):
    checker = Checker(speller, frozenset({"tatweel"}))
    text = "زار مُحَمَّد الـــعالم مع Reuters في 2017 و١٥ https://example.com/إجتماع info@xinhua.org"
    assert checker.paragraph(text) == []
    assert [f.text for f in checker.paragraph("اجتماع إجتماع")] == ["إجتماع"]


def test_newsroom_words_count_with_their_clitics(speller):
    checker = Checker(speller)
    assert [f.text for f in checker.paragraph("قالت شينخوا ووفقا لشينخوا")] == ["شينخوا", "لشينخوا"]
    speller.add_words(["شينخوا"])
    assert checker.paragraph("قالت شينخوا ووفقا لشينخوا وللشينخوا") == []
    speller.remove_words(["شينخوا"])
    assert checker.paragraph("قالت شينخوا") != []


def test_a_bare_alef_for_hamza_is_accepted_a_wrong_hamza_is_not(speller):
    checker = Checker(speller)
    assert checker.paragraph("ذهب الى الشرق الاوسط والامريكي") == []
    assert [f.text for f in checker.paragraph("الإستثمار")] == ["الإستثمار"]


PLANTED = [
    # (rule, text with the error, the error's text, the fixed paragraph or None)
    ("latin-punctuation", "قال الوزير, إن الاجتماع انتهى", ",", "قال الوزير، إن الاجتماع انتهى"),
    ("latin-punctuation", "هل انتهى الاجتماع?", "?", "هل انتهى الاجتماع؟"),
    ("latin-punctuation", "انتهى الاجتماع; وبدأ العمل", ";", "انتهى الاجتماع؛ وبدأ العمل"),
    ("space-before-punctuation", "انتهى الاجتماع ، وبدأ العمل", " ،", "انتهى الاجتماع، وبدأ العمل"),
    ("space-before-punctuation", "هل انتهى الاجتماع ؟", " ؟", "هل انتهى الاجتماع؟"),
    ("space-before-punctuation", "انتهى الاجتماع .", " .", "انتهى الاجتماع."),
    ("space-after-punctuation", "انتهى الاجتماع،وبدأ العمل", "،", "انتهى الاجتماع، وبدأ العمل"),
    ("space-after-punctuation", "قال الوزير:إن العمل بدأ", ":", "قال الوزير: إن العمل بدأ"),
    ("double-space", "انتهى  الاجتماع", "  ", "انتهى الاجتماع"),
    ("tatweel", "انتهى الاجتمـــاع", "الاجتمـــاع", "انتهى الاجتماع"),
    ("unbalanced", "قال الوزير (وزير الخارجية إن العمل بدأ", "(", None),
    ("unbalanced", 'قال الوزير "إن العمل بدأ', '"', None),
    ("unbalanced", "قال الوزير إن العمل بدأ) أمس", ")", None),
    ("latin-run-punctuation", "أعلنت شركة Apple. 50 موظفا غادروا", "Apple.", f"أعلنت شركة Apple{RLM}. 50 موظفا غادروا"),
]


@pytest.mark.parametrize(
    ("rule", "text", "error", "fixed"), PLANTED, ids=[f"{p[0]}-{i}" for i, p in enumerate(PLANTED)]
)
@pytest.mark.parametrize("where", ["headline", "body", "caption:1"])
def test_planted_style_errors_are_found_and_fixed(speller, rule, text, error, fixed, where):
    fields = {"headline": text} if where == "headline" else {"paragraphs" if where == "body" else "captions": (text,)}
    findings = Checker(speller).story(StoryText(1, **fields))
    mine = [f for f in findings if f.rule == rule]
    assert [(f.field, f.text) for f in mine] == [(where, error)]
    assert text[mine[0].offset : mine[0].offset + mine[0].length] == error
    assert mine[0].message("ar") == RULES[rule].ar and mine[0].message("en").startswith(RULES[rule].en)
    if fixed is None:
        assert mine[0].fix is None
    else:
        assert apply_fixes(text, mine) == fixed
        assert not [f for f in Checker(speller).story(StoryText(1, headline=fixed)) if f.rule == rule]


def test_what_the_rules_leave_alone(speller):
    checker = Checker(speller)
    for text in ("زار Paris, London وBerlin", "بلغ 1,000 دولار و3.5 في المئة عند 10:30", "قال ... ثم صمت",
                 "راجع https://example.com/a?b=1,c; ثم اكتب", "قالت شركة Apple. وأضافت", "(قال) [نعم] «لا»"):  # fmt: skip
        assert [f.rule for f in checker.paragraph(text) if f.rule != "spelling"] == [], text


def test_eastern_digits_mixed_with_western_ones(speller):
    checker = Checker(speller)
    only_eastern = StoryText(1, headline="قتل ١٥ شخصا", paragraphs=("في عام ٢٠١٧",))
    assert found(checker, only_eastern) == []
    mixed = StoryText(1, headline="قتل ١٥ شخصا", paragraphs=("في عام 2017 أصيب ٣٫٥ ألف",))
    assert found(checker, mixed) == [
        ("mixed-digits", "headline", "١٥", "15"),
        ("mixed-digits", "body", "٣٫٥", "3.5"),
    ]


def test_dateline_fields_and_typed_datelines(speller):
    from datetime import datetime

    checker = Checker(speller)
    when = datetime(2017, 4, 13, 2, 58)
    assert found(checker, StoryText(1, dateline_city="موسكو", dateline_at=when, dateline_agency="شينخوا")) == []
    no_agency = found(checker, StoryText(1, dateline_city="موسكو", dateline_at=when))
    assert no_agency == [("dateline", "dateline", "موسكو 13 أبريل 2017", None)]
    typed = "موسكو، 13 نيسان/أبريل 2017 (رويترز) - اتفقت روسيا"
    findings = [f for f in checker.story(StoryText(1, paragraphs=(typed,))) if f.rule == "dateline"]
    assert [(f.field, f.offset, f.text, f.fix) for f in findings] == [
        ("body", 0, "موسكو، 13 نيسان/أبريل 2017 (رويترز) -", "موسكو 13 أبريل 2017 (رويترز)")
    ]
    twice = StoryText(1, dateline_city="موسكو", dateline_at=when, dateline_agency="شينخوا",
                      paragraphs=("موسكو 13 أبريل 2017 (شينخوا) اتفقت روسيا",))  # fmt: skip
    assert [f.field for f in checker.story(twice) if f.rule == "dateline"] == ["body"]


def test_rules_switched_off_find_nothing(speller):
    text = "قال الوزير, إن  الاجتمـاع إجتماع"
    assert {f.rule for f in Checker(speller).paragraph(text)} == {"latin-punctuation", "double-space", "tatweel",
                                                                 "spelling"}  # fmt: skip
    assert (
        Checker(speller, frozenset({"latin-punctuation", "double-space", "tatweel", "spelling"})).paragraph(text) == []
    )
    assert {f.rule for f in Checker(None).paragraph(text)} == {"latin-punctuation", "double-space", "tatweel"}


def test_a_long_article_is_checked_quickly(speller, reference_story):
    import time

    _headline, paragraphs = reference_story
    body = paragraphs * 40  # about 20,000 words
    checker = Checker(Speller(REFERENCE_NAMES, dictionary=speller._dict))
    started = time.perf_counter()
    assert checker.story(StoryText(1, paragraphs=body)) == []
    assert time.perf_counter() - started < 5
