"""What a check finds, and the rules that can find it, each with its message in Arabic and English."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    """One check: its id (used in settings, the CLI and JSON), and what it says in each language."""

    id: str
    en: str
    ar: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("spelling", "Possible misspelling", "خطأ إملائي محتمل"),
        Rule("latin-punctuation", "Latin punctuation in Arabic text: use ، ؛ ؟",
             "علامة ترقيم لاتينية في نص عربي: استخدم ، ؛ ؟"),
        Rule("space-before-punctuation", "Space before a punctuation mark", "مسافة قبل علامة الترقيم"),
        Rule("space-after-punctuation", "No space after a punctuation mark", "لا مسافة بعد علامة الترقيم"),
        Rule("double-space", "Doubled space", "مسافة مكررة"),
        Rule("tatweel", "Tatweel stretching a word", "تطويل (كشيدة) في الكلمة"),
        Rule("mixed-digits", "Arabic-Indic digits in a story that uses Western digits: the house writes 0-9",
             "أرقام هندية في خبر يستخدم الأرقام العربية: أسلوب التحرير 0-9"),
        Rule("dateline", "Dateline out of the house format: city, day, Arabic month name, year, (agency)",
             "الدلالة المكانية خارج أسلوب التحرير: المدينة، اليوم، اسم الشهر، السنة، (الوكالة)"),
        Rule("unbalanced", "Unbalanced bracket or quotation mark", "قوس أو علامة تنصيص غير متوازنة"),
        Rule("latin-run-punctuation", "Punctuation after a Latin run will show on the wrong side: isolate it",
             "علامة الترقيم بعد كلمة لاتينية ستظهر في الجهة الخطأ: اعزلها"),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """Something a check found in one field of a story.

    `offset` and `length` count characters in the field's plain text (the body: its blocks'
    texts joined by newlines). `fix`, when set, is the certain replacement of that span.
    """

    field: str  # headline, subtitle, dateline, body, caption:N (N counts from 1 in story order)
    offset: int
    length: int
    text: str
    rule: str
    suggestions: tuple[str, ...] = ()
    fix: str | None = None
    detail: str = field(default="", compare=False)  # an extra word of explanation, in English

    def message(self, language: str = "en") -> str:
        """What the finding means, in Arabic (`ar`) or English."""
        rule = RULES[self.rule]
        text = rule.ar if language == "ar" else rule.en
        return f"{text} ({self.detail})" if self.detail and language != "ar" else text

    def moved(self, field_name: str, by: int) -> Finding:
        """The same finding in another field, or further along in it."""
        return Finding(field_name, self.offset + by, self.length, self.text, self.rule, self.suggestions,
                       self.fix, self.detail)  # fmt: skip

    def as_json(self, docid: int) -> dict:
        """The finding as `workstation lint --json` prints it."""
        return {
            "docid": docid,
            "field": self.field,
            "offset": self.offset,
            "length": self.length,
            "text": self.text,
            "rule": self.rule,
            "message": self.message("en"),
            "suggestions": list(self.suggestions),
        }
