"""The rendered API reference (`make docs` -> build/docs/index.html) shows every operation.

Opened in headless Chromium (Debian `chromium` + `chromium-driver`, installed by
scripts/ensure_chromium.sh) through Selenium: the Redoc page is a client-side app that shows a
tag's operations when its sidebar entry is opened, so a static DOM dump is not enough. We open
every tag, collect the rendered text, and save screenshots under build/reports/.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.spec.openapi_document import REPO_ROOT, operations
from tests.support.browser import headless_chromium

DOCS = REPO_ROOT / "build" / "docs" / "index.html"
REPORTS = REPO_ROOT / "build" / "reports"


@pytest.fixture(scope="module")
def docs_html() -> str:
    """Build the docs if `make docs` has not (keeps the test runnable on its own)."""
    if not DOCS.exists():
        subprocess.run(["make", "docs"], cwd=REPO_ROOT, check=True, capture_output=True)
    return DOCS.as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with headless_chromium(1400, 1000) as driver:
        yield driver


def _menu_labels(driver: object) -> list[object]:
    return driver.find_elements(By.CSS_SELECTOR, '[data-testid="menu-item-label"]')  # type: ignore[attr-defined]


def _page_text(driver: object) -> str:
    """The visible text of the page, read in one script call (immune to re-rendered elements)."""
    return driver.execute_script("return document.body.innerText")  # type: ignore[attr-defined]


def _menu_texts(driver: object) -> list[str]:
    """Sidebar entries as "label METHOD" (whitespace collapsed), read in one script call."""
    script = (
        "return Array.from(document.querySelectorAll('[data-testid=\"menu-item-label\"]'))"
        ".map(e => e.innerText.replace(/\\s+/g, ' ').trim())"
    )
    return driver.execute_script(script)  # type: ignore[attr-defined]


def _click_menu_entry(driver: object, text: str) -> None:
    for _ in range(5):  # the sidebar re-renders while it opens: retry on a stale element
        try:
            next(el for el in _menu_labels(driver) if el.text.split("\n")[0] == text).click()
            return
        except StaleElementReferenceException:
            time.sleep(0.2)
    pytest.fail(f"could not open the sidebar entry {text!r}")


def test_every_operation_is_rendered(browser: object, docs_html: str) -> None:
    browser.get(docs_html)  # type: ignore[attr-defined]
    WebDriverWait(browser, 30).until(lambda d: len(_menu_labels(d)) > 1)
    REPORTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(REPORTS / "docs-overview.png"))  # type: ignore[attr-defined]

    entries: set[str] = set()  # "summary METHOD" of every operation entry the sidebar showed
    shown: list[str] = []  # the page text of every opened section
    tags = [label.text.split("\n")[0] for label in _menu_labels(browser)[1:]]
    for tag in tags:
        _click_menu_entry(browser, tag)
        time.sleep(0.5)  # let the client-side router render the section (no timing is asserted)
        entries.update(_menu_texts(browser))
        shown.append(_page_text(browser))
    browser.save_screenshot(str(REPORTS / "docs-last-tag.png"))  # type: ignore[attr-defined]

    text = "\n".join(shown)
    missing = [
        f"{method} {path}: {op['summary']}"
        for method, path, op in operations()
        if f"{op['summary']} {method}" not in entries or op["summary"] not in text
    ]
    assert not missing, "operations not rendered:\n  " + "\n  ".join(missing)
    assert (REPORTS / "docs-overview.png").stat().st_size > 0
