"""A preview of the current article as the export renders it (same templates, same escaping).

PySide6-Essentials has no WebEngine, so the page is shown by a QTextBrowser: the layout is
simpler than a browser's, but the words, order, photos, dateline and pager are the bundle's.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from workstation.export import render_article_preview
from workstation.export.seo import full_css
from workstation.library.store import Library

_PAGE = re.compile(r"c_(\d+)(?:_(\d+))?\.htm$")
_NAV = re.compile(r'<nav class="sections".*?</nav>', re.S)
_IMG_SIZE = re.compile(r'(<img [^>]*?)width="(\d+)" height="(\d+)"')
_ISOLATE = re.compile(r'(<bdi[^>]*>|<p class="source-title" dir="auto">|<time [^>]*>)(.*?)(</bdi>|</p>|</time>)', re.S)
_AGENCY = re.compile(r'<bdi class="meta-agency">.*?</bdi>')
_PAGER = re.compile(r'<nav class="pager".*?</nav>', re.S)
_LIST_TAGS = re.compile(r"</?(?:ul|li)>")
# What QTextBrowser can do of the site's stylesheet, plus hiding what it cannot lay out.
_EXTRA_CSS = """
nav.sections, .foot, .visually-hidden, .meta-agency { display: none; }
.pager li, .keywords li { display: inline; }
"""


class ArticlePreview(QTextBrowser):
    """Shows page k of an article as exported; pager links move between its pages."""

    def __init__(self, library: Library, parent: QWidget | None = None, *, cache_dir: Path | None = None):
        super().__init__(parent)
        self.library = library
        self.cache_dir = cache_dir
        self.docid: int | None = None
        self.page = 1
        self.setOpenLinks(False)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.document().setDefaultStyleSheet(full_css() + _EXTRA_CSS)
        self.anchorClicked.connect(self._follow)

    def show_article(self, docid: int | None, page: int = 1) -> None:
        """Renders the article's page (or clears the preview for None); errors are shown, not raised."""
        self.docid, self.page = docid, page
        if docid is None:
            self.clear()
            return
        try:
            html = render_article_preview(self.library, docid, page, cache_dir=self.cache_dir)
        except Exception as exc:  # a preview never takes the editor down
            self.setPlainText(self.tr("No preview: %1").replace("%1", str(exc)))
            return
        self.setHtml(_for_text_browser(html, max(200, self.viewport().width() - 40)))

    def refresh(self) -> None:
        """Renders the shown page again (after a save)."""
        self.show_article(self.docid, self.page)

    def _follow(self, url: QUrl) -> None:
        match = _PAGE.search(url.path() or url.toString())
        if match and self.docid is not None and int(match.group(1)) == self.docid:
            self.show_article(self.docid, int(match.group(2) or 1))


def _for_text_browser(html: str, width: int) -> str:
    """The exported page adapted to what QTextBrowser can show: no section bars, photos fitted
    to the view, and the isolation of <bdi>/dir="auto" (which Qt ignores) as Unicode isolates."""
    html = _AGENCY.sub("", _NAV.sub("", html))  # the agency variant is for phones
    html = _PAGER.sub(lambda m: "<p>" + _LIST_TAGS.sub(" ", m.group(0)) + "</p>", html)

    def fit(match: re.Match) -> str:
        w, h = int(match.group(2)), int(match.group(3))
        if w <= width:
            return match.group(0)
        return f'{match.group(1)}width="{width}" height="{round(h * width / w)}"'

    html = _IMG_SIZE.sub(fit, html)
    return _ISOLATE.sub(lambda m: f"{m.group(1)}\u2068{m.group(2)}\u2069{m.group(3)}", html)
