"""What the app's drags carry between its panes: the MIME types and their encoding, in one place
that costs nothing to import (the gallery's own modules load only when its tab is first shown)."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

MIME_ITEMS = "application/x-workstation-gallery-items"  # gallery item ids, in story order


def encode_items(item_ids: list[int]) -> QMimeData:
    """A drag's data carrying these gallery items."""
    data = QMimeData()
    data.setData(MIME_ITEMS, json.dumps(item_ids).encode())
    return data


def decode_items(data: QMimeData) -> list[int]:
    """The gallery item ids a drag carries."""
    try:
        ids = json.loads(bytes(data.data(MIME_ITEMS)).decode())
    except (UnicodeDecodeError, ValueError):
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []
