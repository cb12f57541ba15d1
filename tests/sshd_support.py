"""A throw-away OpenSSH server for tests and benchmarks: a free loopback port, its own host key and
one user key, in a folder of its own."""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SSHD = "/usr/sbin/sshd"


def free_port() -> int:
    """A TCP port nothing listens on at the moment, on the loopback interface."""
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


class SshdUnavailable(Exception):
    """sshd cannot run here; the message says what is missing."""


def start_sshd(folder: Path) -> tuple[Sshd, subprocess.Popen]:
    """Starts sshd on 127.0.0.1 accepting one new user key; the server and its process."""
    if not Path(SSHD).exists():
        raise SshdUnavailable("sshd is not installed (Debian package openssh-server)")
    try:
        os.makedirs("/run/sshd", exist_ok=True)
    except OSError:
        raise SshdUnavailable("sshd needs the folder /run/sshd, which cannot be made here") from None
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
    log.close()
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SshdUnavailable(f"sshd did not start: {(folder / 'sshd.log').read_text()}") from None
            time.sleep(0.05)
    return Sshd(port, getpass.getuser(), user_key, known_hosts, host_key, folder), proc
