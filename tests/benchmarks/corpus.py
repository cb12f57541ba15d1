"""A deterministic corpus of Arabic wire stories in ninjs 1.x, for the import and search benchmarks.

Words follow a Zipf law over a news vocabulary: real function and news words at the top
(so the most common ones occur in nearly every story, and words around rank 60 in roughly
half of them), then words built from Arabic roots and patterns down the long tail.
Stories are made of sentences drawn from a pool, which keeps 100,000 of them quick to
generate. Document ids and creation times increase through the corpus, as on the wire.

    python -m tests.benchmarks.corpus OUT.jsonl [N]
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from workstation.library.seed import SEED_SECTIONS

DEFAULT_N = 100_000
DEFAULT_SEED = 20170413
BENCH_DATA = Path(__file__).resolve().parents[2] / "bench-data"
FIRST_DOCID = 130_000_000
FIRST_TIME = datetime(2016, 1, 1, tzinfo=UTC)
SITE_OFFSET = timedelta(hours=8)  # Asia/Shanghai, the site's time zone, dates the URL folders

# The top of the vocabulary, most frequent first (function words, then common news words).
_FUNCTION_WORDS = (
    "في من على إلى أن التي الذي مع عن هذا بين قال كما وفي هذه الى ما لا بعد حيث خلال "
    "كان وقال أو قد ذلك منذ عام ان التى حول عند وذلك أيضا لم ضد إن التي لها وهو وهي "
    "كل بما دون غير أكثر تم يوم حتى أمام فيها عليها الذين بأن لكن وأضاف وأكد"
).split()
_NEWS_WORDS = (
    "الصين الرئيس الحكومة الدولي الوزراء البلدين التعاون الولايات المتحدة وزير الخارجية "
    "الأمن مجلس الدولة الصيني الاقتصاد العالم الشعب السلام التنمية العلاقات المشترك الجانبين "
    "الاجتماع المؤتمر الصحفي الدولية العربية الوطني الأمم المتحدة روسيا سوريا مصر السعودية "
    "العراق الأردن لبنان فلسطين الإمارات قطر الكويت المغرب الجزائر تونس ليبيا اليمن السودان "
    "إيران تركيا فرنسا ألمانيا بريطانيا اليابان الهند بكين موسكو واشنطن القاهرة الرياض دمشق "
    "بغداد عمان بيروت القدس طهران أنقرة باريس لندن برلين طوكيو شانغهاي شينخوا وكالة الأنباء "
    "مشروع قرار الاتفاق المفاوضات الحوار الأزمة الهجوم الإرهاب الجيش القوات العسكرية الأمنية "
    "السياسية الاقتصادية التجارة الاستثمار النمو السوق الأسواق البنك المركزي النفط الطاقة الغاز "
    "الأسعار المئة مليار مليون دولار يوان الشركة الشركات المشروعات البنية التحتية الحزام الطريق "
    "مبادرة القمة الزيارة المحادثات البيان المتحدث باسم الرسمي المسؤولين المسؤول الشرطة "
    "الضحايا القتلى الجرحى اللاجئين المساعدات الإنسانية الصحة المستشفى الوباء اللقاح التعليم "
    "الجامعة الطلاب الثقافة المهرجان المعرض السياحة السياح البيئة المناخ التغير الزراعة المياه "
    "الرياضة المباراة المنتخب البطولة الفريق الكرة الأولمبية العلوم التكنولوجيا الفضاء القمر "
    "الصناعي الإنترنت الرقمية الابتكار البحث الدراسة الخبراء التقرير الأرقام الإحصاءات الماضي "
    "المقبل الحالي الجديد الجديدة الأولى الثاني الثانية الأخيرة الكبيرة المهمة الرئيسية الإقليمي "
    "الإقليمية المنطقة الشرق الأوسط آسيا أفريقيا أوروبا العاصمة المدينة المحافظة الإقليم الحدود "
    "الأربعاء الخميس الجمعة السبت الأحد الاثنين الثلاثاء يناير فبراير مارس أبريل مايو يونيو "
    "يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر أعلن أكد أشار أوضح أضاف دعا طالب اتفق وقع شارك "
    "عقد بحث تناول استقبل التقى زار افتتح أطلق ارتفع انخفض بلغ وصل تجاوز حقق يعقد يشارك يبحث "
    "تعزيز تطوير تحقيق دعم بناء إقامة مواصلة مكافحة تسوية حل وقف إطلاق النار الاستقرار الأمن "
    "الدائم الشامل العادل الثنائي الثنائية الاستراتيجية الشراكة الصداقة التبادل الانفتاح الإصلاح"
).split()

_ROOTS = (
    "كتب درس عمل علم حكم نظر قدم خرج دخل نصر فتح جمع سلم شرك صنع زرع حرس بحث طلب نقل "
    "حمل رسل سفر عرض قرر شرح فهم ذكر حفظ ربط بلغ وصل نشر جلس سكن عقد حضر غرب شرق قسم "
    "ملك نفذ ضمن قبل رفع خفض كشف مثل وجد سبق لحق رجع عرف صدر ورد بدأ نتج دفع قطع جرح "
    "قتل سلح هجم دفع حرب نزع فوز لعب سبح ركض حسب رصد صور سجل نطق وقع صرح علن وضح "
    "شغل خدم بني هدم غلق سمح منع فرض جذب طرح ضبط قود سوق ربح خسر نمو زود وفر شحن"
).split()
# Patterns over a three-letter root: 1, 2, 3 stand for its letters.
_PATTERNS = (
    "1ا23",
    "م12و3",
    "م1ا23",
    "ت12ي3",
    "است1ا23",
    "ا1ت2ا3",
    "م1ت23",
    "م123ة",
    "1ا23ة",
    "ت1ا2ي3",
    "م1ا2ي3",
    "1و23",
    "ي123",
    "ت123",
    "ا1ت23",
    "م1ت2ي3",
    "1ي23",
    "1ت23",
    "م1ا23ون",
)
_PREFIXES = ("", "ال", "وال", "بال", "لل", "و", "ب")
_SUFFIXES = ("", "", "ة", "ات", "ها", "هم", "ين")

_BYLINES = (
    "شينخوا",
    "مراسل شينخوا",
    "محمد عبد الله",
    "أحمد حسن",
    "فاطمة الزهراء",
    "ليو شيانغ",
    "وانغ لي",
    "سارة يوسف",
    "خالد إبراهيم",
    "تشانغ وي",
    "نور الهدى",
    "عمر السيد",
)
_CITIES = (
    "بكين",
    "موسكو",
    "واشنطن",
    "القاهرة",
    "الرياض",
    "دمشق",
    "بغداد",
    "عمان",
    "بيروت",
    "القدس",
    "طهران",
    "أنقرة",
    "باريس",
    "لندن",
    "شانغهاي",
    "الجزائر",
    "تونس",
    "الرباط",
)
_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)

_VOCAB_SIZE = 30_000
_POOL_SENTENCES = 40_000
_ZIPF_S = 1.0


def vocabulary(seed: int = DEFAULT_SEED) -> list[str]:
    """The corpus's words, most frequent first (rank 1 is the first)."""
    rng = random.Random(seed)
    top = list(dict.fromkeys(_FUNCTION_WORDS + _NEWS_WORDS))
    tail: set[str] = set()
    stems = []
    for root in _ROOTS:
        for pattern in _PATTERNS:
            stems.append(pattern.replace("1", root[0]).replace("2", root[1]).replace("3", root[2]))
    for stem in stems:
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                if suffix and stem.endswith(("ة", "ون", "ات")):
                    continue
                tail.add(prefix + stem + suffix)
    tail.difference_update(top)
    tail_list = sorted(tail)
    rng.shuffle(tail_list)
    return (top + tail_list)[:_VOCAB_SIZE]


