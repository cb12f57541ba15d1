"""The sync engine: sends a bundle folder to a target so that the site is never half updated.

Each file is written under a temporary name and renamed into place, kind by kind (plan.py),
`manifest.json` last. What the target holds of ours is its manifest, plus a small ledger
(plan.LEDGER) naming the files a publish put there that the manifest no longer lists (a
withdrawn story kept without --delete) and, while a publish runs, the paths it is changing.
A publish killed at any moment leaves that list behind; the next one removes the temporary
files it names and sends those paths again. Only files in the manifest or the ledger are
ever deleted, and only after the new manifest is in place. A publish after one change reads
the manifest and writes two small ledgers besides the files that changed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workstation.errors import Problem, Progress
from workstation.export.target import MANIFEST
from workstation.publish.plan import (
    LEDGER,
    Entries,
    PublishError,
    SyncPlan,
    confined,
    kind,
    local_entries,
    make_plan,
    parse_entries,
    tmp_name,
)  # fmt: skip
from workstation.publish.targets import Target


class PublishCancelled(Exception):
    """The publish was cancelled; the site holds whole files only, and the next publish finishes the job.
    `report` says what was sent before."""

    report: SyncReport | None = None


@dataclass
class SyncReport:
    """What a publish sent (or, on a dry run, would send)."""

    target: str
    uploaded: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)  # left the bundle, still on the server
    unchanged: int = 0
    bytes: int = 0
    failed: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    sizes: dict[str, int] = field(default_factory=dict, repr=False)  # of each file to send or sent

    def as_json(self) -> dict:
        """The contract's JSON document (docs/cli.md)."""
        return {"uploaded": self.uploaded, "deleted": self.deleted, "unchanged": self.unchanged, "bytes": self.bytes}

    def summary(self) -> str:
        """One line saying what was sent where."""
        verb = "would send" if self.dry_run else "sent"
        line = f"{verb} {len(self.uploaded)} files ({self.bytes:,} bytes) to {self.target}, {self.unchanged} unchanged"
        if self.deleted:
            line += f", {len(self.deleted)} {'to delete' if self.dry_run else 'deleted'}"
        if self.withdrawn:
            line += f", {len(self.withdrawn)} no longer in the bundle (kept; --delete removes them)"
        if self.failed:
            line += f", {len(self.failed)} failed"
        return line


def _ledger(data: bytes | None) -> tuple[Entries, list[str]] | None:
    """The ledger's files kept beyond the manifest, and the paths a publish was changing."""
    if data is None:
        return None
    try:
        document = json.loads(data)
        extra = parse_entries(json.dumps(document.get("extra", {})).encode())
        pending = [p for p in document.get("pending", []) if isinstance(p, str) and confined(p)]
    except (ValueError, TypeError, AttributeError):
        return None
    return (extra, pending) if extra is not None else None


def _ledger_bytes(extra: Entries, pending: list[str]) -> bytes:
    document = {"extra": {p: {"sha256": s, "bytes": n} for p, (s, n) in sorted(extra.items())}, "pending": pending}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


