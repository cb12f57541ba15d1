"""Publishing over SFTP (asyncssh): a verified host, keys from a file, the agent or ~/.ssh, and
many requests in flight on one connection so small files do not wait on round trips."""

from __future__ import annotations

import asyncio
import functools
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

import asyncssh

from workstation.publish.plan import PublishError
from workstation.publish.targets import Access, Target


def _ciphers() -> list[str]:
    # AES-GCM first: one call into the cryptography library a packet, where ChaCha20-Poly1305 takes four.
    algs = [a.decode() for a in asyncssh.encryption.get_default_encryption_algs()]
    return sorted(algs, key=lambda a: not a.startswith("aes") or "gcm" not in a)


class HostKeyError(PublishError):
    """The server's host key is not in known_hosts, or differs from the one there."""

    def __init__(self, message: str, fingerprint: str, changed: bool, known_hosts_line: str = ""):
        super().__init__(message)
        self.fingerprint = fingerprint
        self.changed = changed
        self.known_hosts_line = known_hosts_line  # what trusting this key adds to known_hosts


class PassphraseNeeded(PublishError):
    """The key file is protected by a passphrase that was not given, or not the right one."""


def trust_host_key(known_hosts: Path | None, line: str) -> Path:
    """Adds a host key line (from HostKeyError.known_hosts_line, after the editor compared its
    fingerprint) to known_hosts; the file written."""
    path = known_hosts or default_known_hosts()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    existing = path.read_bytes() if path.exists() else b""
    with path.open("ab") as fh:
        if existing and not existing.endswith(b"\n"):
            fh.write(b"\n")
        fh.write(line.encode() + b"\n")
    return path


def _translated(method):
    """A file operation whose SFTP status errors become OSError (that one file failed, with the
    server's reason) and whose lost connection ends the publish."""

    @functools.wraps(method)
    async def run(self, *args):
        try:
            return await method(self, *args)
        except asyncssh.SFTPError as exc:
            raise OSError(exc.reason or str(exc)) from None
        except (asyncssh.Error, ConnectionError, EOFError) as exc:
            reason = getattr(exc, "reason", None) or str(exc) or type(exc).__name__
            raise PublishError(f"The connection to {self.host} was lost ({reason}); the next publish finishes "
                               "the job.") from None  # fmt: skip

    return run


def _coalesce_writes(conn) -> None:
    """Sends the packets queued in one turn of the event loop in one system call. asyncssh writes each
    packet to the socket as it is made; with hundreds of small requests in flight, those writes (and
    the server woken for each) cost more than everything else a publish does."""
    send = getattr(conn, "_send", None)
    if send is None:  # another asyncssh: its own way of sending is kept
        return
    loop = asyncio.get_running_loop()
    queued: list[bytes] = []

    def flush() -> None:
        data = b"".join(queued)
        queued.clear()
        send(data)

    def queue(data: bytes) -> None:
        if not queued:
            loop.call_soon(flush)
        queued.append(data)

    conn._send = queue


class _Client(asyncssh.SSHClient):
    """Remembers the host key the server offered when known_hosts does not vouch for it."""

    offered: asyncssh.SSHKey | None = None

    def validate_host_public_key(self, host, addr, port, key) -> bool:
        _Client.offered = key
        return False


def default_known_hosts() -> Path:
    """The user's own known_hosts file."""
    return Path("~/.ssh/known_hosts").expanduser()


