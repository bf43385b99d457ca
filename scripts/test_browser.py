"""The map page in a real browser: headless Chromium (Debian's chromium and chromium-driver)
opens a built index.html from the disk, or the page `propice serve` gives at URL, and the test
reads the page's DOM.

Usage: test_browser.py OUTPUT_FOLDER SEARCH EXPECTED_NAME SCREENSHOT.png [URL]
"""
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

folder, search, expected, screenshot = sys.argv[1:5]
url = sys.argv[5] if len(sys.argv) > 5 else f"file://{folder}/index.html"
records = json.load(open(f"{folder}/territoires/index.json"))["epci"]
legend = json.load(open(f"{folder}/legend.json"))["modeles"]

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1300,1000"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


try:
    driver.get(url)
    wait = WebDriverWait(driver, 20)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "path.epci"))
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    check(not errors, f"no error in the console {errors[:2]}")
    shapes = driver.find_elements(By.CSS_SELECTOR, "path.epci")
    codes = {c for s in shapes for c in s.get_attribute("class").split() if c.startswith("epci-")}
    check(len(shapes) == len(records) and len(codes) == len(records),
          f"one shape per EPCI: {len(shapes)} shapes, {len(codes)} codes, {len(records)} EPCI")
    check(len(driver.find_elements(By.CSS_SELECTOR, "path.departement")) > 0, "département outlines drawn")
    entries = driver.find_elements(By.CSS_SELECTOR, ".legende li")
    check(len(entries) == len(legend[0]["classes"]) + 2, f"legend: {len(entries)} entries")
    check(legend[0]["classes"][0]["libelle"] in driver.find_element(By.CSS_SELECTOR, ".legende").text, "legend labels")
    rows = driver.find_elements(By.CSS_SELECTOR, "#tableau tbody tr")
    check(len(rows) == len(records), f"table: {len(rows)} rows")
    header = driver.find_element(By.CSS_SELECTOR, "#tableau thead").text
    check("Part synthétique" in header and all("%" in r.find_elements(By.TAG_NAME, "td")[5].text for r in rows[:5]),
          "the table gives each EPCI's synthetic share")
    notice = driver.find_elements(By.ID, "avertissement")
    check(bool(notice) and notice[0].is_displayed(), "the synthetic or fictional notice is visible")

    # The search, with the keyboard only.
    box = driver.find_element(By.ID, "recherche")
    box.send_keys(search)
    box.send_keys(Keys.ENTER)
    popup = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup-content")))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content .explication"))
    text = popup.get_attribute("textContent")
    check(expected in text, f"search '{search}' opens the popup of {expected}")
    check(popup.find_element(By.TAG_NAME, "h3").is_displayed(), "the popup's title is in view")
    check("Score" in text or "données insuffisantes" in text or "hors critères" in text, "the popup gives the score")
    check(len(text) > 200, "the popup explains the score")
    check("Score" not in text or "part synthétique" in text, "the popup gives the score's synthetic share")
    time.sleep(0.5)  # past the popup's fade-in
    driver.save_screenshot(screenshot)
    print(f"screenshot: {screenshot}")

    # Another programme, from the layers control: the legend and the table follow.
    radios = driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-base input")
    check(len(radios) == len(legend), f"a layer per programme: {len(radios)}")
    radios[-1].click()
    try:
        wait.until(lambda d: legend[-1]["programme"] in d.find_element(By.CSS_SELECTOR, ".legende").text)
    except Exception:
        pass
    check(legend[-1]["programme"] in driver.find_element(By.CSS_SELECTOR, ".legende").text, "the legend follows the programme")
    check(legend[-1]["programme"] in driver.find_element(By.ID, "tableau-titre").text, "the table follows the programme")

    # The table's buttons reach the map from the keyboard.
    button = driver.find_element(By.CSS_SELECTOR, "#tableau tbody button")
    name = button.text
    button.send_keys(Keys.ENTER)

    def popup_of(name):
        return lambda d: any(name in e.get_attribute("textContent") for e in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content"))
    try:
        WebDriverWait(driver, 10).until(popup_of(name))
        opened = True
    except Exception:
        opened = False
    check(opened, f"the table's first EPCI ({name}) opens its popup")

    if url.startswith("http"):
        fetched = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
        for route in ("/api/v1/metadata", "/api/v1/legende", "/api/v1/couches/", "/api/v1/territoires/", "/api/v1/territoires?q="):
            check(any(route in name for name in fetched), f"the page read {route} from the API")
finally:
    driver.quit()

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
