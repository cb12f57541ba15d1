import json

import pytest

from workstation.checks.spelling import Speller, SpellingUnavailable

from tests import ROOT

# Names of the reference story that hunspell-ar's dictionary does not hold: a newsroom keeps them in its own.
REFERENCE_NAMES = ("شينخوا", "ريكس", "تيلرسون", "فلاديمير", "لافروف", "شيخون", "ترامب")


@pytest.fixture(scope="session")
def hunspell():
    try:
        return Speller()
    except SpellingUnavailable as exc:
        pytest.skip(f"{exc} (Debian packages hunspell-ar and libenchant-2-2)")


@pytest.fixture
def speller(hunspell):
    return Speller(dictionary=hunspell._dict)


@pytest.fixture(scope="session")
def reference_story():
    """The reference page's story: headline and body with its dateline as the page prints it."""
    story = json.loads((ROOT / "resources" / "sample" / "story.json").read_text(encoding="utf-8"))["article"]
    paragraphs = [f"موسكو 13 أبريل 2017 (شينخوا) {story['paragraphs'][0]}", *story["paragraphs"][1:]]
    return story["headline"], tuple(paragraphs)
