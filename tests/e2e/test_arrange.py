"""js/arrange.js in Chromium: ordering by the keyboard (its arrow buttons) and by dragging,
matching with a note when one answer is given to two items; the selects underneath carry the
answer, so autosave saves what the learner arranged."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests.e2e.test_test_deadline import attempt_state, browser, log_in, served_app, timed_test

pytestmark = pytest.mark.slow
__all__ = ["browser", "served_app"]  # the fixtures this module uses


def rows(fieldset) -> list[str]:
    return [e.text for e in fieldset.find_elements("css selector", ".sortable-text")]


def test_ordering_by_keyboard_and_drag_and_a_note_for_an_answer_given_twice(app, browser):
    attempt_id, positions = timed_test(app, "arranger", seconds=600)
    log_in(browser, "arranger")
    browser.get(f"/quiz/attempts/{attempt_id}")
    order = browser.find(f"fieldset[data-position='{positions['ordering']}']")
    assert not order.find_element("css selector", ".match-grid").is_displayed()  # the selects
    before = rows(order)
    # the keyboard: Tab to the second item's "up" button, Enter moves it to the top
    up = order.find_elements("css selector", ".move-up")[1]
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", up)
    up.send_keys(Keys.ENTER)
    assert rows(order) == [before[1], before[0], *before[2:]]
    # focus stays on the moved item: at the top its "up" is disabled, so on its "down"
    moved = order.find_elements("css selector", ".sortable-item")[0]
    assert browser.driver.switch_to.active_element == moved.find_element(
        "css selector", ".move-down"
    )
    browser.wait_until(lambda: order.find_element("css selector", ".saved-note").text == "Saved.")
    # a drag: the last item dropped on the first
    items = order.find_elements("css selector", ".sortable-item")
    ActionChains(browser.driver).click_and_hold(items[-1]).move_to_element(items[0]).move_by_offset(
        0, -5
    ).release().perform()  # fmt: skip
    dragged = rows(order)
    assert dragged[0] == before[-1]
    browser.wait_until(
        lambda: attempt_state(app, attempt_id)[2].get(positions["ordering"]) == dragged
    )

    pairs = browser.find(f"fieldset[data-position='{positions['matching']}']")
    lists = [Select(s) for s in pairs.find_elements("css selector", "select")]
    lists[0].select_by_index(1)
    lists[1].select_by_index(1)  # the same answer for a second item
    note = pairs.find_element("css selector", ".reuse-note")
    chosen = lists[0].first_selected_option.get_attribute("value")
    browser.wait_until(lambda: "given to more than one item" in note.text)
    assert chosen in note.text
    lists[1].select_by_index(2)
    browser.wait_until(lambda: note.text == "")
    assert not browser.console_errors()
