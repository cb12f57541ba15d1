"""The sections and settings a new library starts with: those of the seed page, in its order."""

from workstation.clock import DEFAULT_TIMEZONE

SEED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("home", "الصفحة الاولى"),
    ("china", "الصين"),
    ("middle-east", "الشرق الاوسط"),
    ("china-arab", "الصين والعالم العربي"),
    ("world", "العالم"),
    ("economy", "الاقتصاد"),
    ("culture-education", "الثقافة والتعليم"),
    ("science", "العلوم"),
    ("health", "الصحة"),
    ("tourism-environment", "السياحة والبيئة"),
    ("sports", "الرياضة"),
    ("top-stories", "أهم الموضوعات"),
    ("special-topics", "الموضوعات الخاصة"),
    ("reports-analysis", "التقارير والتحليلات"),
    ("photos", "الصور"),
    ("fm-press-conference", "مؤتمر صحفي للخارجية"),
)

DEFAULT_SETTINGS: dict[str, str] = {
    "timezone": DEFAULT_TIMEZONE,
    "site_name": "arabic.news.cn",
    "agency_name": "新华社",
    "tagline": "آخر أخبار الصين والشرق الأوسط والعالم باللغة العربية",  # the home page's description
}
