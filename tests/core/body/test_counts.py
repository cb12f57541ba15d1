"""Word and character counts that are right for Arabic: digits of every script, tashkeel, tatweel."""

from workstation.body.stats import count_characters, count_words


def test_eastern_digits_are_words_and_characters():
    assert count_words("قتل ١٥ شخصا في ۲۰۱۷") == 5
    assert count_characters("قتل ١٥ شخصا") == 3 + 2 + 4


def test_tashkeel_and_tatweel_neither_make_nor_split_words():
    assert count_words("مُحَمَّد رَسُول") == 2
    assert count_words("الـــعالم ـــ كبير") == 2  # a tatweel run alone is not a word
    assert count_words("قال ، ثم ً صمت") == 3
    assert count_characters("مُحَمَّد") == 4
    assert count_characters("الـــعالم") == 6


def test_characters_leave_out_spaces_and_direction_marks():
    assert count_characters("Apple\u200f. 50") == 8
    assert count_characters("") == 0 and count_words("") == 0
