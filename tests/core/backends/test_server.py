"""A library on a PostgreSQL server: roles, passwords that never show, failures that are clear and quick."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest
from sqlalchemy.engine import make_url

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.errors import LibraryError
from workstation.library.store import open_library
from workstation.library.urls import masked, remember_password
from workstation.search.query import search


def run_cli(*args, env=None):
    """The command in a process of its own: its exit status, stderr and how long it took."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "workstation.cli", *args], capture_output=True, text=True,
                          env=env, timeout=60)  # fmt: skip
    return done.returncode, done.stderr, time.monotonic() - started


def test_masked_hides_passwords_in_urls_and_texts():
    assert masked("postgresql://ed:s3cret@db.example/news") == "postgresql://ed:***@db.example/news"
    assert masked(make_url("postgresql+psycopg://ed:s3cret@db/news")) == "postgresql+psycopg://ed:***@db/news"
    assert masked("failed for 'host=db password=s3cret user=ed'") == "failed for 'host=db password=*** user=ed'"
    assert masked("/home/ed/library.sqlite") == "/home/ed/library.sqlite"


def test_a_wrong_password_is_one_sentence_without_it(pg_server, pg_url):
    url = pg_server.url(make_url(pg_url).database, password="not-the-password-42")
    status, err, took = run_cli("--db", url, "sections")
    assert status == 2
    assert "not-the-password-42" not in err and pg_server.password not in err
    assert err.count("\n") == 1 and "password authentication failed" in err
    assert took < 15


def test_a_server_that_refuses_or_never_answers_fails_within_15_seconds():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # takes connections, never answers: only the connect timeout ends the wait
        port = silent.getsockname()[1]
        status, err, took = run_cli("--db", f"postgresql://ed:hidden-pw@127.0.0.1:{port}/news", "sections")
    assert status == 2 and took < 15
    assert "hidden-pw" not in err and err.count("\n") == 1
    assert "ed:***@127.0.0.1" in err
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    status, err, took = run_cli("--db", f"postgresql://ed:hidden-pw@127.0.0.1:{port}/news", "search", "خبر")
    assert status == 2 and took < 15 and "hidden-pw" not in err


def test_an_editor_role_with_only_data_rights_works_once_the_owner_has_migrated(pg_server, pg_url, tmp_path):
    back_to_0007(open_library(pg_url, default_photos_dir=tmp_path / "photos"))
    database = make_url(pg_url).database
    pg_server.execute(
        "DROP ROLE IF EXISTS desk_editor",
        "CREATE ROLE desk_editor LOGIN PASSWORD 'editor-pw'",
        f"GRANT CONNECT ON DATABASE {database} TO desk_editor",
    )
    pg_server.execute(
        "GRANT USAGE ON SCHEMA public TO desk_editor",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO desk_editor",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO desk_editor",
        database=database,
    )
    url = pg_server.url(database, user="desk_editor", password="editor-pw")
    status, err, _ = run_cli("--db", url, "sections")  # the schema is older than the app: the owner must upgrade it
    assert status == 2 and err.count("\n") == 1 and "editor-pw" not in err
    assert "needs an upgrade to schema" in err and "only the role owning its tables" in err, err
    open_library(pg_url, default_photos_dir=tmp_path / "photos").close()  # the owner opens it once
    editor = open_library(url, default_photos_dir=tmp_path / "photos")
    try:
        repo = ArticleRepo(editor)
        a = repo.create(headline="خبر من المحرر", body="<p>نص الخبر</p>")
        repo.save(a.docid, a.version, headline="خبر معدل من المحرر")
        assert [h.docid for h in search(editor, "معدل").hits] == [a.docid]
    finally:
        editor.close()
    with pytest.raises(Exception, match="permission denied"):
        pg_server.execute("SET ROLE desk_editor", "CREATE TABLE sneaky (x int)", database=database)


def _drop_connections(pg_server, url: str) -> None:
    pg_server.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{make_url(url).database}' AND pid <> pg_backend_pid()"
    )


def test_a_dropped_connection_is_replaced(pg_server, pg_url, tmp_path):
    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    repo = ArticleRepo(library)
    a = repo.create(headline="قبل الانقطاع")
    _drop_connections(pg_server, pg_url)
    assert repo.get(a.docid).headline == "قبل الانقطاع"
    library.close()


def _wait_for_listener(url: str) -> None:
    import psycopg

    deadline = time.monotonic() + 15
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        while time.monotonic() < deadline:
            if conn.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'").fetchone()[0]:
                return
            time.sleep(0.1)
    raise AssertionError("the watch never listened")


