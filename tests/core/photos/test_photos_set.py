"""`workstation photos set`: captions, credits, rotation and focal points of one or many photos."""

from __future__ import annotations

import json

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.cli import main
from workstation.photos.gallery import GalleryRepo, select_positions
from workstation.shortcuts.codes import ShortcutRepo


@pytest.fixture
def story(library, seed_gallery):
    docid = ArticleRepo(library).create(section="world", headline="قصة مصورة").docid
    seed_gallery(library, docid, 4)
    return docid


def _run(library, *args):
    return main(["--db", str(library.path), "photos", "set", *map(str, args)])


def test_positions_name_one_a_range_or_all():
    assert select_positions("2", 4) == [2]
    assert select_positions("2-4", 4) == [2, 3, 4]
    assert select_positions("ALL", 3) == [1, 2, 3]
    for bad in ("0", "3-2", "x", "5", "2-9"):
        with pytest.raises(ValueError):
            select_positions(bad, 4)


def test_a_range_gets_the_text_with_codes_expanded(library, story, capsys):
    ShortcutRepo(library).set({"pt": "الرئيس الصيني شي جين بينغ"})
    assert _run(library, story, "2-3", "--caption", "=pt= في بكين", "--credit", "شينخوا") == 0
    assert main(["--db", str(library.path), "photos", "list", str(story), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert [i["caption"] for i in items] == ["تعليق 1", "الرئيس الصيني شي جين بينغ في بكين",
                                             "الرئيس الصيني شي جين بينغ في بكين", "تعليق 4"]  # fmt: skip
    assert [i["credit"] for i in items] == ["", "شينخوا", "شينخوا", ""]


def test_rotation_and_focus_are_kept_per_item(library, story):
    assert _run(library, story, "all", "--rotate", 90, "--focus", "0.1,0.9") == 0
    assert _run(library, story, 4, "--rotate", 0) == 0
    items = GalleryRepo(library).items(story)
    assert [(i.rotate, i.focus_x, i.focus_y) for i in items] == [(90, 0.1, 0.9)] * 3 + [(0, 0.1, 0.9)]


@pytest.mark.parametrize(
    "args, message",
    [
        (("5", "--caption", "x"), "there is no position 5"),
        (("1", "--focus", "1.5,0.5"), "outside the photo"),
        (("1", "--focus", "half"), "give X,Y"),
        (("1",), "Nothing to set"),
    ],
)
def test_refusals_exit_2_and_change_nothing(library, story, capsys, args, message):
    before = GalleryRepo(library).items(story)
    assert _run(library, story, *args) == 2
    assert message in capsys.readouterr().err
    assert GalleryRepo(library).items(story) == before


def test_an_unknown_story_or_rotation_is_refused(library, story, capsys):
    assert _run(library, 999, 1, "--caption", "x") == 2
    assert "There is no article 999" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        _run(library, story, 1, "--rotate", 45)
    assert exit_.value.code == 2
