"""Checking a whole story: every field's paragraphs, then the rules that look across the story.

A story's fields are its headline, subtitle, dateline (as printed), body (its blocks'
texts joined by newlines) and the captions of its photos (`caption:1` is the first in
story order). Offsets count characters in a field's text, so a finding's span is
`text[offset:offset + length]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from workstation.body.blocks import parse_body
from workstation.body.dateline import MONTHS, format_dateline
from workstation.body.letters import ARABIC_LETTER, EASTERN_DIGITS, western_digits
from workstation.checks.findings import Finding
from workstation.checks.spelling import Speller
from workstation.checks.style import paragraph_findings

SPELLED_FIELDS = ("headline", "subtitle", "body")  # and captions; never the dateline's names
# Month names of the Levant and Iraq, which wire copy often gives beside (or for) the house's names.
LEVANTINE_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
_ANY_MONTH = "|".join(sorted(map(re.escape, MONTHS + LEVANTINE_MONTHS), key=len, reverse=True))
_EASTERN_NUMBER = re.compile(f"[{EASTERN_DIGITS}]+(?:[٫٬.,][{EASTERN_DIGITS}]+)*")
_WESTERN_DIGIT = re.compile("[0-9]")
# A dateline typed at the head of the body: place, a date, then the agency in brackets.
_TYPED_DATELINE = re.compile(
    rf"^(?P<city>[{ARABIC_LETTER} ]{{2,30}}?)[،,]?[ \u00a0]+(?P<date>[^()\n]{{0,40}}?)[ \u00a0]*"
    rf"\((?P<agency>[^()\n]{{2,40}})\)(?P<tail>[ \u00a0]*[-–—:]?)(?=[ \u00a0])"
)
_HOUSE_DATELINE = re.compile(rf"^[{ARABIC_LETTER}]+(?: [{ARABIC_LETTER}]+)* [1-9]\d? (?:{'|'.join(MONTHS)}) \d{{4}}$")


@dataclass(frozen=True)
class StoryText:
    """The texts of one story that the checks read."""

    docid: int
    headline: str = ""
    subtitle: str = ""
    dateline_city: str = ""
    dateline_at: datetime | None = None
    dateline_agency: str = ""
    paragraphs: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    timezone: str = "Asia/Shanghai"

    @property
    def dateline(self) -> str:
        """The dateline as the page prints it."""
        return format_dateline(self.dateline_city, self.dateline_at, self.dateline_agency, self.timezone)

    @property
    def body(self) -> str:
        """The body's plain text: one line per block."""
        return "\n".join(self.paragraphs)

    def fields(self) -> list[tuple[str, str]]:
        """(field, text) of every non-empty field, in reading order."""
        named = [("headline", self.headline), ("subtitle", self.subtitle), ("dateline", self.dateline),
                 ("body", self.body)]  # fmt: skip
        named += [(f"caption:{i}", c) for i, c in enumerate(self.captions, 1)]
        return [(name, text) for name, text in named if text]


def story_from_record(record, captions: list[str] | tuple[str, ...], timezone: str) -> StoryText:
    """The StoryText of an ArticleRecord and its gallery's captions."""
    return StoryText(
        docid=record.docid, headline=record.headline, subtitle=record.subheadline,
        dateline_city=record.dateline_city, dateline_at=record.dateline_at, dateline_agency=record.dateline_agency,
        paragraphs=tuple(block.text for block in parse_body(record.body)), captions=tuple(captions),
        timezone=timezone,
    )  # fmt: skip


