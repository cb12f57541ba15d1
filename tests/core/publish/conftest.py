"""A real OpenSSH server for the publish tests: on a free loopback port, with a throw-away host key
and user key, in a temp folder, stopped at the end."""

from __future__ import annotations

import pytest

from tests.sshd_support import SshdUnavailable, start_sshd


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    """OpenSSH's sshd on 127.0.0.1, accepting one throw-away user key; skipped without openssh-server."""
    try:
        server, proc = start_sshd(tmp_path_factory.mktemp("sshd"))
    except SshdUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    proc.terminate()
    proc.wait(timeout=10)
