"""Key passphrases in the system keyring, when the editor asks for it: never in the settings file.

A missing or locked keyring is no error: the passphrase is then asked for each time.
"""

from __future__ import annotations

SERVICE = "EditorialWorkstation"


def _account(identity: str) -> str:
    return f"ssh-key:{identity}"


def load(identity: str) -> str | None:
    """The passphrase kept for a key file, or None."""
    try:
        import keyring

        return keyring.get_password(SERVICE, _account(identity))
    except Exception:  # no keyring here, or a locked one: the editor is asked instead
        return None


def store(identity: str, passphrase: str) -> bool:
    """Keeps a key file's passphrase in the system keyring; whether it could."""
    try:
        import keyring

        keyring.set_password(SERVICE, _account(identity), passphrase)
    except Exception:  # no keyring here: the passphrase lives as long as the dialog
        return False
    return True


def forget(identity: str) -> None:
    """Removes a key file's passphrase from the keyring, if it is there."""
    try:
        import keyring

        keyring.delete_password(SERVICE, _account(identity))
    except Exception:  # nothing kept, or no keyring
        pass
