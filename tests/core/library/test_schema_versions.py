"""Every released schema version, kept as an empty library, opens and migrates to the head."""

import shutil

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo
from workstation.check import check_library
from workstation.library.store import KNOWN_REVISIONS, SCHEMA_HEAD, open_library

from tests import FIXTURES

SCHEMA_FIXTURES = FIXTURES / "schema"


def test_every_known_revision_has_a_fixture():
    assert sorted(p.stem for p in SCHEMA_FIXTURES.glob("*.sqlite")) == sorted(KNOWN_REVISIONS)


@pytest.mark.parametrize("fixture", sorted(SCHEMA_FIXTURES.glob("*.sqlite")), ids=lambda p: p.stem)
def test_old_library_opens_and_migrates(fixture, tmp_path):
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    library = open_library(str(copy))
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
    assert len(SectionRepo(library).tree()) == 16
    ArticleRepo(library).create(headline="بعد الترحيل")
    assert check_library(library) == []
    library.close()


def test_a_file_is_copied_before_a_migration_unless_only_server_libraries_change(tmp_path):
    for revision, copied in (("0006", True), ("0007", False)):  # 0008 adds the server's word pairs only
        copy = tmp_path / revision / "library.sqlite"
        copy.parent.mkdir()
        shutil.copy(SCHEMA_FIXTURES / f"{revision}.sqlite", copy)
        open_library(str(copy)).close()
        assert (tmp_path / revision / f"library.sqlite.before-{SCHEMA_HEAD}").exists() == copied, revision
