"""A library on each backend: a SQLite file, and a database on the session's PostgreSQL server."""

import pytest

from workstation.library.store import open_library

BACKENDS = ("sqlite", "postgresql")


def open_on(backend: str, request, folder):
    """A new, empty library on `backend` ('sqlite' or 'postgresql'), its photos under `folder`."""
    if backend == "sqlite":
        return open_library(str(folder / "library.sqlite"))
    url = request.getfixturevalue("pg_url")
    return open_library(url, default_photos_dir=folder / "photos")


@pytest.fixture(params=BACKENDS)
def any_library(request, tmp_path):
    """A new, empty library, once on each backend."""
    lib = open_on(request.param, request, tmp_path)
    yield lib
    lib.close()


@pytest.fixture
def library_pair(request, tmp_path):
    """A new, empty library on each backend: {'sqlite': …, 'postgresql': …}."""
    libs = {name: open_on(name, request, tmp_path / name) for name in BACKENDS}
    yield libs
    for lib in libs.values():
        lib.close()
