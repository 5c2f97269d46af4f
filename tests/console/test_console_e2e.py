"""The console in real headless Chromium (Debian `chromium` + `chromedriver`, through Selenium):
sign in with orgA's key, open the seeded namespace, run an ANN and a BM25 query from the workbench,
open the vector-space picture, and never see orgB's namespace. Screenshots of each step go to
build/reports/console/ (docs/images/console-workbench.png in the README is one of them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.console.seed import NS_A, NS_B, NS_SCRATCH, ORG_ARGS, seed
from tests.support.browser import headless_chromium
from tests.support.server import RunningEmulator, start_emulator

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "build" / "reports" / "console"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with start_emulator(extra_args=ORG_ARGS, api_key="keyA") as running:
        seed(running)
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with headless_chromium(1280, 800) as driver:
        yield driver


def _wait(driver: Any, condition: Any, what: str) -> Any:
    return WebDriverWait(driver, 15, poll_frequency=0.1).until(condition, message=f"waiting for {what}")


def _shot(driver: Any, name: str, scroll_to: str | None = None) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    if scroll_to:  # the part the step is about, in view
        driver.execute_script(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", scroll_to
        )
    driver.save_screenshot(str(REPORTS / f"{name}.png"))


def _table_ids(driver: Any, table_id: str) -> list[str]:
    return list(driver.execute_script(
        "return [...document.querySelectorAll(`#${arguments[0]} tbody tr td:first-child`)].map(td => td.textContent.trim())",
        table_id,
    ))  # fmt: skip


def _page_text(driver: Any) -> str:
    return str(driver.execute_script("return document.body.innerText"))


def _run_query(driver: Any, body: dict[str, Any] | None = None, example: str | None = None) -> None:
    driver.execute_script("const r = document.getElementById('results'); if (r) r.replaceChildren();")
    if example:
        driver.find_element(By.ID, f"example-{example}").click()
    if body is not None:
        editor = driver.find_element(By.ID, "query-json")
        editor.send_keys(Keys.CONTROL, "a")
        editor.send_keys(Keys.DELETE)
        editor.send_keys(json.dumps(body))
    driver.find_element(By.ID, "run-query").click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#results-table tbody tr"), "the results table")


def test_console_end_to_end(server: RunningEmulator, browser: Any) -> None:
    driver = browser
    driver.get(f"{server.base_url}/console")
    key = _wait(driver, lambda d: d.find_element(By.ID, "api-key"), "the sign-in form")
    assert driver.find_element(By.CSS_SELECTOR, "label[for=api-key]").text == "API key"
    _shot(driver, "01-sign-in")

    # A wrong key is refused and nothing is listed.
    key.send_keys("keyB-typo", Keys.ENTER)
    _wait(driver, lambda d: "Sign-in failed" in d.find_element(By.ID, "status").text, "the refusal")
    key.clear()
    key.send_keys("keyA", Keys.ENTER)  # keyboard only
    _wait(
        driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#namespaces-table tbody tr"), "the namespace list"
    )
    rows = driver.find_elements(By.CSS_SELECTOR, "#namespaces-table tbody tr")
    assert [row.get_attribute("data-namespace") for row in rows] == [NS_A, NS_SCRATCH]
    assert "60" in rows[0].text and NS_B not in _page_text(driver)
    assert driver.execute_script("return sessionStorage.getItem('tpuf-console-key')") == "keyA"
    _shot(driver, "02-namespaces")

    # Delete asks for the name: a wrong one deletes nothing, the right one deletes the namespace.
    driver.find_element(By.CSS_SELECTOR, f"button[aria-label='Delete namespace {NS_SCRATCH}']").click()
    typed = _wait(driver, lambda d: d.find_element(By.ID, "confirm-name"), "the confirmation")
    typed.send_keys("scratc")
    driver.find_element(By.ID, "confirm-delete").click()
    assert "nothing was deleted" in driver.find_element(By.ID, "status").text
    with server.client("keyA") as a:
        assert a.get(f"/v1/namespaces/{NS_SCRATCH}/metadata").status_code == 200
    typed.send_keys("h")
    _shot(driver, "02b-delete-confirmation")
    driver.find_element(By.ID, "confirm-delete").click()
    _wait(driver, lambda d: f"Deleted {NS_SCRATCH}" in d.find_element(By.ID, "status").text, "the deletion")
    _wait(
        driver, lambda d: NS_SCRATCH not in d.find_element(By.ID, "namespaces-table").text, "the updated list"
    )
    with server.client("keyA") as a:
        assert a.get(f"/v1/namespaces/{NS_SCRATCH}/metadata").status_code == 404

    # orgB's namespace is invisible even by prefix search or by typing its URL.
    driver.get(f"{server.base_url}/console/#/namespaces?prefix=orgb")
    _wait(driver, lambda d: "No namespace starts with" in _page_text(d), "an empty search")
    driver.get(f"{server.base_url}/console/#/ns/{NS_B}")
    _wait(driver, lambda d: "not found" in d.find_element(By.ID, "status").text, "a 404 for orgB's namespace")
    assert "orgB private" not in _page_text(driver)

    # The namespace: schema, metadata and the first page of documents (vectors abbreviated).
    driver.get(f"{server.base_url}/console/#/namespaces")
    link = _wait(driver, lambda d: d.find_element(By.LINK_TEXT, NS_A), "the namespace link")
    link.click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#documents-table tbody tr"), "the documents")
    assert _table_ids(driver, "documents-table") == [str(i) for i in range(1, 21)]
    assert "title" in driver.find_element(By.ID, "schema-table").text
    assert "dims" not in driver.find_element(By.ID, "documents-table").text  # 3-D vectors shown whole
    driver.find_element(By.ID, "next-page").click()
    _wait(driver, lambda d: _table_ids(d, "documents-table")[:1] == ["21"], "the second page")
    assert _table_ids(driver, "documents-table") == [str(i) for i in range(21, 41)]
    driver.find_element(By.CSS_SELECTOR, "#documents-table button[data-id='21']").click()
    dialog = _wait(driver, lambda d: d.find_element(By.ID, "json-dialog"), "the document's JSON")
    shown = json.loads(dialog.find_element(By.TAG_NAME, "pre").text)
    assert shown["id"] == 21 and len(shown["vector"]) == 3 and shown["colour"] == "cool"
    _shot(driver, "03-namespace")
    dialog.find_element(By.TAG_NAME, "button").click()

    # The workbench: ANN with the first document's vector finds document 1 first.
    driver.find_element(By.LINK_TEXT, "Query workbench").click()
    _wait(driver, lambda d: d.find_elements(By.ID, "example-ann"), "the examples")
    _run_query(driver, example="ann")
    ann_ids = _table_ids(driver, "results-table")
    assert ann_ids[0] == "1" and len(ann_ids) == 10
    headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#results-table th")]
    assert headers[:2] == ["id", "$dist"]
    _wait(driver, lambda d: "Run a query" not in d.find_element(By.ID, "explain").text, "the plan")
    assert "ANN on 'vector'" in driver.find_element(By.ID, "explain").text
    _shot(driver, "04-workbench-ann", ".tabs")

    # BM25 on the full-text title: exactly the ten "denim" documents.
    _run_query(driver, {"rank_by": ["title", "BM25", "denim"], "limit": 20, "include_attributes": ["title"]})
    bm25_ids = _table_ids(driver, "results-table")
    _wait(driver, lambda d: "BM25(title, 'denim')" in d.find_element(By.ID, "explain").text, "the BM25 plan")
    assert sorted(bm25_ids, key=int) == [str(i) for i in range(1, 61, 6)]
    assert all("denim" in td.text for td in driver.find_elements(By.CSS_SELECTOR, "#results-table tbody tr"))
    _shot(driver, "05-workbench-bm25", ".tabs")

    # The same BM25 query built from fields, with a filter: the form writes the JSON and runs it.
    driver.execute_script("document.getElementById('results').replaceChildren()")
    Select(driver.find_element(By.ID, "build-kind")).select_by_value("bm25")
    driver.find_element(By.ID, "build-text").send_keys("denim")
    Select(driver.find_element(By.ID, "build-filter-attr")).select_by_value("id")
    Select(driver.find_element(By.ID, "build-filter-op")).select_by_value("Lt")
    driver.find_element(By.ID, "build-filter-value").send_keys("30")
    driver.find_element(By.ID, "build-query").click()
    _wait(
        driver,
        lambda d: d.find_elements(By.CSS_SELECTOR, "#results-table tbody tr"),
        "the built query's results",
    )
    assert sorted(_table_ids(driver, "results-table"), key=int) == [str(i) for i in range(1, 30, 6)]
    built = json.loads(driver.find_element(By.ID, "query-json").get_attribute("value"))
    assert built["rank_by"] == ["title", "BM25", "denim"] and built["filters"] == ["id", "Lt", 30]
    _shot(driver, "05b-workbench-built", "#query-builder")

    # An aggregation is shown as a table.
    driver.execute_script("document.getElementById('results').replaceChildren()")
    driver.find_element(By.ID, "example-group").click()
    driver.find_element(By.ID, "run-query").click()
    groups = _wait(driver, lambda d: d.find_element(By.ID, "aggregations-table"), "the aggregation table")
    assert "warm" in groups.text and "cool" in groups.text and "30" in groups.text

    # The vector space: one point per sampled document, the BM25 query's hits highlighted.
    _run_query(driver, {"rank_by": ["title", "BM25", "denim"], "limit": 20})
    driver.find_element(By.LINK_TEXT, "Vector space").click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#projection circle"), "the scatter plot")
    points = driver.find_elements(By.CSS_SELECTOR, "#projection circle.point")
    assert len(points) == 60
    hits = sorted(
        int(c.get_attribute("data-id"))
        for c in driver.find_elements(By.CSS_SELECTOR, "#projection circle.hit")
    )
    assert hits == sorted(int(i) for i in bm25_ids) and len(hits) == 10
    assert driver.find_element(By.ID, "color-by").get_attribute("value") == "colour"
    fills = {c.get_attribute("fill") for c in points}
    assert len(fills) == 2  # warm and cool
    _shot(driver, "06-vector-space", ".tabs")

    # Live counters: this session's queries are counted for orgA.
    driver.find_element(By.LINK_TEXT, "Counters").click()
    table = _wait(driver, lambda d: d.find_element(By.ID, "operations-table"), "the counters")
    assert "query" in table.text and "explain_query" in table.text
    assert "BM25" in driver.find_element(By.ID, "index-table").text
    _shot(driver, "07-counters")
    assert NS_B not in _page_text(driver)
