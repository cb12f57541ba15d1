"""Publishing to a real sshd and to a folder: only what changed, kind by kind, manifest last, a verified
host, nothing outside the target, and a killed publish finished by the next one."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.cli import main
from workstation.publish import PublishError, sync_bundle, target_for
from workstation.publish.plan import KINDS, LEDGER, TMP_SUFFIX, kind

from tests.export_support import add_gallery, add_photo, make_jpeg
from tests.export_support import publish as file_story
from tests.sshd_support import keygen


@pytest.fixture
def site(tmp_path):
    """A library of four published stories (one with a photo) in two sections; its path and ids."""
    from workstation.library.store import open_library

    db = tmp_path / "library.sqlite"
    library = open_library(str(db))
    repo = ArticleRepo(library)
    ids = [file_story(repo, 136300000 + i, ("china", "world")[i % 2], f"خبر رقم {i + 1}", datetime(2020, 5, 1, 8 + i),
                      body=f"<p>نص الخبر {i + 1}.</p>") for i in range(4)]  # fmt: skip
    sha = add_photo(library, make_jpeg(3, (600, 400), with_private_exif=False), 600, 400)
    add_gallery(library, ids[0], [{"sha": sha, "caption": "صورة", "credit": "شينخوا"}])
    library.close()
    return {"db": str(db), "ids": ids}


def cli(capsys, db: str, *args: str) -> tuple[int, dict | None, str]:
    status = main(["--db", db, "publish", *args])
    out, err = capsys.readouterr()
    return status, (json.loads(out) if "--json" in args and out.strip() else None), err


def tree(root: Path) -> dict[str, str]:
    """Every file under a folder: relative path -> sha256."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}  # fmt: skip


def bundle_files(root: Path) -> dict[str, str]:
    listed = json.loads((root / "manifest.json").read_bytes())
    files = {p: v["sha256"] for p, v in listed.items()}
    files["manifest.json"] = hashlib.sha256((root / "manifest.json").read_bytes()).hexdigest()
    return files


def edit(db: str, docid: int, **values) -> None:
    from workstation.library.store import open_library

    library = open_library(db)
    repo = ArticleRepo(library)
    if values.pop("trash", False):
        repo.trash([docid])
    else:
        repo.save(docid, repo.get(docid).version, **values)
    library.close()


# -- over SFTP -----------------------------------------------------------------------------------
def test_first_publish_sends_everything_kind_by_kind_manifest_last(sshd, site, tmp_path, capsys):
    remote = tmp_path / "www"
    status, report, err = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json")
    assert status == 0, err
    files = tree(remote)
    expected = bundle_files(remote)
    assert {p: h for p, h in files.items() if p != LEDGER} == expected
    assert sorted(report["uploaded"]) == sorted(expected)
    assert report["unchanged"] == 0 and report["deleted"] == []
    assert report["bytes"] == sum((remote / p).stat().st_size for p in expected)
    order = [KINDS.index(kind(p)) for p in report["uploaded"]]
    assert order == sorted(order) and report["uploaded"][-1] == "manifest.json"
    assert not [p for p in files if p.endswith(TMP_SUFFIX)]
    assert any(p.startswith("photos/") for p in expected) and "feed.xml" in expected


def test_no_change_sends_nothing_and_one_story_change_sends_only_its_pages(sshd, site, tmp_path, capsys):
    remote = tmp_path / "www"
    assert cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args())[0] == 0
    before = {p: (remote / p).stat().st_mtime_ns for p in tree(remote)}
    status, report, _ = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json")
    assert status == 0 and report["uploaded"] == [] and report["bytes"] == 0
    assert report["unchanged"] == len(bundle_files(remote))
    assert {p: (remote / p).stat().st_mtime_ns for p in tree(remote)} == before

    changed = site["ids"][1]
    edit(site["db"], changed, headline="عنوان جديد للخبر الثاني")
    status, report, _ = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json")
    assert status == 0
    kinds = {kind(p) for p in report["uploaded"]}
    assert not kinds & {"photos", "static"}
    stories = [p for p in report["uploaded"] if kind(p) == "stories"]
    assert stories and all(f"c_{changed}" in p for p in stories)
    assert "index.html" in report["uploaded"] and "manifest.json" in report["uploaded"]
    assert "عنوان جديد للخبر الثاني" in (remote / stories[0]).read_text()
    assert {p: h for p, h in tree(remote).items() if p != LEDGER} == bundle_files(remote)


