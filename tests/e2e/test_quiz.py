"""The quiz page in Chromium: a shared link opens its question, a typed guess is checked, and the
true value and the trace appear."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from ui.content import quiz
from tests.e2e.harness import wait_for_app, wait_for_rendering
from ui import lesson

pytestmark = pytest.mark.e2e


def share_query(question_id: str) -> str:
    question = quiz.BY_ID[question_id]
    return urlencode(dict(lesson.lesson_query(question.lesson()), ask=question.ask, q=question.id))


def type_guess(page, value: str) -> None:
    box = page.locator(".st-key-quiz-guess input")
    box.fill(value)
    box.press("Enter")
    wait_for_app(page)
    page.locator(".st-key-quiz-check button").click()
    wait_for_app(page)


def test_share_link_guess_and_check(page, goto, artifacts_dir):
    goto(page, "/Quiz?" + share_query("hinge_zero_weight"))
    expect(page.get_by_role("heading", name="A zero sample weight")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetricValue")).to_have_count(0)

    # Keras 3.15.1 (tests/goldens/keras.json, seed/hinge/w=[1,0]): (1.1 + 0) / 2 = 0.55.
    type_guess(page, "1.1")
    wait_for_rendering(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("0.55")
    expect(page.get_by_text("Off: more than 10% away", exact=False)).to_be_visible()
    expect(page.get_by_text("Step 6: Reduction: sum_over_batch_size")).to_be_visible()
    page.screenshot(path=artifacts_dir / "quiz-zero-weight-1280x800.png")

    type_guess(page, "0.55")
    expect(page.get_by_text("Exact: right to 3 significant digits.")).to_be_visible()


def test_hostile_link_shows_a_warning_not_an_error(page, goto):
    goto(page, "/Quiz?loss=nope&y_true=%5B1&ask=%3Cscript%3E")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # The loss and the ask, each named in plain text.
    expect(page.locator(".st-key-link_problems [data-testid='stText']")).to_have_count(2)
    # The link's lesson is refused, so its question is asked about the default lesson: Hinge.
    expect(page.get_by_role("heading", name="Hinge", exact=True)).to_be_visible()
