"""Captioning many photos at once: empty fields keep, mixed values show, modes and variables."""

from __future__ import annotations

import pytest

from workstation.photos.batch import MIXED, batch_changes, shared_values


def test_shared_and_mixed_values(gallery):
    repo, docid, ids = gallery
    repo.update({ids[0]: {"credit": "شينخوا"}, ids[1]: {"credit": "شينخوا"}})
    shared = shared_values(repo.get(ids[:2]))
    assert shared["credit"] == "شينخوا" and shared["caption"] is MIXED and shared["alt"] == ""


def test_an_empty_field_keeps_each_photos_own_value(gallery):
    repo, docid, ids = gallery
    changes = batch_changes(repo, ids[:2], {"caption": "", "credit": "رويترز"})
    assert changes == {ids[0]: {"credit": "رويترز"}, ids[1]: {"credit": "رويترز"}}


def test_variables_are_filled_per_photo_and_codes_expand(gallery):
    repo, docid, ids = gallery
    repo.update({ids[2]: {"credit": "أ ف ب"}})
    changes = batch_changes(repo, ids[1:3], {"caption": "=pt= في {city} ({n}/{count}) {credit} — {source_caption}"},
                            codes={"pt": "الرئيس الصيني"})  # fmt: skip
    assert changes[ids[1]]["caption"] == "الرئيس الصيني في موسكو (2/5)  — wire 2"
    assert changes[ids[2]]["caption"] == "الرئيس الصيني في موسكو (3/5) أ ف ب — wire 3"


def test_prepend_and_append_keep_the_own_text(gallery):
    repo, docid, ids = gallery
    assert batch_changes(repo, ids[:1], {"caption": "عاجل:"}, mode="prepend")[ids[0]]["caption"] == "عاجل: تعليق 1"
    assert batch_changes(repo, ids[:1], {"caption": "(شينخوا)"}, mode="append")[ids[0]]["caption"] == "تعليق 1 (شينخوا)"


@pytest.mark.parametrize("values, message", [({"caption": "{town}"}, "not one of"), ({"caption": "{n"}, "not well formed"),
                                             ({"title": "x"}, "Not a gallery item field")])  # fmt: skip
def test_bad_templates_are_refused_by_name(gallery, values, message):
    repo, docid, ids = gallery
    with pytest.raises(ValueError, match=message):
        batch_changes(repo, ids, values)


def test_a_photo_dropped_in_the_text_takes_the_page_of_its_place():
    from workstation.photos.gallery import drop_position

    assert [drop_position(p, 8, 4) for p in range(8)] == [1, 2, 2, 3, 3, 4, 4, 5]  # halves round up
    assert drop_position(0, 1, 0) == 1 and drop_position(0, 1, 5) == 1  # an empty body: the lead photo
    assert drop_position(9, 10, 3) == 4  # the last paragraph: the end of a short gallery
    assert drop_position(99, 10, 3) == 4 and drop_position(-1, 10, 3) == 1  # out of range: clamped
