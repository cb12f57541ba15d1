"""The article editor: fields, right-to-left rich-text body, find/replace, autosave, conflicts, revisions."""

from ui.editor.editor import ArticleEditor

__all__ = ["ArticleEditor"]
