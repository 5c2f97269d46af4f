"""Real headless Chromium for the suites that look at a page (Debian's chromium + chromedriver,
installed by ``scripts/ensure_chromium.sh``, which ``make test`` runs): one way to start it, with
the flags this closed network needs (no background networking, no component updates, no sync)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@contextlib.contextmanager
def headless_chromium(width: int, height: int) -> Iterator[Any]:
    """A selenium driver of a fresh Chromium profile with a ``width`` x ``height`` window."""
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("chromium/chromedriver missing: run `bash scripts/ensure_chromium.sh` (make test does)")
    options = webdriver.ChromeOptions()
    for flag in (*FLAGS, f"--window-size={width},{height}"):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="tpuf-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = chromium
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_window_size(width, height)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