class SftpTarget(Target):
    """A folder on a server reached by SFTP: `sftp://user@host[:port]/path` (`/~/path`: in the
    user's home folder)."""

    concurrency = 48

    def __init__(self, user: str | None, host: str, port: int, root: str, access: Access):
        self.user, self.host, self.port, self.root, self.access = user, host, port, root, access
        self._conn = None
        self._sftp = None

    @classmethod
    def from_spec(cls, spec: str, access: Access) -> SftpTarget:
        """The target an `sftp://` URL names; a password in it is refused (it would end up in logs)."""
        try:
            url = urlsplit(spec)
            port = url.port or 22
        except ValueError as exc:
            raise PublishError(f"The target {spec} is not a valid sftp:// URL ({exc}).") from None
        if url.password is not None:
            raise PublishError("A password does not belong in the target's URL; use a key (--identity or the agent).")
        if not url.hostname:
            raise PublishError(f"The target {spec} names no host (sftp://user@host[:port]/path).")
        path = unquote(url.path) or "/"
        if path.startswith("/~/") or path == "/~":
            path = path[3:] or "."
        return cls(unquote(url.username) if url.username else None, url.hostname, port, path.rstrip("/") or "/", access)

    @property
    def label(self) -> str:
        who = f"{self.user}@" if self.user else ""
        where = self.root if self.root.startswith("/") else "/~/" + self.root.removeprefix(".")
        return f"sftp://{who}{self.host}{'' if self.port == 22 else f':{self.port}'}{where}"

    def _path(self, rel: str) -> str:
        return f"{self.root.rstrip('/')}/{rel}" if self.root != "." else rel

    def _known_hosts(self):
        path = self.access.known_hosts or default_known_hosts()
        if not path.exists():  # no host is known yet: the refusal names the server's key
            return ([], [], [])
        try:
            return asyncssh.read_known_hosts(str(path))
        except (OSError, ValueError) as exc:
            raise PublishError(f"The known_hosts file {path} cannot be read ({exc}).") from None

    async def open(self, create: bool = True) -> None:
        known = self._known_hosts()
        options = {}
        if self.access.identity is not None:
            if not self.access.identity.is_file():
                raise PublishError(f"The key file {self.access.identity} does not exist.")
            options["client_keys"] = [str(self.access.identity)]
        if self.access.passphrase:
            options["passphrase"] = self.access.passphrase
        _Client.offered = None
        try:
            try:
                self._conn = await self._connect(known, options)
            except (OSError, asyncssh.DisconnectError) as exc:
                refused = (asyncssh.HostKeyNotVerifiable, asyncssh.PermissionDenied)
                if isinstance(exc, refused) or not self._trusted(known):
                    raise
                # known_hosts holds keys of other types than the server's: no key exchange could agree on
                # one. Asked for any type, the server shows its key, which is then refused as changed.
                self._conn = await self._connect(known, options, server_host_key_algs="default")
            _coalesce_writes(self._conn)
            self._sftp = await self._conn.start_sftp_client()
        except asyncssh.HostKeyNotVerifiable:
            raise self._host_key_error(known) from None
        except asyncssh.PermissionDenied:
            keys = f"the key {self.access.identity}" if self.access.identity else "the agent's and ~/.ssh keys"
            raise PublishError(f"{self.host} refused the login of {self.user or 'the user'} with {keys}.") from None
        except (asyncssh.KeyImportError, asyncssh.KeyEncryptionError) as exc:
            if "passphrase" in str(exc).lower():
                raise PassphraseNeeded(f"The key {self.access.identity} needs its passphrase (or load it into the "
                                       "SSH agent with ssh-add).") from None  # fmt: skip
            raise PublishError(f"The key {self.access.identity} cannot be used: {exc}.") from None
        except (OSError, asyncssh.Error) as exc:
            reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
            raise PublishError(f"Cannot reach {self.host}:{self.port}: {reason}.") from None
        if create:
            await self._make_root()

    async def _connect(self, known, options: dict, **more):
        conn, _ = await asyncssh.create_connection(
            _Client, self.host, self.port, username=self.user, known_hosts=known, password=None, kbdint_auth=False,
            connect_timeout=20, encryption_algs=_ciphers(), **options, **more)  # fmt: skip
        return conn

    def _trusted(self, known) -> tuple:
        """The host keys known_hosts holds for this server."""
        return asyncssh.match_known_hosts(known, self.host, "", self.port)[0] if not isinstance(known, tuple) else ()

    def _host_key_error(self, known) -> HostKeyError:
        key = _Client.offered
        if key is None:
            return HostKeyError(f"The host key of {self.host} cannot be verified.", "", False)
        fingerprint = key.get_fingerprint("sha256")
        where = self.host if self.port == 22 else f"[{self.host}]:{self.port}"
        algorithm, blob = key.export_public_key("openssh").decode().split()[:2]
        line = f"{where} {algorithm} {blob}"
        if self._trusted(known):
            return HostKeyError(
                f"The host key of {where} has CHANGED: it is now {key.get_algorithm()} {fingerprint}, which is not "
                "the one in known_hosts. Someone may be impersonating the server; nothing was sent.",
                fingerprint, True)  # fmt: skip
        return HostKeyError(
            f"{where} is not a known host: its key is {key.get_algorithm()} {fingerprint}. Compare it with the "
            "server's own, then add the key to known_hosts; nothing was sent.",
            fingerprint, False, line)  # fmt: skip

    async def _make_root(self) -> None:
        if self.root in ("/", "."):
            return
        try:
            await self._sftp.makedirs(self.root, exist_ok=True)
        except (asyncssh.SFTPError, OSError) as exc:
            raise PublishError(f"Cannot create the folder {self.root} on {self.host}: {exc}.") from None

    async def close(self) -> None:
        if self._sftp is not None:
            self._sftp.exit()
        if self._conn is not None:
            self._conn.close()
            await self._conn.wait_closed()
        self._sftp = self._conn = None

    @_translated
    async def read(self, rel: str) -> bytes | None:
        try:
            async with self._sftp.open(self._path(rel), "rb") as fh:
                return await fh.read()
        except asyncssh.SFTPNoSuchFile:
            return None

    @_translated
    async def listdir(self, rel: str) -> dict[str, int]:
        try:
            entries = await self._sftp.readdir(self._path(rel) if rel else self.root)
        except (asyncssh.SFTPNoSuchFile, asyncssh.SFTPNoSuchPath, asyncssh.SFTPFailure):
            return {}
        return {e.filename: e.attrs.size for e in entries
                if e.attrs.permissions is not None and stat.S_ISREG(e.attrs.permissions)}  # fmt: skip

    @_translated
    async def write(self, rel: str, data: bytes) -> None:
        async with self._sftp.open(self._path(rel), "wb") as fh:
            await fh.write(data)

    @_translated
    async def rename(self, src: str, dst: str) -> None:
        try:
            await self._sftp.posix_rename(self._path(src), self._path(dst))
        except asyncssh.SFTPOpUnsupported:
            await self.remove(dst)
            await self._sftp.rename(self._path(src), self._path(dst))

    @_translated
    async def remove(self, rel: str) -> None:
        try:
            await self._sftp.remove(self._path(rel))
        except asyncssh.SFTPNoSuchFile:
            pass

    @_translated
    async def mkdir(self, rel: str) -> None:
        try:
            await self._sftp.mkdir(self._path(rel))
        except asyncssh.SFTPError:
            if not await self._sftp.isdir(self._path(rel)):
                raise

    @_translated
    async def rmdir(self, rel: str) -> None:
        try:
            await self._sftp.rmdir(self._path(rel))
        except asyncssh.SFTPError:
            pass
