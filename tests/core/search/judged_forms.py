"""A judged set for matching Arabic words in their attached forms: what a news desk searches for.

Each group is a word an editor types, the forms of it that news text writes (every one of them
should be found), and precision traps: words that look like a form of it but are other words
(none of them should be found). Some queries are typed in an attached form themselves (`also`).
Traps are chosen where light stemmers go wrong: a first or last letter that belongs to the word
(`فريق` is not `ف` + `ريق`), a longer word that starts with the same letters (`مطاردة`), a nisba
adjective (`الرئيسية` is "main", not "the president").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """One word, the forms of it that must be found and the look-alikes that must not."""

    word: str
    forms: tuple[str, ...]
    traps: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # more queries, in attached forms, that must find the same

    @property
    def queries(self) -> tuple[str, ...]:
        """Every query of the group."""
        return (self.word, *self.also)

    @property
    def relevant(self) -> tuple[str, ...]:
        """The word and its forms: what each query of the group must find."""
        return (self.word, *self.forms)


def _g(word: str, forms: str, traps: str = "", also: str = "") -> Group:
    return Group(word, tuple(forms.split()), tuple(traps.split()), tuple(also.split()))


GROUPS = (
    _g("جامعة", "الجامعة وجامعته جامعات جامعتها للجامعة بالجامعة والجامعات", "جامع الجامع", also="الجامعة"),
    _g("مطار", "المطار بالمطار للمطار مطارات والمطار ومطارها", "المطاردة مطاردات"),
    _g("رئيس", "الرئيس والرئيس رئيسها للرئيس برئيس ورئيسه", "الرئيسية رئيسي الرئاسة", also="الرئيس"),
    _g("مستوى", "المستوى مستويات المستويات مستواه بمستوى", "مستودع المستودعات"),
    _g("لندن", "بلندن ولندن للندن"),
    _g("بريطانيا", "ببريطانيا وبريطانيا لبريطانيا"),
    _g("وثيقة", "الوثيقة والوثيقة بالوثيقة وثيقتها", "ثقيل الثقة"),
    _g("وكالة", "الوكالة ووكالة بالوكالة وكالات وكالتها", "وكيل الوكيل كالة", also="الوكالة"),
    _g("فندق", "الفندق بالفندق والفندق فندقها", "ندق"),
    _g("فريق", "الفريق والفريق للفريق فريقها", "الريق ريق فرق", also="الفريق"),
    _g("فيروس", "الفيروس بالفيروس فيروسات والفيروس", "الروس روسي"),
    _g("بنك", "البنك بالبنك للبنك وبنك", "بنكهة نكهة"),
    _g("لجنة", "اللجنة واللجنة لجنتها للجنة", "الجنة جنة"),
    _g("كوريا", "بكوريا وكوريا لكوريا"),
    _g("بيان", "البيان والبيان بيانات ببيان", "بين البيئة"),
    _g("ميدان", "الميدان بالميدان والميدان", "الميدالية ميدالية"),
    _g("وطن", "الوطن والوطن وطنه للوطن", "طن بالطن الطن", also="والوطن"),
    _g("وزير", "الوزير ووزير للوزير وزيرة", "وزارة الوزارة زير"),
    _g("ولاية", "الولاية ولايات بولاية ولايتها", "الآية آية"),
    _g("فيصل", "وفيصل لفيصل", "يصل ويصل"),
    _g("مدرسة", "المدرسة والمدرسة مدرستها للمدرسة", "درس الدرس"),
    _g("سعودية", "السعودية والسعودية بالسعودية", "سعود"),
    _g("شينخوا", "وشينخوا لشينخوا"),
    _g("صين", "الصين بالصين والصين للصين", "الصينية صينية", also="الصين"),
    _g("مصر", "بمصر ومصر لمصر", "مصرف المصرف مصرع"),
    _g("اتفاقية", "الاتفاقية اتفاقيات والاتفاقية باتفاقية", "فاقة"),
    _g("جيش", "الجيش والجيش للجيش بالجيش"),
    _g("كتاب", "الكتاب بالكتاب كتابها والكتاب", "الكتابة كتابة"),
    _g("ماكرون", "وماكرون لماكرون", "ماكر الماكر"),
    _g("بوتين", "وبوتين لبوتين"),
    _g("ترامب", "وترامب لترامب"),
    _g("واشنطن", "بواشنطن وواشنطن"),
    _g("معلم", "المعلم المعلمين معلمون للمعلمين", "علم العلم"),
    _g("حكومة", "الحكومة والحكومة حكومات حكومتها للحكومة بالحكومة", "حكم الحكم"),
    _g("خارجية", "الخارجية والخارجية بالخارجية", "خارج الخارج"),
)


def words() -> list[str]:
    """Every judged word (forms and traps of all groups), each once, in order."""
    seen: dict[str, None] = {}
    for group in GROUPS:
        for word in (*group.relevant, *group.traps):
            seen.setdefault(word)
    return list(seen)


def score(found: dict[str, set[str]]) -> tuple[float, float]:
    """Recall and precision over the whole set, given the judged words each query found.

    `found` maps each query (every group's queries) to the judged words it matched.
    """
    hit = wanted = returned = 0
    for group in GROUPS:
        relevant = set(group.relevant)
        for query in group.queries:
            got = found[query]
            hit += len(got & relevant)
            wanted += len(relevant)
            returned += len(got)
    return hit / wanted, hit / returned if returned else 1.0
