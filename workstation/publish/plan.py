"""What a publish sends: the bundle's files compared with what the target already has.

Files are grouped by kind and sent kind by kind, so a reader never follows a link to a file
that is not there yet: photos and static files, then article pages, then section pages and
the home page, then feeds and the sitemap, and `manifest.json` last.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from workstation.errors import LibraryError
from workstation.export.target import MANIFEST

LEDGER = ".workstation-publish.json"
"""The target's record of the files a publish put there (and of one in progress), at its root."""
TMP_SUFFIX = ".wstmp"

KINDS = ("photos", "static", "other", "stories", "sections", "feeds", "manifest")
"""The kinds of a bundle's files, in the order they are sent."""
_STORY = re.compile(r"\d{4}-\d{2}/\d{2}/c_(\d+)(?:_\d+)?\.htm")
_SECTION = re.compile(r"(?:[a-z0-9-]+/)?index(?:_\d+)?\.html")
_SITEMAP_PART = re.compile(r"sitemap-\d+\.xml")  # the parts of a sitemap index
_PART = re.compile(r"[^\x00-\x1f\x7f/\\]+")


class PublishError(LibraryError):
    """Nothing could be published; the message says why in one sentence."""


def kind(rel: str) -> str:
    """The kind of a bundle file (one of KINDS), which decides when it is sent."""
    if rel == MANIFEST:
        return "manifest"
    if rel.startswith("photos/"):
        return "photos"
    if rel.startswith("static/"):
        return "static"
    if _STORY.fullmatch(rel):
        return "stories"
    if _SECTION.fullmatch(rel):
        return "sections"
    if rel in ("feed.xml", "sitemap.xml", "news-sitemap.xml") or _SITEMAP_PART.fullmatch(rel):
        return "feeds"
    return "other"


def story_docid(rel: str) -> int | None:
    """The document id of an article page's path, else None."""
    found = _STORY.fullmatch(rel)
    return int(found.group(1)) if found else None


def confined(rel: str) -> bool:
    """Whether a bundle path stays inside the target: relative, no `..` or `.` part, no backslash or
    control character, and not one of the names a publish keeps for itself."""
    if not isinstance(rel, str) or not rel or rel.startswith("/") or len(rel) > 1024:
        return False
    parts = rel.split("/")
    if any(p in ("", ".", "..") or not _PART.fullmatch(p) for p in parts):
        return False
    return rel != LEDGER and not parts[-1].endswith(TMP_SUFFIX)


def tmp_name(rel: str) -> str:
    """The temporary name a file is written under before it is renamed into place (hidden, fixed,
    so whatever a killed publish leaves is found again by name)."""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/.{name}{TMP_SUFFIX}" if folder else f".{name}{TMP_SUFFIX}"


Entries = dict[str, tuple[str, int]]


def parse_entries(data: bytes | None) -> Entries | None:
    """A manifest (path -> {"sha256", "bytes"}) read from a target, or None when it is not one.
    Paths that would leave the target are dropped: they are never touched."""
    if data is None:
        return None
    try:
        document = json.loads(data)
        entries = {p: (str(v["sha256"]), int(v["bytes"])) for p, v in document.items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return {p: e for p, e in entries.items() if confined(p)}


def local_entries(manifest_bytes: bytes) -> Entries:
    """The new bundle's files, manifest included; refuses a bundle with a path outside the target."""
    try:
        document = json.loads(manifest_bytes)
        entries = {p: (str(v["sha256"]), int(v["bytes"])) for p, v in document.items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        raise PublishError(f"The bundle's {MANIFEST} cannot be read; export it again.") from None
    for rel in sorted(entries):
        if not confined(rel):
            raise PublishError(f"The bundle holds the path {rel!r}, which would leave the target; nothing was sent.")
    entries[MANIFEST] = (hashlib.sha256(manifest_bytes).hexdigest(), len(manifest_bytes))
    return entries


@dataclass
class SyncPlan:
    """The files to send (in sending order), the ones that left the bundle, and the rest."""

    local: Entries
    uploads: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    unchanged: int = 0
    bytes: int = 0

    def by_kind(self) -> dict[str, list[str]]:
        """The files to send, grouped by kind in sending order."""
        groups: dict[str, list[str]] = {k: [] for k in KINDS}
        for rel in self.uploads:
            groups[kind(rel)].append(rel)
        return groups


def make_plan(local: Entries, remote: Entries, unsure: set[str]) -> SyncPlan:
    """Compares the new bundle with what the target holds. `unsure`: paths a killed publish may have
    left in any state, sent again whatever the record says."""
    plan = SyncPlan(local)
    for rel, entry in local.items():
        if rel not in unsure and remote.get(rel) == entry:
            plan.unchanged += 1
        else:
            plan.uploads.append(rel)
            plan.bytes += entry[1]
    order = {k: i for i, k in enumerate(KINDS)}
    plan.uploads.sort(key=lambda rel: (order[kind(rel)], rel))
    plan.withdrawn = sorted(rel for rel in remote if rel not in local)
    return plan
