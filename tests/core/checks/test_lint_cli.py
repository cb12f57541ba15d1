"""`workstation lint`, `workstation dictionary` and `workstation rules`: the contract in docs/cli.md."""

import json

from workstation.articles.repo import ArticleRepo
from workstation.body.richtext import text_to_body
from workstation.checks.library import NewsroomDictionary, disabled_rules, set_rule_enabled
from workstation.cli import main
from workstation.library.models import GalleryItem, Photo
from workstation.library.store import open_library

from tests.core.checks.conftest import REFERENCE_NAMES


def lint(library, capsys, *args):
    status = main(["--db", str(library.path), "lint", *args])
    out, err = capsys.readouterr()
    return status, out, err


def add_caption(library, docid, caption):
    from datetime import datetime

    with library.sessions.begin() as session:
        session.add(Photo(sha256="a" * 64, filename="a.jpg", ext="jpg", bytes=1, width=1, height=1,
                          meta={}, added_at=datetime(2017, 4, 13)))  # fmt: skip
        session.flush()
        session.add(GalleryItem(article_id=docid, photo_sha256="a" * 64, position=0, caption=caption))


def test_lint_json_names_field_offset_rule_and_suggestions(library, capsys, hunspell, reference_story):
    repo = ArticleRepo(library)
    headline, paragraphs = reference_story
    clean = repo.create("world", headline=headline, body=text_to_body("\n".join(paragraphs)))
    assert NewsroomDictionary(library).add(REFERENCE_NAMES) == list(REFERENCE_NAMES)
    assert lint(library, capsys, str(clean.docid))[0] == 0

    bad = repo.create("sports", headline="فوز الفريق, في المباراة", subheadline="بعد  الشوط",
                      body=text_to_body("أعلن المدرب إجتماع اللاعبين\nوقال: (نعم"))  # fmt: skip
    add_caption(library, bad.docid, "المدرب في الإستثمار")
    status, out, err = lint(library, capsys, str(bad.docid), str(clean.docid), "--json")
    assert status == 1
    findings = json.loads(out)
    assert [(f["field"], f["offset"], f["length"], f["text"], f["rule"]) for f in findings] == [
        ("headline", 10, 1, ",", "latin-punctuation"),
        ("subtitle", 3, 2, "  ", "double-space"),
        ("body", 12, 6, "إجتماع", "spelling"),
        ("body", 34, 1, "(", "unbalanced"),
        ("caption:1", 10, 9, "الإستثمار", "spelling"),
    ]
    assert all(f["docid"] == bad.docid and f["message"] for f in findings)
    assert "اجتماع" in findings[2]["suggestions"] and findings[0]["suggestions"] == ["،"]
    assert "5 findings in 1 of 2 stories" in err

    assert lint(library, capsys, "--section", "world")[0] == 0
    assert lint(library, capsys, "--section", "sports")[0] == 1
    assert lint(library, capsys)[0] == 1  # every story


def test_lint_unknown_story_or_section_is_exit_2(library, capsys):
    status, out, err = lint(library, capsys, "999")
    assert status == 2 and out == "" and "999" in err and "Traceback" not in err
    status, _out, err = lint(library, capsys, "--section", "nowhere")
    assert status == 2 and "nowhere" in err


def test_dictionary_add_list_remove(library, capsys):
    db = ["--db", str(library.path)]
    assert main([*db, "dictionary", "add", "شينخوا", "تِيلَرسون", "شينخوا"]) == 0
    assert main([*db, "dictionary", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == ["تيلرسون", "شينخوا"]
    assert main([*db, "dictionary", "add", "كلمتان هنا", "لافروف"]) == 1
    assert "كلمتان هنا" in capsys.readouterr().err
    assert main([*db, "dictionary", "add", "كلمتان هنا"]) == 2
    assert main([*db, "dictionary", "remove", "شينخوا", "غائبة"]) == 1
    assert "غائبة: not in the newsroom dictionary" in capsys.readouterr().err
    assert main([*db, "dictionary", "list"]) == 0
    assert capsys.readouterr().out.split() == ["تيلرسون", "لافروف"]


def test_rules_switched_off_per_library(library, capsys, tmp_path):
    repo = ArticleRepo(library)
    article = repo.create("world", headline="الاجتمـاع انتهى")
    assert lint(library, capsys)[0] == 1
    assert main(["--db", str(library.path), "rules", "off", "tatweel"]) == 0
    assert lint(library, capsys, str(article.docid))[0] == 0
    assert main(["--db", str(library.path), "rules", "off", "no-such-rule"]) == 2
    assert "no-such-rule" in capsys.readouterr().err
    reopened = open_library(str(library.path))
    assert disabled_rules(reopened) == {"tatweel"}
    assert set_rule_enabled(reopened, ["tatweel"], True) == frozenset()
    reopened.close()
    assert lint(library, capsys, str(article.docid))[0] == 1


def test_words_of_the_newsroom_shortcuts_count_as_known(library, capsys, hunspell):
    from workstation.library.models import Shortcut

    article = ArticleRepo(library).create("world", headline="قال تيلرسون")
    assert lint(library, capsys, str(article.docid))[0] == 1
    with library.sessions.begin() as session:
        session.add(Shortcut(code="rt", text="وزير الخارجية الأمريكي ريكس تيلرسون"))
    assert lint(library, capsys, str(article.docid))[0] == 0