@dataclass
class Checker:
    """Runs the enabled rules; spelling only when hunspell's dictionary could be opened."""

    speller: Speller | None
    disabled: frozenset[str] = field(default_factory=frozenset)

    @property
    def spelling(self) -> bool:
        """Whether spelling is checked."""
        return self.speller is not None and "spelling" not in self.disabled

    def paragraph(self, text: str, field_name: str = "body", suggest: bool = False) -> list[Finding]:
        """The findings of one paragraph that need nothing else of the story, by position."""
        found = paragraph_findings(text, field_name, self.disabled)
        if self.spelling and (field_name in SPELLED_FIELDS or field_name.startswith("caption:")):
            for offset, length, word in self.speller.misspellings(text):
                suggestions = tuple(self.speller.suggest(word)) if suggest else ()
                found.append(Finding(field_name, offset, length, word, "spelling", suggestions))
            found.sort(key=lambda f: (f.offset, f.length))
        return found

    def field(self, text: str, field_name: str, suggest: bool = False) -> list[Finding]:
        """The paragraph findings of a field of one or more lines, offsets in the whole field."""
        found: list[Finding] = []
        start = 0
        for line in text.split("\n"):
            found.extend(f.moved(field_name, start) for f in self.paragraph(line, field_name, suggest))
            start += len(line) + 1
        return found

    def story(self, story: StoryText, suggest: bool = False) -> list[Finding]:
        """Every finding of a story, field by field in reading order."""
        found: list[Finding] = []
        for name, text in story.fields():
            if name != "dateline":
                found.extend(self.field(text, name, suggest))
        if "dateline" not in self.disabled:
            found.extend(dateline_findings(story))
        if "mixed-digits" not in self.disabled:
            found.extend(mixed_digit_findings(story))
        order = {name: i for i, (name, _text) in enumerate(story.fields())}
        found.sort(key=lambda f: (order.get(f.field, 0), f.offset, f.length))
        return found


def mixed_digit_findings(story: StoryText) -> list[Finding]:
    """Each Arabic-Indic number of a story that also writes Western digits (the house style)."""
    fields = story.fields()
    if not any(_WESTERN_DIGIT.search(text) for _name, text in fields):
        return []
    found = []
    for name, text in fields:
        for m in _EASTERN_NUMBER.finditer(text):
            fixed = western_digits(m.group()).replace("٫", ".").replace("٬", ",")
            found.append(Finding(name, m.start(), len(m.group()), m.group(), "mixed-digits", (fixed,), fixed))
    return found


def _month_index(text: str) -> int | None:
    for names in (MONTHS, LEVANTINE_MONTHS):
        for i, name in enumerate(names):
            if name in text:
                return i
    return None


def house_dateline(city: str, date_text: str, agency: str) -> str | None:
    """The house form of a typed dateline's parts, or None when its day, month or year is missing."""
    digits = western_digits(date_text)
    day = re.search(r"(?<!\d)([0-3]?\d)(?!\d)", digits)
    year = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", digits)
    month = _month_index(date_text)
    if not (day and year and month is not None and 1 <= int(day.group(1)) <= 31):
        return None
    return f"{city.strip()} {int(day.group(1))} {MONTHS[month]} {year.group(1)} ({agency.strip()})"


def dateline_findings(story: StoryText) -> list[Finding]:
    """The dateline fields half filled, or a dateline typed at the head of the body out of house format."""
    found = []
    dateline = story.dateline
    parts = {"city": story.dateline_city.strip(), "date": story.dateline_at, "agency": story.dateline_agency.strip()}
    if any(parts.values()):
        missing = [name for name, value in parts.items() if not value]
        if missing:
            found.append(
                Finding("dateline", 0, len(dateline), dateline, "dateline", detail="no " + " or ".join(missing))
            )
        elif re.search(r"[()\d]", parts["city"] + parts["agency"]):
            found.append(Finding("dateline", 0, len(dateline), dateline, "dateline",
                                 detail="brackets or digits typed in the city or agency"))  # fmt: skip
    first = story.paragraphs[0] if story.paragraphs else ""
    m = _TYPED_DATELINE.match(first)
    if m and (re.search(f"[0-9{EASTERN_DIGITS}]", m.group("date")) or _month_index(m.group("date")) is not None):
        typed = first[: m.end()]
        if any(parts.values()):
            found.append(Finding("body", 0, len(typed), typed, "dateline", detail="typed in the body as well"))
        elif not (_HOUSE_DATELINE.match(f"{m.group('city')} {m.group('date')}") and not m.group("tail").strip()
                  and first[m.end("date"): m.start("agency") - 1] == " "):  # fmt: skip
            fixed = house_dateline(m.group("city"), m.group("date"), m.group("agency"))
            found.append(Finding("body", 0, len(typed), typed, "dateline", (fixed,) if fixed else (), fixed))
    return found


def apply_fixes(text: str, findings: list[Finding]) -> str:
    """`text` with every certain fix applied; of overlapping findings only the first is fixed."""
    chosen: list[Finding] = []
    end = -1
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.offset, -f.length)):
        if f.offset >= end:
            chosen.append(f)
            end = f.offset + f.length
    for f in reversed(chosen):
        text = text[: f.offset] + f.fix + text[f.offset + f.length :]
    return text