def test_a_withdrawn_story_stays_until_delete_and_foreign_files_are_never_touched(sshd, site, tmp_path, capsys):
    remote = tmp_path / "www"
    remote.mkdir()
    (remote / "robots.txt").write_text("User-agent: *\n")
    (remote / "2020-05").mkdir()
    (remote / "2020-05" / "notes.txt").write_text("the web team's own file")
    assert cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args())[0] == 0
    gone = site["ids"][2]
    page = next(p for p in tree(remote) if f"c_{gone}" in p)
    edit(site["db"], gone, trash=True)

    status, report, err = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json")
    assert status == 0 and report["deleted"] == []
    assert (remote / page).exists() and page not in json.loads((remote / "manifest.json").read_bytes())
    assert "--delete" in err

    status, report, _ = cli(
        capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--dry-run", "--json", "--delete"
    )
    assert status == 0 and report["deleted"] == [page] and report["uploaded"] == []
    assert (remote / page).exists()

    status, report, _ = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json", "--delete")
    assert status == 0 and report["deleted"] == [page] and report["uploaded"] == []
    assert not (remote / page).exists()
    assert (remote / "robots.txt").read_text() == "User-agent: *\n"
    assert (remote / "2020-05" / "notes.txt").exists()
    assert {p for p in tree(remote)} == set(bundle_files(remote)) | {LEDGER, "robots.txt", "2020-05/notes.txt"}


def test_a_dry_run_reports_the_same_shape_and_touches_nothing(sshd, site, tmp_path, capsys):
    remote = tmp_path / "www"
    status, report, _ = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json", "--dry-run")
    assert status == 0 and set(report) == {"uploaded", "deleted", "unchanged", "bytes"}
    assert "manifest.json" in report["uploaded"] and report["bytes"] > 0
    assert not remote.exists()


def test_a_server_without_manifest_is_compared_by_size_and_hash(sshd, site, tmp_path, capsys):
    staging = tmp_path / "first"
    assert cli(capsys, site["db"], "--to", str(staging))[0] == 0
    remote = tmp_path / "www"
    remote.mkdir()
    for rel in ("index.html", "static/site.css", "feed.xml"):  # put there by hand, without a manifest
        (remote / rel).parent.mkdir(parents=True, exist_ok=True)
        (remote / rel).write_bytes((staging / rel).read_bytes())
    (remote / "feed.xml").write_bytes(b"x" * (remote / "feed.xml").stat().st_size)  # same size, other bytes
    status, report, _ = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json")
    assert status == 0 and report["unchanged"] == 2
    assert "feed.xml" in report["uploaded"] and "index.html" not in report["uploaded"]
    assert (remote / "feed.xml").read_bytes() == (staging / "feed.xml").read_bytes()


def test_files_that_cannot_be_written_are_named_and_hold_back_the_rest(sshd, site, tmp_path, capsys):
    remote = tmp_path / "www"
    remote.mkdir()
    (remote / "static").write_text("a file of the web team's where the bundle needs a folder")
    status, report, err = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json")
    assert status == 1
    refused = [line.split(":")[0] for line in err.splitlines() if line.startswith("static/")]
    assert refused and "static/site.css" in refused
    assert (remote / "static").read_text().startswith("a file of the web team's")
    # Pages that would use the style sheet wait, and so does the manifest.
    assert not (remote / "index.html").exists() and not (remote / "manifest.json").exists()
    assert all(kind(p) in ("photos", "static") for p in report["uploaded"])
    (remote / "static").unlink()
    status, report, _ = cli(capsys, site["db"], "--to", sshd.url(remote), *sshd.args(), "--json")
    assert status == 0 and "manifest.json" in report["uploaded"]
    assert {p: h for p, h in tree(remote).items() if p != LEDGER} == bundle_files(remote)


# -- who is at the other end ---------------------------------------------------------------------
def _fingerprint(public_key: Path) -> str:
    out = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(public_key)], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return out.split()[1]


def test_an_unknown_host_key_is_refused_with_its_fingerprint(sshd, site, tmp_path, capsys):
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    remote = tmp_path / "www"
    status, _, err = cli(capsys, site["db"], "--to", sshd.url(remote), "--identity", str(sshd.user_key),
                         "--known-hosts", str(empty))  # fmt: skip
    assert status == 2
    assert _fingerprint(Path(f"{sshd.host_key}.pub")) in err and "not a known host" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not remote.exists()


def test_a_host_key_trusted_after_comparing_lets_the_publish_through(sshd, site, tmp_path):
    from workstation.library.store import open_library
    from workstation.publish import Access, publish
    from workstation.publish.sftp import HostKeyError, trust_host_key

    known = tmp_path / "ssh" / "known_hosts"
    access = Access(sshd.user_key, known)
    library = open_library(site["db"])
    with pytest.raises(HostKeyError) as refused:
        publish(library, sshd.url(tmp_path / "www"), access, dry_run=True)
    assert refused.value.fingerprint == _fingerprint(Path(f"{sshd.host_key}.pub")) and not refused.value.changed
    trust_host_key(known, refused.value.known_hosts_line)
    report = publish(library, sshd.url(tmp_path / "www"), access)
    library.close()
    assert report.uploaded and not report.failed


