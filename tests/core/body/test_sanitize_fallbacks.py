"""Wire bodies with fallback containers (noscript and the like) keep their markup."""

from __future__ import annotations

import pytest

from workstation.body.richtext import sanitize_body


@pytest.mark.parametrize("tag", ["noscript", "NOSCRIPT", "noembed", "noframes"])
def test_a_fallback_container_does_not_turn_the_rest_of_the_body_into_visible_tags(tag):
    closed = f"<p>قبل</p><{tag}><p>بدون</p></{tag}><p>بعد <strong>x</strong></p>"
    assert sanitize_body(closed) == "<p>قبل</p><p>بدون</p><p>بعد <strong>x</strong></p>"
    unclosed = f"<p>قبل</p><{tag} class='x'><p>بدون</p><p>بعد <strong>x</strong></p>"
    assert sanitize_body(unclosed) == "<p>قبل</p><p>بدون</p><p>بعد <strong>x</strong></p>"


def test_script_inside_a_fallback_container_is_still_removed():
    assert sanitize_body("<noscript><p>a</p><script>alert(1)</script></noscript>") == "<p>a</p>"
