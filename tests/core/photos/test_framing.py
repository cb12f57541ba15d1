"""Turning and cropping around a focal point, checked on pixels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw

from workstation.photos.framing import crop_box, turn, turned_size


def _wide_photo_marked_near_the_right_edge() -> Image.Image:
    image = Image.new("RGB", (1800, 600), (40, 40, 40))
    ImageDraw.Draw(image).rectangle((1640, 250, 1700, 310), fill=(255, 0, 0))  # the subject
    return image


def _has_red(image: Image.Image) -> bool:
    red, green, blue = (band.point(lambda v, lo=lo, hi=hi: 255 if lo <= v <= hi else 0) for band, lo, hi in
                        zip(image.split(), (201, 0, 0), (255, 49, 49)))  # fmt: skip
    return ImageChops.multiply(ImageChops.multiply(red, green), blue).getbbox() is not None


def test_a_subject_near_the_edge_is_inside_both_crops_around_its_focus():
    photo = _wide_photo_marked_near_the_right_edge()
    focus = (1670 / 1800, 280 / 600)
    for aspect in (1.0, 1200 / 630):
        assert _has_red(photo.crop(crop_box(*photo.size, aspect, focus)))
        assert not _has_red(photo.crop(crop_box(*photo.size, aspect)))  # the centre crop loses it


def test_turning_keeps_the_subject_where_the_editor_sees_it():
    photo = _wide_photo_marked_near_the_right_edge()
    turned = turn(photo, 90)  # clockwise: the right edge becomes the bottom
    assert turned.size == turned_size(1800, 600, 90) == (600, 1800)
    assert turned.getpixel((600 - 280, 1670)) == (255, 0, 0)
    assert turn(photo, 0) is photo
    assert turn(photo, 180).getpixel((1800 - 1670, 600 - 280)) == (255, 0, 0)


@given(
    st.integers(1, 5000), st.integers(1, 5000), st.sampled_from([1.0, 16 / 9, 4 / 3, 1200 / 630]),
    st.tuples(st.floats(0, 1), st.floats(0, 1)),
)  # fmt: skip
def test_the_crop_always_lies_inside_the_photo(width, height, aspect, focus):
    left, top, right, bottom = crop_box(width, height, aspect, focus)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert right - left == width or bottom - top == height  # as large as the photo allows