def test_a_key_with_a_passphrase_needs_it(sshd, site, tmp_path):
    from workstation.library.store import open_library
    from workstation.publish import Access, publish
    from workstation.publish.sftp import PassphraseNeeded

    locked = tmp_path / "locked_key"
    locked.write_bytes(sshd.user_key.read_bytes())
    locked.chmod(0o600)
    subprocess.run(["ssh-keygen", "-q", "-p", "-N", "sesame-123", "-f", str(locked)], check=True)
    library = open_library(site["db"])
    with pytest.raises(PassphraseNeeded) as refused:
        publish(library, sshd.url(tmp_path / "www"), Access(locked, sshd.known_hosts), dry_run=True)
    assert "sesame" not in str(refused.value)
    report = publish(library, sshd.url(tmp_path / "www"), Access(locked, sshd.known_hosts, "sesame-123"), dry_run=True)
    library.close()
    assert report.uploaded and "sesame" not in repr(Access(locked, sshd.known_hosts, "sesame-123"))


@pytest.mark.parametrize("key_type", ["ed25519", "ecdsa"])
def test_a_changed_host_key_is_refused_with_its_fingerprint(sshd, site, tmp_path, capsys, key_type):
    other = tmp_path / "other_host_key"
    public = keygen(other, key_type)  # the same type as the server's, or another
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{sshd.port} {' '.join(public.split()[:2])}\n")
    remote = tmp_path / "www"
    status, _, err = cli(capsys, site["db"], "--to", sshd.url(remote), "--identity", str(sshd.user_key),
                         "--known-hosts", str(known))  # fmt: skip
    assert status == 2 and "CHANGED" in err
    assert _fingerprint(Path(f"{sshd.host_key}.pub")) in err
    assert not remote.exists()


def test_a_key_the_server_does_not_accept_is_refused(sshd, site, tmp_path, capsys):
    stranger = tmp_path / "stranger"
    keygen(stranger)
    remote = tmp_path / "www"
    status, _, err = cli(capsys, site["db"], "--to", sshd.url(remote), "--identity", str(stranger),
                         "--known-hosts", str(sshd.known_hosts))  # fmt: skip
    assert status == 2 and "refused" in err and "Traceback" not in err
    assert not remote.exists()


# -- killed half-way -----------------------------------------------------------------------------
def _synthetic_bundle(root: Path, files: int) -> None:
    listed = {}
    for i in range(files):
        rel = f"photos/{i % 64:02x}/p{i:05d}.jpg" if i % 2 else f"2020-05/{1 + i % 28:02d}/c_{1000 + i}.htm"
        data = hashlib.sha256(str(i).encode()).digest() * 128
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        listed[rel] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (root / "index.html").write_bytes(b"<p>home</p>")
    listed["index.html"] = {"bytes": 11, "sha256": hashlib.sha256(b"<p>home</p>").hexdigest()}
    (root / "manifest.json").write_text(json.dumps(listed))


def test_a_publish_killed_half_way_is_finished_by_the_next_one(sshd, tmp_path):
    bundle = tmp_path / "bundle"
    _synthetic_bundle(bundle, 3000)
    remote = tmp_path / "www"
    code = ("import sys; from pathlib import Path; from workstation.publish import Access, sync_bundle, target_for;"
            f"sync_bundle(Path({str(bundle)!r}), target_for({sshd.url(remote)!r}, "
            f"Access(Path({str(sshd.user_key)!r}), Path({str(sshd.known_hosts)!r}))))")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if remote.is_dir() and sum(1 for _ in remote.rglob("*.jpg")) >= 300:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the publish finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    half = tree(remote)
    assert "manifest.json" not in half and "index.html" not in half  # never half a site: those come last

    report = sync_bundle(bundle, target_for(sshd.url(remote), _access(sshd)))
    assert not report.failed
    files = tree(remote)
    assert not [p for p in files if p.endswith(TMP_SUFFIX)]
    assert {p: h for p, h in files.items() if p != LEDGER} == bundle_files(bundle)
    again = sync_bundle(bundle, target_for(sshd.url(remote), _access(sshd)))
    assert again.uploaded == [] and again.unchanged == 3002


def _access(sshd):
    from workstation.publish import Access

    return Access(sshd.user_key, sshd.known_hosts)


# -- a folder, and paths that would leave the target ---------------------------------------------
def test_a_folder_target(site, tmp_path, capsys):
    out = tmp_path / "webroot"
    status, report, _ = cli(capsys, site["db"], "--to", str(out), "--json")
    assert status == 0 and report["uploaded"][-1] == "manifest.json"
    assert {p: h for p, h in tree(out).items() if p != LEDGER} == bundle_files(out)
    status, report, _ = cli(capsys, site["db"], "--to", str(out), "--json")
    assert status == 0 and report["uploaded"] == [] and report["unchanged"] == len(bundle_files(out))