class _Sync:
    def __init__(self, bundle: Path, target: Target, delete: bool, dry_run: bool,
                 progress: Progress | None, cancel: Callable[[], bool] | None):  # fmt: skip
        self.bundle, self.target, self.delete, self.dry_run = bundle, target, delete, dry_run
        self.progress, self.cancel = progress, cancel
        self.concurrency = target.concurrency
        self.report = SyncReport(target.label, dry_run=dry_run)
        self.total = 0
        self.cancelled = False

    async def _each(self, fn, items) -> None:
        """Runs `fn` on every item, a fixed number of them in flight (workers sharing one iterator:
        thousands of waiting tasks would cost more than the requests)."""
        items = list(items)
        pending = iter(items)
        errors: list[BaseException] = []

        async def worker() -> None:
            for item in pending:
                if errors:  # one worker met an error that ends the publish: the others stop too
                    return
                try:
                    await fn(item)
                except BaseException as exc:
                    errors.append(exc)
                    return

        await asyncio.gather(*(worker() for _ in range(min(self.concurrency, len(items)))))
        if errors:
            raise errors[0]

    def _check_cancel(self) -> None:
        if self.cancelled or (self.cancel is not None and self.cancel()):
            self.cancelled = True
            raise PublishCancelled("The publish was cancelled; the site holds whole files only.")

    async def run(self) -> SyncReport:
        try:
            manifest_bytes = (self.bundle / MANIFEST).read_bytes()
        except OSError:
            raise PublishError(f"{self.bundle} is not an exported bundle (it has no {MANIFEST}).") from None
        local = local_entries(manifest_bytes)
        await self.target.open(create=not self.dry_run)
        try:
            return await self._run(local)
        except PublishCancelled as exc:
            exc.report = self.report
            raise
        finally:
            await self.target.close()

    async def _remote(self, local: Entries) -> tuple[Entries, Entries, list[str]]:
        """What the target holds of ours, the part of it only the ledger lists, and the paths a killed
        publish left unsure (ours, in any state)."""
        try:
            ledger = _ledger(await self.target.read(LEDGER))
            data = await self.target.read(MANIFEST)
        except OSError as exc:
            raise PublishError(f"Cannot read {self.target.label}: {_reason(exc)}.") from None
        listed = parse_entries(data)
        if listed is not None:
            listed[MANIFEST] = (hashlib.sha256(data).hexdigest(), len(data))
        if listed is not None or ledger is not None:
            extra, pending = ledger or ({}, [])
            remote = {**extra, **(listed or {})}
            for rel in pending:
                remote.setdefault(rel, ("", -1))
            return remote, extra, pending
        # No record: compare by size (one listing a folder), then by content where the sizes agree.
        # Files at paths the bundle does not have are never read.
        by_folder: dict[str, list[str]] = {}
        for rel in local:
            by_folder.setdefault(rel.rpartition("/")[0], []).append(rel)
        same_size: list[str] = []

        async def listing(folder: str) -> None:
            sizes = await self.target.listdir(folder)
            same_size.extend(r for r in by_folder[folder] if sizes.get(r.rpartition("/")[2]) == local[r][1])

        await self._each(listing, sorted(by_folder))
        found: Entries = {}

        async def probe(rel: str) -> None:
            data = await self.target.read(rel)
            if data is not None:
                found[rel] = (hashlib.sha256(data).hexdigest(), len(data))

        await self._each(probe, same_size)
        return found, {}, []

    async def _run(self, local: Entries) -> SyncReport:
        remote, extra, unsure = await self._remote(local)
        plan = make_plan(local, remote, set(unsure))
        report = self.report
        report.uploaded, report.unchanged, report.bytes = list(plan.uploads), plan.unchanged, plan.bytes
        report.sizes = {p: local[p][1] for p in plan.uploads}
        deleting = plan.withdrawn if self.delete else []
        report.withdrawn = [] if self.delete else plan.withdrawn
        if self.dry_run:
            report.deleted = list(deleting)
            return report
        self._check_cancel()
        if unsure:  # what a killed publish left: its temporary files go first
            await self._each(self.target.remove, [tmp_name(p) for p in unsure])
        await self.target.remove(tmp_name(LEDGER))
        if not plan.uploads and not deleting:
            if unsure:  # the killed publish's paths that left the bundle stay ours
                await self._put_ledger({p: remote[p] for p in plan.withdrawn}, [])
            return report
        # Until the publish ends, the files leaving the bundle stay on record as ours: once the new
        # manifest is in place, nothing else lists them.
        withdrawn = {p: remote[p] for p in plan.withdrawn}
        await self._put_ledger({**extra, **withdrawn}, sorted(set(plan.uploads) | set(deleting)))
        report.uploaded = []
        report.bytes = 0
        await self._send(plan)
        if report.failed:  # the manifest and the deletions wait for a publish that sends everything
            return report
        if deleting:
            await self._each(self._delete, deleting)
            await self._remove_empty_dirs(deleting)
        gone = set(report.deleted)
        await self._put_ledger({p: e for p, e in withdrawn.items() if p not in gone}, [])
        return report

    async def _put_ledger(self, extra: Entries, pending: list[str]) -> None:
        tmp = tmp_name(LEDGER)
        try:
            await self.target.write(tmp, _ledger_bytes(extra, pending))
            await self.target.rename(tmp, LEDGER)
        except OSError as exc:
            raise PublishError(f"Cannot write to {self.target.label}: {_reason(exc)}.") from None

    async def _send(self, plan: SyncPlan) -> None:
        await self._make_dirs(plan.uploads)
        self.total = len(plan.uploads)
        for group in plan.by_kind().values():
            if not group:
                continue
            await self._each(self._upload, group)
            self._check_cancel()
            if self.report.failed:
                return
        if self.progress is not None:
            self.progress(self.total, self.total, "")

    async def _make_dirs(self, paths: list[str]) -> None:
        folders: set[str] = set()
        for rel in paths:
            parts = rel.split("/")[:-1]
            folders.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
        by_depth: dict[int, list[str]] = {}
        for folder in folders:
            by_depth.setdefault(folder.count("/"), []).append(folder)
        for depth in sorted(by_depth):
            await self._each(self._mkdir, sorted(by_depth[depth]))

    async def _mkdir(self, folder: str) -> None:
        try:
            await self.target.mkdir(folder)
        except OSError:
            pass  # the files to go in it fail one by one, each named with the reason

    async def _upload(self, rel: str) -> None:
        if self.cancelled or (self.cancel is not None and self.cancel()):
            self.cancelled = True  # the files in flight finish; the rest wait for the next publish
            return
        try:
            data = (self.bundle / rel).read_bytes()
            tmp = tmp_name(rel)
            await self.target.write(tmp, data)
            await self.target.rename(tmp, rel)
        except OSError as exc:
            self.report.failed.append(Problem(rel, _reason(exc)))
            return
        self.report.uploaded.append(rel)
        self.report.bytes += len(data)
        if self.progress is not None:
            self.progress(len(self.report.uploaded), self.total, f"{kind(rel)}: {rel}")

    async def _delete(self, rel: str) -> None:
        try:
            await self.target.remove(rel)
            self.report.deleted.append(rel)
        except OSError as exc:
            self.report.failed.append(Problem(rel, f"not deleted: {_reason(exc)}"))

    async def _remove_empty_dirs(self, deleted: list[str]) -> None:
        folders: set[str] = set()
        for rel in deleted:
            parts = rel.split("/")[:-1]
            folders.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
        for folder in sorted(folders, key=lambda f: -f.count("/")):
            await self.target.rmdir(folder)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def sync_bundle(bundle: Path, target: Target, *, delete: bool = False, dry_run: bool = False,
                progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> SyncReport:  # fmt: skip
    """Sends an exported bundle folder to a target: only what changed, kind by kind, manifest last;
    with `delete`, then removes the files that left the bundle. `dry_run`: the same report, nothing touched."""
    return asyncio.run(_Sync(Path(bundle), target, delete, dry_run, progress, cancel).run())
