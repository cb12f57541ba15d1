"""The publishable HTML bundle: pages, photo renditions, feeds and manifest (see docs/bundle.md)."""

from workstation.export.bundle import ExportCancelled
from workstation.export.exporter import ExportReport, export_bundle, render_article_preview

__all__ = ["ExportCancelled", "ExportReport", "export_bundle", "render_article_preview"]
