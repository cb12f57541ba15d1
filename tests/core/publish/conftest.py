"""A real OpenSSH server for the publish tests: on a free loopback port, with a throw-away host key
and user key, in a temp folder, stopped at the end."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SSHD = "/usr/sbin/sshd"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def keygen(path: Path, kind: str = "ed25519") -> str:
    """Makes a key pair without a passphrase; its public line."""
    subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", "test", "-f", str(path)], check=True)
    return Path(f"{path}.pub").read_text().strip()


@dataclass
class Sshd:
    """A running sshd: where it listens, who may log in, and the files a client needs."""

    port: int
    user: str
    user_key: Path
    known_hosts: Path
    host_key: Path
    folder: Path

    def url(self, path: Path | str) -> str:
        return f"sftp://{self.user}@127.0.0.1:{self.port}{path}"

    def args(self) -> list[str]:
        return ["--identity", str(self.user_key), "--known-hosts", str(self.known_hosts)]


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    """OpenSSH's sshd on 127.0.0.1, accepting one throw-away user key; skipped without openssh-server."""
    if not Path(SSHD).exists() or shutil.which("ssh-keygen") is None:
        pytest.skip("sshd is not installed (Debian package openssh-server)")
    try:
        os.makedirs("/run/sshd", exist_ok=True)
    except OSError:
        pytest.skip("sshd needs the folder /run/sshd, which cannot be made here")
    folder = tmp_path_factory.mktemp("sshd")
    host_key = folder / "host_ed25519"
    host_pub = keygen(host_key)
    user_key = folder / "user_ed25519"
    (folder / "authorized_keys").write_text(keygen(user_key) + "\n")
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {folder / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nStrictModes no\nUsePAM no\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
        "Subsystem sftp internal-sftp\nMaxSessions 50\nMaxStartups 50\nLogLevel ERROR\n"
    )
    known_hosts = folder / "known_hosts"
    known_hosts.write_text(f"[127.0.0.1]:{port} {' '.join(host_pub.split()[:2])}\n")
    log = (folder / "sshd.log").open("w")
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"sshd did not start: {(folder / 'sshd.log').read_text()}")
            time.sleep(0.05)
    yield Sshd(port, getpass.getuser(), user_key, known_hosts, host_key, folder)
    proc.terminate()
    proc.wait(timeout=10)
    log.close()
