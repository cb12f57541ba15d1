"""The gallery repository and its undoable commands: order, fields, batch work, search."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from workstation.errors import NotFoundError
from workstation.photos.batch import batch_changes
from workstation.photos.commands import (
    AddItemsCommand,
    EditItemsCommand,
    RemoveItemsCommand,
    ReorderCommand,
    caption_template,
    set_credit,
)  # fmt: skip
from workstation.photos.gallery import arabic_date
from workstation.search.textnorm import normalize


def _captions(repo, docid):
    return [i.caption for i in repo.items(docid)]


def _fts_hits(library, word):
    with library.engine.connect() as conn:
        return [
            r[0]
            for r in conn.execute(text("SELECT rowid FROM article_fts WHERE captions MATCH :q"), {"q": normalize(word)})
        ]


def test_items_in_story_order_with_positions_from_one(gallery):
    repo, docid, ids = gallery
    items = repo.items(docid)
    assert [i.position for i in items] == [1, 2, 3, 4, 5] and [i.id for i in items] == ids
    assert items[0].as_json()["source"] == {"caption": "wire 1", "headline": "", "creator": "", "credit": "",
                                            "city": "موسكو", "country": "", "keywords": ["k"]}  # fmt: skip
    with pytest.raises(NotFoundError):
        repo.items(987654)


def test_reorder_and_move_keep_positions_contiguous(gallery):
    repo, docid, ids = gallery
    repo.reorder(docid, list(reversed(ids)))
    assert [i.id for i in repo.items(docid)] == list(reversed(ids))
    assert repo.move(docid, [ids[0], ids[2]], before=ids[4]) == [ids[2], ids[0], ids[4], ids[3], ids[1]]
    assert [i.id for i in repo.items(docid)] == [ids[2], ids[0], ids[4], ids[3], ids[1]]
    assert [i.position for i in repo.items(docid)] == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="every item"):
        repo.reorder(docid, ids[:3])


def test_move_before_an_item(gallery):
    repo, docid, ids = gallery
    assert repo.move(docid, [ids[4], ids[3]], before=ids[1]) == [ids[0], ids[3], ids[4], ids[1], ids[2]]
    assert repo.move(docid, [ids[0]], before=None) == [ids[3], ids[4], ids[1], ids[2], ids[0]]


def test_update_fields_and_captions_are_searchable(library, gallery):
    repo, docid, ids = gallery
    repo.update({ids[1]: {"caption": "لافروف يصافح تيلرسون", "alt": "رجلان", "slug": "(国际)(2)"}})
    item = repo.items(docid)[1]
    assert (item.caption, item.alt, item.slug) == ("لافروف يصافح تيلرسون", "رجلان", "(国际)(2)")
    assert _fts_hits(library, "تيلرسون") == [docid]
    with pytest.raises(ValueError, match="Not a gallery item field: width"):
        repo.update({ids[0]: {"width": "1"}})


def test_batch_credit_and_caption_template(gallery):
    repo, docid, ids = gallery
    repo.set_credit(ids[1:3], "شينخوا")
    assert [i.credit for i in repo.items(docid)] == ["", "شينخوا", "شينخوا", "", ""]
    repo.update(batch_changes(repo, ids[1:3], {"caption": "{city} {date} ({n}/{total}) {caption} — {credit}"}))
    assert _captions(repo, docid)[1:3] == [
        "موسكو 13 أبريل 2017 (2/5) تعليق 2 — شينخوا", "موسكو 13 أبريل 2017 (3/5) تعليق 3 — شينخوا",
    ]  # fmt: skip
    with pytest.raises(ValueError, match=r"\{town\}, which is not one of"):
        batch_changes(repo, ids, {"caption": "{town}"})
    with pytest.raises(ValueError, match="not well formed"):
        batch_changes(repo, ids, {"caption": "{city"})
    assert batch_changes(repo, ids[:1], {"caption": "{{n}} {n}"}) == {ids[0]: {"caption": "{n} 1"}}


def test_remove_and_restore_put_items_back_where_they_were(library, gallery):
    repo, docid, ids = gallery
    removed = repo.remove([ids[1], ids[3]])
    assert [i.id for i in repo.items(docid)] == [ids[0], ids[2], ids[4]]
    assert [i.position for i in repo.items(docid)] == [1, 2, 3]
    assert _fts_hits(library, "تعليق") == [docid]
    repo.restore(removed)
    assert [(i.id, i.position, i.caption) for i in repo.items(docid)] == [
        (ids[n], n + 1, f"تعليق {n + 1}") for n in range(5)
    ]


def test_commands_apply_and_revert(library, gallery):
    repo, docid, ids = gallery
    before = [(i.id, i.caption, i.credit) for i in repo.items(docid)]
    makers = [
        lambda: EditItemsCommand(repo, docid, {ids[0]: {"caption": "جديد"}}, "Edit caption"),
        lambda: set_credit(repo, docid, ids, "Xinhua"),
        lambda: caption_template(repo, docid, ids[:2], "{n}: {caption}"),
        lambda: ReorderCommand(repo, docid, list(reversed(ids))),
        lambda: RemoveItemsCommand(repo, docid, [ids[2]]),
    ]
    commands = []
    for make in makers:  # as the GUI does: each command is made just before it is applied
        commands.append(make())
        commands[-1].apply()
    assert [i.id for i in repo.items(docid)] == [ids[4], ids[3], ids[1], ids[0]]
    assert repo.items(docid)[3].caption == "1: جديد" and {i.credit for i in repo.items(docid)} == {"Xinhua"}
    for c in reversed(commands):
        c.revert()
    assert [(i.id, i.caption, i.credit) for i in repo.items(docid)] == before
    for c in commands:  # redo
        c.apply()
    assert [i.id for i in repo.items(docid)] == [ids[4], ids[3], ids[1], ids[0]]


def test_add_items_command_reverts_an_ingest(library, gallery):
    repo, docid, ids = gallery
    records = repo.get(ids[3:])
    repo.remove(ids[3:])
    add = AddItemsCommand(repo, docid, records)
    add.apply()
    assert [i.id for i in repo.items(docid)] == ids
    add.revert()
    assert [i.id for i in repo.items(docid)] == ids[:3]
    add.apply()
    add.apply()  # idempotent: the first apply after an ingest finds the items there
    assert [i.id for i in repo.items(docid)] == ids


def test_arabic_date_house_style():
    assert arabic_date(datetime(2017, 4, 13, 2, 58)) == "13 أبريل 2017"
    assert arabic_date(None) == ""


def test_copying_photos_to_another_story_keeps_fields_and_undoes(library, gallery):
    from workstation.articles.repo import ArticleRepo
    from workstation.photos.commands import CopyItemsCommand

    repo, docid, ids = gallery
    repo.update({ids[1]: {"caption": "الرئيس في بكين", "rotate": 90, "focus_x": 0.2, "focus_y": 0.3}})
    other = ArticleRepo(library).create(section="china", headline="قصة أخرى").docid
    command = CopyItemsCommand(repo, other, [ids[1], ids[3]])
    command.apply()
    copies = repo.items(other)
    assert [(c.position, c.sha256, c.caption, c.rotate, c.focus_x) for c in copies] == [
        (1, repo.get([ids[1]])[0].sha256, "الرئيس في بكين", 90, 0.2), (2, repo.get([ids[3]])[0].sha256, "تعليق 4", 0, None)]  # fmt: skip
    assert [i.id for i in repo.items(docid)] == ids  # the source story keeps its photos
    assert other in _fts_hits(library, "بكين")
    command.revert()
    assert repo.items(other) == []
    command.apply()
    assert [c.id for c in repo.items(other)] == [c.id for c in copies]
