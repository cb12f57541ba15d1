"""The rules of the body's HTML subset, stated once: its tags, its link schemes, its headings."""

from __future__ import annotations

BODY_TAGS = frozenset({"p", "h2", "h3", "strong", "em", "a", "blockquote", "ul", "ol", "li", "br"})
"""The tags a stored body may hold; sanitizing removes every other."""

LINK_SCHEMES = ("http", "https", "mailto")
"""The schemes a link in a body may use; any other link loses its target."""

HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
"""Every HTML heading level and the subset's heading it becomes (the page's own title is the h1)."""
