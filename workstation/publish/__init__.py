"""Publishing the bundle to the web server: only what changed, to a verified host, never half a site."""

from workstation.publish.plan import PublishError
from workstation.publish.publisher import changed_stories, publish, staging_bundle
from workstation.publish.sync import PublishCancelled, SyncReport, sync_bundle
from workstation.publish.targets import Access, target_for

__all__ = ["Access", "PublishCancelled", "changed_stories", "PublishError", "SyncReport", "publish", "staging_bundle", "sync_bundle",
           "target_for"]  # fmt: skip
