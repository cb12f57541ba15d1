"""The photo gallery of an article: thumbnails in story order, captions, batch work, ingest."""

from ui.gallery.panel import GalleryPanel

__all__ = ["GalleryPanel"]