@pytest.mark.parametrize("bad", ["../escape.htm", "a/../../escape.htm", "/etc/escape.htm", "a\\..\\escape.htm"])
def test_a_bundle_path_leaving_the_target_is_refused(tmp_path, bad):
    bundle = tmp_path / "bundle"
    _synthetic_bundle(bundle, 4)
    listed = json.loads((bundle / "manifest.json").read_text())
    listed[bad] = {"bytes": 1, "sha256": "0" * 64}
    (bundle / "manifest.json").write_text(json.dumps(listed))
    out = tmp_path / "site" / "www"
    with pytest.raises(PublishError, match="would leave the target"):
        sync_bundle(bundle, target_for(str(out)))
    assert not out.exists() and not (tmp_path / "site" / "escape.htm").exists()


def test_a_cli_error_for_a_target_of_unknown_kind(site, capsys):
    status, _, err = cli(capsys, site["db"], "--to", "ftp://host/www")
    assert status == 2 and "ftp://host/www" in err


# -- the log -------------------------------------------------------------------------------------
def test_each_publish_is_logged_with_who_where_and_which_stories(site, tmp_path, capsys):
    from workstation.library.store import open_library
    from workstation.publish.log import history

    out = tmp_path / "webroot"
    assert cli(capsys, site["db"], "--to", str(out), "--dry-run")[0] == 0
    assert cli(capsys, site["db"], "--to", str(out))[0] == 0
    edit(site["db"], site["ids"][3], headline="تعديل")
    edit(site["db"], site["ids"][2], trash=True)
    assert cli(capsys, site["db"], "--to", str(out), "--delete")[0] == 0
    library = open_library(site["db"])
    entries = history(library)
    library.close()
    assert len(entries) == 2  # the dry run is not a publish
    latest, first = entries
    assert sorted(first.stories) == sorted(site["ids"]) and first.outcome == "done" and first.who
    assert latest.stories == (site["ids"][3],) and latest.withdrawn == (site["ids"][2],)
    assert latest.target == str(out) and latest.deleted == 1 and latest.uploaded > 0


@pytest.mark.parametrize("source", ["agent", "home"])
def test_keys_come_from_the_agent_or_the_users_ssh_folder(sshd, site, tmp_path, monkeypatch, source):
    from workstation.library.store import open_library
    from workstation.publish import Access, publish

    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    agent = None
    if source == "agent":
        sock = tmp_path / "agent.sock"
        agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        monkeypatch.setenv("SSH_AUTH_SOCK", str(sock))
        subprocess.run(
            ["ssh-add", "-q", str(sshd.user_key)], check=True, env={**os.environ, "SSH_AUTH_SOCK": str(sock)}
        )
    else:
        key = home / ".ssh" / "id_ed25519"
        key.write_bytes(sshd.user_key.read_bytes())
        key.chmod(0o600)
    library = open_library(site["db"])
    try:
        report = publish(library, sshd.url(tmp_path / "www"), Access(known_hosts=sshd.known_hosts))
    finally:
        library.close()
        if agent is not None:
            agent.terminate()
            agent.wait()
    assert report.uploaded and not report.failed


class _Killed(BaseException):
    """Stands for kill -9 at one precise moment."""


def test_killed_right_after_the_manifest_the_withdrawn_files_stay_ours(tmp_path):
    from workstation.publish.folder import FolderTarget

    class KilledAfterManifest(FolderTarget):
        async def rename(self, src, dst):
            await super().rename(src, dst)
            if dst == "manifest.json":
                raise _Killed

    bundle = tmp_path / "bundle"
    _synthetic_bundle(bundle, 10)
    out = tmp_path / "www"
    sync_bundle(bundle, FolderTarget(out))
    listed = json.loads((bundle / "manifest.json").read_text())
    gone = "2020-05/01/c_1000.htm"
    del listed[gone]
    (bundle / gone).unlink()
    (bundle / "index.html").write_bytes(b"<p>home, again</p>")
    listed["index.html"] = {"bytes": 18, "sha256": hashlib.sha256(b"<p>home, again</p>").hexdigest()}
    (bundle / "manifest.json").write_text(json.dumps(listed))
    with pytest.raises(_Killed):
        sync_bundle(bundle, KilledAfterManifest(out))
    assert (out / gone).exists() and gone not in json.loads((out / "manifest.json").read_text())
    report = sync_bundle(bundle, FolderTarget(out), delete=True)
    assert report.deleted == [gone] and not (out / gone).exists()
    assert {p: h for p, h in tree(out).items() if p != LEDGER} == bundle_files(bundle)
