"""Editorial Workstation: the core (store, search, photos, export, import, CLI). No Qt here."""

__version__ = "0.2.0"