class _Writer:
    """Draws sentences, headlines and stories from one seeded random stream."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.words = vocabulary(seed)
        self.cum = list(accumulate(1.0 / (rank**_ZIPF_S) for rank in range(1, len(self.words) + 1)))
        self.pool = [self._sentence() for _ in range(_POOL_SENTENCES)]

    def _draw(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def _sentence(self) -> str:
        words = self._draw(self.rng.randint(8, 22))
        if self.rng.random() < 0.3:
            cut = self.rng.randint(3, len(words) - 2)
            words[cut] += "،"
        return " ".join(words) + "."

    def headline(self) -> str:
        # Headlines lean on the middle of the vocabulary, as real ones carry the news words.
        picks = self.rng.choices(self.words[60:3000], k=self.rng.randint(5, 10))
        return " ".join(picks)

    def story(self, city: str, local: datetime) -> str:
        dateline = f"{city} {local.day} {_MONTHS[local.month - 1]} {local.year} (شينخوا)"
        paragraphs, total, target = [], 0, self.rng.randint(340, 460)
        while total < target:
            sentences = self.rng.choices(self.pool, k=self.rng.randint(1, 3))
            text = " ".join(sentences)
            total += text.count(" ") + 1
            paragraphs.append(text)
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
        return "".join(f"<p>{p}</p>" for p in paragraphs)


def items(n: int = DEFAULT_N, seed: int = DEFAULT_SEED):
    """The corpus as ninjs 1.x dictionaries, oldest first."""
    writer = _Writer(seed)
    rng = writer.rng
    docid, when = FIRST_DOCID, FIRST_TIME
    keyword_words = writer.words[80:2000]
    for _ in range(n):
        docid += rng.randint(1, 40)
        when += timedelta(seconds=rng.randint(60, 900))
        local = when + SITE_OFFSET
        slug, name = SEED_SECTIONS[rng.randrange(len(SEED_SECTIONS))]
        city = rng.choice(_CITIES)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S+0000")
        yield {
            "uri": f"http://arabic.news.cn/{local:%Y-%m}/{local:%d}/c_{docid}.htm",
            "type": "text",
            "version": "1",
            "language": "ar",
            "pubstatus": "usable",
            "firstcreated": stamp,
            "versioncreated": stamp,
            "headline": writer.headline(),
            "byline": rng.choice(_BYLINES),
            "located": city,
            "service": [{"code": slug, "name": name}],
            "keywords": rng.sample(keyword_words, rng.randint(2, 5)),
            "body_html": writer.story(city, local),
        }


def generate(path: Path | str, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> Path:
    """Writes n stories as JSON Lines to path (through a temporary file, so a cut-off run leaves none)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with partial.open("w", encoding="utf-8") as out:
        batch = []
        for item in items(n, seed):
            batch.append(dumps(item))
            if len(batch) == 1000:
                out.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            out.write("\n".join(batch) + "\n")
    partial.replace(path)
    return path


def corpus_path(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> Path:
    """The cached corpus file in bench-data/, generated on first use."""
    path = BENCH_DATA / f"corpus-{n}-{seed}.jsonl"
    if not path.exists():
        generate(path, n, seed)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_N
    generate(out, count)
    print(out)
