"""A person's path through `osce-kg serve` in headless Chromium (Debian's chromium + chromium-driver, driven
by selenium): the query page, a named query run, its rows, an entity page, and a source link followed.

Screenshots go into the test's tmp folder, and also into $OSCE_KG_SCREENSHOT_DIR when it is set (README)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import servers

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver; .ci/run does)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(20)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(bundled_build):
    srv = servers.OsceKgServer(bundled_build.out_dir / "store")
    yield srv
    srv.stop()


def shot(driver, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    driver.save_screenshot(str(path))
    extra = os.environ.get("OSCE_KG_SCREENSHOT_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(extra) / path.name)
    return path


@pytest.mark.slow
def test_query_page_named_query_entity_and_source(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(server.base + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Ask the OSCE knowledge graph"
    browser.find_element(By.CSS_SELECTOR, 'a.named[href="/?name=participating-states"]').click()
    browser.find_element(By.ID, "run-named").click()
    rows = browser.find_elements(By.CSS_SELECTOR, "#results tr")
    assert len(rows) > 20  # a header and the participating States of the bundled corpus
    assert "Finland" in browser.find_element(By.ID, "results").text
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.download")] == ["JSON", "XML", "CSV", "TSV"]
    assert shot(browser, tmp_path, "query-page").stat().st_size > 10_000

    browser.find_element(By.LINK_TEXT, "Finland").click()
    assert browser.current_url.endswith("/id/country/fi")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Finland"
    shot(browser, tmp_path, "entity-page")
    source = browser.find_element(By.CSS_SELECTOR, 'a.source[href^="/graph/page/"]')  # a page that states a fact
    target = source.get_attribute("href")
    source.click()
    assert browser.current_url == target
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Graph page/")
    assert browser.find_element(By.CSS_SELECTOR, "a.origin").get_attribute("href").startswith("https://www.osce.org/")
    assert browser.find_elements(By.CSS_SELECTOR, "table tr")
    shot(browser, tmp_path, "graph-page")
