"""publish: exports the library into a staging bundle (incrementally) and syncs it to a target."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from workstation.errors import Progress
from workstation.export import export_bundle
from workstation.library.store import Library
from workstation.paths import AppPaths
from workstation.publish.log import headlines, record, story_ids
from workstation.publish.sync import PublishCancelled, SyncReport, sync_bundle
from workstation.publish.targets import Access, target_for


def staging_bundle(library: Library) -> Path:
    """The bundle a library is exported into before it is published: in the user cache folder, one per
    library, kept between publishes so each export only redoes what changed."""
    key = hashlib.blake2b(library.url.encode(), digest_size=8).hexdigest()
    return AppPaths.from_environment().cache / "publish" / key / "bundle"


def publish(library: Library, to: str, access: Access | None = None, *, delete: bool = False,
            dry_run: bool = False, progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
            workers: int | None = None, bundle: Path | None = None) -> SyncReport:  # fmt: skip
    """Exports the published stories and sends what changed to `to` (see sync.py), and logs the publish
    in the library; a dry run only reports what would be sent. `bundle`: an exported folder to send
    instead of exporting."""
    target = target_for(to, access)
    if bundle is None:
        bundle = staging_bundle(library)
        bundle.parent.mkdir(parents=True, exist_ok=True)
        export_bundle(library, bundle, cancel=cancel, workers=workers).wait()
    try:
        report = sync_bundle(bundle, target, delete=delete, dry_run=dry_run, progress=progress, cancel=cancel)
    except PublishCancelled as exc:
        if exc.report is not None and (exc.report.uploaded or exc.report.deleted):
            record(library, exc.report, "cancelled")
        raise
    if not dry_run:
        record(library, report, "partial" if report.failed else "done")
    return report


def changed_stories(library: Library, report: SyncReport) -> list[tuple[int, str]]:
    """The stories a publish sends (or would send), with their headlines, in the order of the report."""
    docids = story_ids(report.uploaded)
    names = headlines(library, docids)
    return [(d, names.get(d, "")) for d in docids]
