"""What the checks keep in the library: the newsroom dictionary and which rules are switched off.

Both live in the library's database, so every editor of a shared (server) library uses the
same words and rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from sqlalchemy import delete, select, text
from sqlalchemy.dialects import postgresql, sqlite

from workstation.articles.repo import ArticleRepo
from workstation.body.letters import ARABIC_LETTER, TASHKEEL, TATWEEL, strip_marks
from workstation.checks.findings import RULES
from workstation.checks.spelling import Speller, SpellingUnavailable
from workstation.checks.story import Checker, StoryText, story_from_record
from workstation.clock import DEFAULT_TIMEZONE, utcnow
from workstation.errors import no_such_section
from workstation.library.models import LIVE, PUBLISHED, Article, NewsroomWord, Section, Setting, Shortcut
from workstation.library.store import Library
from workstation.photos.gallery import GalleryRepo

DISABLED_SETTING = "checks_disabled"
MAX_WORD = 100
_ARABIC_WORD = re.compile(f"[{ARABIC_LETTER}{TASHKEEL}{TATWEEL}]+")
_NOT_A_WORD = re.compile(r"[\s\d.,،;؛:!?؟()\[\]{}«»\"“”/\\<>]")


def clean_word(word: str) -> str:
    """A word as the newsroom dictionary keeps it; a ValueError names a word that cannot be one."""
    plain = strip_marks(word.strip())
    if not plain:
        raise ValueError(f"'{word}' is not a word: it is empty once spaces, tashkeel and tatweel are removed.")
    if _NOT_A_WORD.search(plain):
        raise ValueError(f"'{word}' is not one word: it holds a space, a digit or punctuation.")
    if len(plain) > MAX_WORD:
        raise ValueError(f"'{word[:20]}…' is not a word: it is longer than {MAX_WORD} characters.")
    return plain


class NewsroomDictionary:
    """The newsroom's own words, accepted by the spelling check besides hunspell's dictionary."""

    def __init__(self, library: Library):
        self.library = library

    def words(self) -> list[str]:
        """Every word, in alphabetical order."""
        with self.library.sessions() as session:
            return list(session.scalars(select(NewsroomWord.word).order_by(NewsroomWord.word)))

    def shortcut_words(self) -> set[str]:
        """The words of the newsroom's code replacements' texts, which count as known too."""
        with self.library.sessions() as session:
            texts = session.scalars(select(Shortcut.text))
            return {strip_marks(w) for text in texts for w in _ARABIC_WORD.findall(text)}

    def add(self, words: Iterable[str]) -> list[str]:
        """Adds words (each cleaned by `clean_word`); returns those that were not there yet."""
        cleaned = list(dict.fromkeys(clean_word(w) for w in words))
        with self.library.sessions.begin() as session:
            have = set(session.scalars(select(NewsroomWord.word).where(NewsroomWord.word.in_(cleaned))))
            new = [w for w in cleaned if w not in have]
            if new:
                insert = postgresql.insert if self.library.engine.dialect.name == "postgresql" else sqlite.insert
                now = utcnow()
                session.execute(insert(NewsroomWord).values([{"word": w, "added_at": now} for w in new])
                                .on_conflict_do_nothing())  # fmt: skip
        return new

    def remove(self, words: Iterable[str]) -> list[str]:
        """Removes words; returns those that were there."""
        cleaned = list(dict.fromkeys(strip_marks(w.strip()) for w in words))
        with self.library.sessions.begin() as session:
            have = list(session.scalars(select(NewsroomWord.word).where(NewsroomWord.word.in_(cleaned))))
            session.execute(delete(NewsroomWord).where(NewsroomWord.word.in_(have)))
        return [w for w in cleaned if w in have]


def disabled_rules(library: Library) -> frozenset[str]:
    """The ids of the rules switched off in this library."""
    try:
        value = json.loads(library.setting(DISABLED_SETTING))
    except (KeyError, ValueError):
        return frozenset()
    return frozenset(r for r in value if r in RULES) if isinstance(value, list) else frozenset()


def set_rule_enabled(library: Library, rules: Iterable[str], enabled: bool) -> frozenset[str]:
    """Switches rules on or off for the library; a ValueError names an unknown rule. Returns the rules off."""
    rules = list(rules)
    for rule in rules:
        if rule not in RULES:
            raise ValueError(f"'{rule}' is not a rule; the rules are: {', '.join(RULES)}.")
    off = set(disabled_rules(library))
    off = off - set(rules) if enabled else off | set(rules)
    with library.sessions.begin() as session:
        session.merge(Setting(key=DISABLED_SETTING, value=json.dumps(sorted(off))))
    return frozenset(off)


def library_timezone(library: Library) -> str:
    """The site's time zone from the library settings."""
    try:
        return library.setting("timezone")
    except KeyError:
        return DEFAULT_TIMEZONE


def checker_for(library: Library, speller: Speller | None = None) -> tuple[Checker, str | None]:
    """A Checker with the library's words and rules, and why spelling is off (None when it is on)."""
    why = None
    if speller is None:
        try:
            words = NewsroomDictionary(library)
            speller = Speller([*words.words(), *words.shortcut_words()])
        except SpellingUnavailable as exc:
            why = str(exc)
    return Checker(speller, disabled_rules(library)), why


def load_story(library: Library, docid: int) -> StoryText:
    """The texts of article `docid` and its captions; NotFoundError when there is no such article."""
    record = ArticleRepo(library).get(docid)
    captions = [item.caption for item in GalleryRepo(library).items(docid)]
    return story_from_record(record, captions, library_timezone(library))


def story_ids(library: Library, sections: Iterable[str] = (), published_only: bool = False) -> list[int]:
    """The live (not trashed) articles of these sections, or of the whole library, by document id;
    with `published_only`, those an export would publish."""
    sections = list(sections)
    with library.sessions() as session:
        query = select(Article.id).where(text(PUBLISHED if published_only else LIVE)).order_by(Article.id)
        if sections:
            known = dict(session.execute(select(Section.slug, Section.id).where(Section.slug.in_(sections))).all())
            for slug in sections:
                if slug not in known:
                    raise no_such_section(slug)
            query = query.where(Article.section_id.in_(known.values()))
        return list(session.scalars(query))


def lint(library: Library, docids: Iterable[int], checker: Checker, suggest: bool = True):
    """(docid, findings) for each story, in the order given."""
    for docid in docids:
        story = load_story(library, docid)
        yield docid, checker.story(story, suggest=suggest)


def headline(library: Library, docid: int) -> str:
    """An article's headline, for naming it in a list of findings."""
    with library.sessions() as session:
        return session.scalar(select(Article.headline).where(Article.id == docid)) or ""
