"""A student in the browser: registers, joins a class, reads a lesson, practises, takes a timed
test, resumes after a reload, and sees the dashboard."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Section

from .conftest import JOIN_CODE

STUDENT = ("rosa_learner", "student-password-1")


def _sections(live_server):
    with live_server.app.app_context():
        return [(s.id, s.title) for s in db.session.scalars(sa.select(Section).order_by(Section.order))]


def test_register_join_and_read_a_lesson(live_server, browser):
    browser.get("/")
    assert "Declaration Tutor" in browser.driver.title
    browser.screenshot("home")
    browser.click_link("Register")
    browser.fill({"username": STUDENT[0], "password": STUDENT[1], "confirm": STUDENT[1]})
    browser.screenshot("register")
    browser.click_button("Create account")
    assert "Your account is ready" in browser.text()
    # production cookies: Secure, HttpOnly, SameSite=Lax -- and Chromium keeps them on 127.0.0.1
    session_cookie = browser.cookies()["session"]
    assert session_cookie["secure"] and session_cookie["httpOnly"]
    assert session_cookie["sameSite"] == "Lax"

    browser.click_link("My classes")
    browser.fill({"code": JOIN_CODE.lower()})
    browser.click_button("Join")
    assert "Strategic Relations 101" in browser.text()
    browser.screenshot("my-classes")

    sections = _sections(live_server)
    browser.click_link("Lessons")
    assert all(title in browser.text() for _, title in sections)
    browser.screenshot("lesson-list")
    section_id, title = sections[1]
    browser.click_link(title)
    assert browser.find("h1").text == title
    assert browser.find_all(".lesson-body p"), "the lesson has paragraphs"
    browser.screenshot("lesson")
    assert not browser.console_errors()
