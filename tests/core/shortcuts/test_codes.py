"""Code replacements: `=code=` expands in any script, the list lives in the library, TSV in and out."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.cli import main
from workstation.shortcuts.codes import ShortcutRepo, expand, expansion_before, unknown_codes

TABLE = {"pt": "الرئيس الصيني شي جين بينغ", "رص": "رويترز", "x1": "شينخوا"}


def test_expands_known_codes_glued_to_arabic_and_leaves_unknown_ones():
    text = "قال=pt= إن =رص==nope= و=x1="
    assert expand(text, TABLE) == "قالالرئيس الصيني شي جين بينغ إن رويترز=nope= وشينخوا"
    assert unknown_codes(text, TABLE) == [(text.index("=nope="), text.index("=nope=") + 6)]


def test_expansion_fires_only_as_the_closing_sign_is_typed():
    typed = "استقبل =pt="
    assert expansion_before(typed, len(typed), TABLE) == (typed.index("=pt="), TABLE["pt"])
    assert expansion_before(typed, len(typed) - 1, TABLE) is None  # the closing = not typed yet
    assert expansion_before("a =zz=", 6, TABLE) is None  # unknown
    assert expansion_before("= pt=", 5, TABLE) is None  # a space is never part of a code


@given(st.text(alphabet="ابت =pz", max_size=30))
def test_expanding_text_without_known_codes_changes_nothing(text):
    assert expand(text, {"qq": "x"}) == text


def test_the_list_is_kept_in_the_library(library):
    repo = ShortcutRepo(library)
    repo.set({"pt": TABLE["pt"], " رص ": "رويترز"})
    assert repo.table() == {"pt": TABLE["pt"], "رص": "رويترز"}
    repo.set({"pt": "نص جديد"})
    repo.remove(["رص"])
    assert repo.table() == {"pt": "نص جديد"}
    with pytest.raises(ValueError, match="cannot be a code"):
        repo.set({"a b": "x"})
    with pytest.raises(ValueError, match="has no text"):
        repo.set({"ok": "  "})
    assert repo.table() == {"pt": "نص جديد"}


def test_tsv_round_trip(library, tmp_path):
    repo = ShortcutRepo(library)
    repo.set(TABLE)
    out = tmp_path / "codes.tsv"
    assert repo.export_tsv(out) == 3
    other = tmp_path / "other.sqlite"
    assert main(["--db", str(other), "shortcuts", "import", str(out)]) == 0
    assert main(["--db", str(other), "shortcuts", "list"]) == 0


def test_cli_import_names_each_bad_line_and_keeps_the_good_ones(library, tmp_path, capsys):
    tsv = tmp_path / "codes.tsv"
    tsv.write_text("pt\tالرئيس الصيني شي جين بينغ\nno tab here\nبد ل\tx\n# a comment\n\nرص\tرويترز\n", encoding="utf-8")
    assert main(["--db", str(library.path), "shortcuts", "import", str(tsv)]) == 1
    err = capsys.readouterr().err
    assert f"{tsv}:2: no tab between the code and its text" in err
    assert f"{tsv}:3: 'بد ل' cannot be a code" in err
    assert main(["--db", str(library.path), "shortcuts", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == [{"code": "pt", "text": TABLE["pt"]}, {"code": "رص", "text": "رويترز"}]


def test_cli_import_of_a_file_that_is_not_utf8_fails(library, tmp_path, capsys):
    tsv = tmp_path / "codes.tsv"
    tsv.write_bytes("pt\tنص\n".encode("cp1256"))
    assert main(["--db", str(library.path), "shortcuts", "import", str(tsv)]) == 2
    assert "not UTF-8 text" in capsys.readouterr().err
