"""A thin helper over Selenium's Chrome driver: pages by path, forms, screenshots, downloads."""

from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import (
    NoAlertPresentException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# axe-core's default rules (WCAG 2.x A and AA, and its best practices); each violation as
# "rule (impact): the first elements it names".
AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(function (result) {
  done(result.violations.map(function (v) {
    return v.id + " (" + v.impact + "): " + v.help + " at " +
      v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); }).join(", ");
  }));
}).catch(function (error) { done(["axe failed: " + error]); });
"""
DESKTOP = (1280, 900)
PHONE = (390, 844)
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # no calls home: this machine has no network but the package registries
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]


class Browser:
    """One Chromium session against one base URL."""

    def __init__(self, driver: webdriver.Chrome, base_url: str, shots: Path, downloads: Path):
        self.driver = driver
        self.base_url = base_url
        self.shots = shots
        self.downloads = downloads
        self.javascript = True

    @classmethod
    @contextmanager
    def start(cls, base_url: str, chromium: Path, chromedriver: Path, shots: Path):
        """Start Debian's chromium through Debian's chromedriver (Selenium Manager never runs)."""
        profile = Path(tempfile.mkdtemp(prefix="e2e-profile-"))
        downloads = Path(tempfile.mkdtemp(prefix="e2e-downloads-"))
        options = webdriver.ChromeOptions()
        options.binary_location = str(chromium)
        for flag in CHROME_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            },
        )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(
            service=Service(executable_path=str(chromedriver)), options=options
        )
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        try:
            yield cls(driver, base_url, shots, downloads)
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
            shutil.rmtree(downloads, ignore_errors=True)

    # --- navigation and reading -----------------------------------------------------------

    def get(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        return self.driver.current_url.removeprefix(self.base_url)

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css: str = "main") -> str:
        return self.find(css).text

    def wait_for(self, css: str, timeout: float = 10) -> WebElement:
        return WebDriverWait(self.driver, timeout).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def wait_until(self, condition, timeout: float = 10):
        return WebDriverWait(self.driver, timeout).until(lambda _driver: condition())

    @contextmanager
    def _navigating(self):
        """Wait until the click inside has replaced the page (no stale elements after it)."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        yield
        WebDriverWait(self.driver, 15).until(lambda _driver: _replaced(page))

    def click_link(self, text: str) -> None:
        """Follow a link (by part of its text) and wait for the new page."""
        with self._navigating():
            self.driver.find_element(By.PARTIAL_LINK_TEXT, text).click()

    def click_button(self, text: str) -> None:
        """Press a submit button (by part of its label) and wait for the page it leads to."""
        button = WebDriverWait(
            self.driver, 10, ignored_exceptions=[StaleElementReferenceException]
        ).until(lambda _driver: self._button(text))
        with self._navigating():
            button.click()

    def _button(self, text: str) -> WebElement:
        # read afresh on each try: a script or a late paint may replace the buttons meanwhile
        # (a StaleElementReferenceException here makes the wait above look again)
        for button in self.find_all("button, input[type=submit]"):
            if text in (button.text or button.get_attribute("value") or ""):
                return button
        raise AssertionError(f"no button {text!r} on {self.path}")

    def click(self, element: WebElement) -> None:
        """Click an element scrolled to the middle of the screen, clear of the test page's
        sticky bar (Selenium scrolls an element to the top edge, under it)."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def fill(self, fields: dict[str, str]) -> None:
        """Type into inputs/textareas by name (clearing them first) or pick <select> options."""
        for name, value in fields.items():
            element = self.find(f"[name='{name}']")
            if element.tag_name == "select":
                Select(element).select_by_visible_text(value)
            else:
                element.clear()
                element.send_keys(value)

    def set_value(self, name: str, value: str) -> None:
        """Set a long value at once (send_keys is slow for long text), as typing would."""
        element = self.find(f"[name='{name}']")
        self.driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            element,
            value,
        )

    # --- the browser's settings ------------------------------------------------------------

    def set_javascript(self, enabled: bool) -> None:
        """Run pages' scripts or not, as a browser with JavaScript switched off (from the next
        page loaded on): the page's own scripts never run; the tests' helpers still do."""
        self.javascript = enabled
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    @contextmanager
    def _helpers_running(self):
        """Scripts on for a helper (axe, a measure) on a page loaded without them: the page's
        own scripts were skipped when it was parsed and do not run now."""
        if not self.javascript:
            self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        try:
            yield
        finally:
            if not self.javascript:
                self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})

    def set_screen(self, width: int, height: int, mobile: bool, dark: bool = False) -> None:
        """A screen of this size (a phone's: ``mobile``) and the system's light or dark theme."""
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        scheme = {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [scheme]})
        self.screen = (width, height, mobile)

    # --- checks ---------------------------------------------------------------------------

    def axe_violations(self) -> list[str]:
        """axe-core's violations on the page as it is now (tests/e2e/vendor/axe-core)."""
        with self._helpers_running():
            if not self.driver.execute_script("return Boolean(window.axe)"):
                self.driver.execute_script(_axe_source())
            self.driver.set_script_timeout(120)
            return self.driver.execute_async_script(AXE_RUN)

    def console_errors(self) -> list[str]:
        """Severe console messages since the last call (CSP violations show here)."""
        return [
            e["message"]
            for e in self.driver.get_log("browser")
            if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]
        ]

    def alert_text(self) -> str | None:
        """The text of an open alert/confirm/prompt, or None."""
        try:
            return self.driver.switch_to.alert.text
        except NoAlertPresentException:
            return None

    def cookies(self) -> dict[str, dict]:
        return {c["name"]: c for c in self.driver.get_cookies()}

    def logout(self) -> None:
        self.driver.delete_all_cookies()

    # --- artefacts ------------------------------------------------------------------------

    def screenshot(self, name: str) -> list[Path]:
        """Full-page PNGs of the current page at desktop and phone widths."""
        saved = []
        for label, (width, height), mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
            metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            full = self.driver.execute_script("return document.documentElement.scrollHeight")
            metrics["height"] = max(height, min(int(full), 6000))
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            path = self.shots / f"{name}-{label}.png"
            self.driver.save_screenshot(str(path))
            saved.append(path)
            self._note_overflow(name, label, width)
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return saved

    def shoot(self, path: Path, tallest: int = 4000) -> Path:
        """A PNG of the whole page (up to ``tallest`` px) at the screen set by set_screen."""
        width, height, mobile = getattr(self, "screen", (*DESKTOP, False))
        with self._helpers_running():
            full = int(self.driver.execute_script("return document.documentElement.scrollHeight"))
            metrics = {"width": width, "deviceScaleFactor": 1, "mobile": mobile}
            tall = {**metrics, "height": max(height, min(full, tallest))}
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", tall)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.driver.save_screenshot(str(path))
            finally:
                self.driver.execute_cdp_cmd(
                    "Emulation.setDeviceMetricsOverride", {**metrics, "height": height}
                )
        return path

    def _note_overflow(self, name: str, label: str, width: int) -> None:
        """Record pages wider than the screen (a phone then zooms out) for a person to check."""
        wide = self.driver.execute_script("return document.documentElement.scrollWidth")
        if wide > width:
            with (self.shots / "overflow.txt").open("a", encoding="utf-8") as notes:
                notes.write(f"{name}-{label}: page is {wide}px wide on a {width}px screen\n")

    def wait_for_download(self, suffix: str, since: float, timeout: float = 20) -> Path:
        """The first finished download ending in ``suffix`` newer than ``since``.

        Chromium reserves the final name with an empty file while it writes ``*.crdownload``:
        a download is finished when no such file is left and its size has stopped changing.
        """
        deadline = time.monotonic() + timeout
        sizes: dict[Path, int] = {}
        while time.monotonic() < deadline:
            files = list(self.downloads.iterdir())
            if not any(p.name.endswith(".crdownload") for p in files):
                for path in files:
                    if path.name.endswith(suffix) and path.stat().st_mtime >= since:
                        size = path.stat().st_size
                        if size and sizes.get(path) == size:
                            return path
                        sizes[path] = size
            time.sleep(0.2)
        raise AssertionError(f"no {suffix} download in {sorted(self.downloads.iterdir())}")


def answer_question(fieldset: WebElement) -> None:
    """Give some answer to one question, whatever its type (a click, a text, one place each)."""
    movers = fieldset.find_elements(By.CSS_SELECTOR, ".sortable .move-down")
    if movers:  # ordering as js/arrange.js shows it: one item moved down sets every place
        movers[0].click()
        return
    choices = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio], input[type=checkbox]")
    texts = fieldset.find_elements(By.CSS_SELECTOR, "input[type=text], textarea")
    selects = fieldset.find_elements(By.CSS_SELECTOR, "select")
    if choices:
        choices[0].click()
    elif texts:
        texts[0].send_keys("Moscow", Keys.TAB)  # leaving the field fires "change", as for a person
    for index, element in enumerate(selects):
        # a different option in each: matching pairs and ordering places stay distinct
        Select(element).select_by_index(1 + index % (len(Select(element).options) - 1))


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def _replaced(element: WebElement) -> bool:
    """True once ``element``'s page is gone (Selenium's staleness_of, plus Chromium's other word
    for it: mid-navigation it may answer "Node with given id does not belong to the document")."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False