def test_watch_ends_with_one_sentence_when_its_connection_drops(pg_server, pg_url, tmp_path):
    open_library(pg_url, default_photos_dir=tmp_path / "photos").close()  # migrated before the watch starts
    watch = subprocess.Popen([sys.executable, "-m", "workstation.cli", "--db", pg_url, "watch", "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert "watching" in watch.stderr.readline()
        _wait_for_listener(pg_url)
        _drop_connections(pg_server, pg_url)
        dropped = time.monotonic()
        status = watch.wait(timeout=15)
        err = watch.stderr.read()
    finally:
        watch.kill()
    assert status == 2 and time.monotonic() - dropped < 15
    assert err.count("\n") == 1 and "connection to the library's server was lost" in err
    assert pg_server.password not in err and "Traceback" not in err


def test_the_change_feed_listens_again_after_a_dropped_connection(pg_server, pg_url, tmp_path):
    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    feed = library.backend.change_feed(library.engine)
    try:
        _drop_connections(pg_server, pg_url)
        with pytest.raises(LibraryError, match="connection to the library's server was lost"):
            feed.poll(5)
        feed.poll(0.1)  # connects and listens again
        a = ArticleRepo(library).create(headline="بعد العودة")
        events = feed.poll(5)
        assert [(e["event"], e["docid"]) for e in events] == [("article.created", a.docid)]
    finally:
        feed.close()
        library.close()


def test_connections_give_up_on_a_server_that_falls_silent(pg_url, tmp_path):
    library = open_library(pg_url + "?keepalives_idle=7", default_photos_dir=tmp_path / "photos")
    feed = library.backend.change_feed(library.engine)
    try:
        with library.engine.connect() as conn:
            settings = conn.connection.dbapi_connection.info.get_parameters()
        listening = feed.conn.info.get_parameters()
        for params in (settings, listening):
            assert params["keepalives_idle"] == "7"  # what the URL says wins
            assert (params["keepalives_interval"], params["keepalives_count"]) == ("2", "3")
            assert "tcp_user_timeout" not in params  # it would end a connection to a busy server
    finally:
        feed.close()
        library.close()


def back_to_0007(library) -> None:
    """Takes a server library back to the schema before word pairs, and closes it."""
    with library.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_article_search_pairs")
        conn.exec_driver_sql("ALTER TABLE article_search DROP COLUMN pairs")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0007'")
    library.close()


def test_an_older_server_library_gets_its_word_pairs_and_finds_phrases(pg_url, tmp_path):
    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    repo = ArticleRepo(library)
    long = " ".join(["في من"] * 300)  # past the positions a tsvector keeps for one word
    a = repo.create(headline="وزير الخارجية يصل", body=f"<p>قال وزير الخارجية الروسي. {long} وزير الخارجية</p>")
    b = repo.create(headline="الخارجية ووزير", body="<p>وزير الدفاع والخارجية</p>")
    back_to_0007(library)

    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    try:
        assert check_library(library) == []  # the pairs filled by the migration are the ones the app writes
        assert [h.docid for h in search(library, '"وزير الخارجية"').hits] == [a.docid]
        assert [h.docid for h in search(library, '"الخارجية الروسي"').hits] == [a.docid]
        assert {h.docid for h in search(library, "وزير الخارجية").hits} == {a.docid, b.docid}
        assert search(library, '"من في"').total == 1
    finally:
        library.close()


def test_words_longer_than_the_server_takes_are_left_out_of_its_index(pg_url, tmp_path):
    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    try:
        repo = ArticleRepo(library)
        pair, alone = "ب" * 700, "ج" * 1100  # 1,400 bytes (a pair of them is too long), 2,200 bytes
        a = repo.create(headline="خبر طويل", body=f"<p>{pair} {pair} وزير الخارجية {alone} قال</p>")
        assert [h.docid for h in search(library, '"وزير الخارجية"').hits] == [a.docid]
        assert search(library, pair).total == 1 and search(library, alone).total == 0
        assert check_library(library) == []
    finally:
        library.close()


def test_a_server_busy_for_longer_than_the_keepalives_keeps_its_connection(pg_url, tmp_path):
    """A statement the server takes 11 s over while the workstation goes on sending (an import's batch
    behind a long index update) ends well: only a silent network gives the connection up."""
    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    try:
        with library.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            raw.execute("CREATE TEMP TABLE sent (x text)")
            with raw.pipeline(), raw.cursor() as cur:
                raw.execute("SELECT pg_sleep(11)")
                cur.executemany("INSERT INTO sent VALUES (%s)", [("x" * 1_000_000,)] * 60)  # more than TCP buffers
            assert raw.execute("SELECT count(*) FROM sent").fetchone()[0] == 60
    finally:
        library.close()


def test_the_password_can_come_from_a_pgpass_file(pg_server, pg_url, tmp_path, monkeypatch):
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg_server.port}:*:postgres:{pg_server.password}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    bare = make_url(pg_url)._replace(password=None).render_as_string(hide_password=False)
    assert pg_server.password not in bare
    library = open_library(bare, default_photos_dir=tmp_path / "photos")
    assert ArticleRepo(library).create(headline="بلا كلمة سر في العنوان").docid
    library.close()


def test_the_password_can_come_from_the_keyring(pg_server, pg_url, tmp_path):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1
        secrets: dict = {}

        def get_password(self, service, username):
            return self.secrets.get((service, username))

        def set_password(self, service, username, password):
            self.secrets[(service, username)] = password

        def delete_password(self, service, username):
            self.secrets.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        bare = remember_password(pg_url, pg_server.password)
        assert pg_server.password not in bare
        library = open_library(bare, default_photos_dir=tmp_path / "photos")
        assert pg_server.password not in library.url and "***" in library.url
        assert ArticleRepo(library).create(headline="كلمة السر في الخزنة").docid
        library.close()
    finally:
        keyring.set_keyring(previous)


def test_sslmode_and_other_libpq_options_pass_through(pg_server, pg_url, tmp_path):
    status, err, _ = run_cli("--db", pg_url + "?sslmode=require", "sections")
    assert status == 2 and "SSL" in err  # the throw-away server has no SSL: libpq was told to insist on it
    library = open_library(pg_url + "?sslmode=disable&application_name=desk", default_photos_dir=tmp_path / "p")
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW application_name").scalar() == "desk"
    library.close()
