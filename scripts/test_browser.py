"""The map page in a real browser: headless Chromium (Debian's chromium and chromium-driver)
opens a built index.html from the disk, or the page `propice serve` gives at URL, and the test
reads the page's DOM: the map, the legend, the table, the search, the weights panel (disabled
from the disk; from the server, a slider moved with the keyboard, the map and table checked
against the API's answer, the address reopened), and the EPCI's sheet, printed to PDF on one page.

Usage: test_browser.py OUTPUT_FOLDER SEARCH EXPECTED_NAME SCREENSHOT.png [URL]
"""
import base64
import json
import re
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import TimeoutException
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
    # The popup fades in: its title is in view once the fade has begun, within the wait's time.
    try:
        title_shown = wait.until(lambda d: popup.find_element(By.TAG_NAME, "h3").is_displayed())
    except TimeoutException:
        title_shown = False
    check(title_shown, "the popup's title is in view")
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

    check(bool(driver.find_elements(By.CSS_SELECTOR, '.leaflet-popup-content a[href^="territoires/"]')), "the popup links to the EPCI's sheet")
    check(bool(driver.find_elements(By.CSS_SELECTOR, '#tableau tbody a[href^="territoires/"]')), "the table links to the sheets")
    served = url.startswith("http")
    base = url.rstrip("/") if served else "file://" + folder
    if served:
        fetched = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
        for route in ("/api/v1/metadata", "/api/v1/legende", "/api/v1/couches/", "/api/v1/territoires/", "/api/v1/territoires?q=",
                      "/api/v1/scores/"):
            check(any(route in name for name in fetched), f"the page read {route} from the API")

    # The weights panel: disabled from the disk, saying why; live from the server.
    fieldset = driver.find_element(By.ID, "poids-reglages")
    sliders = driver.find_elements(By.CSS_SELECTOR, "#poids-indicateurs input[type=range]")
    check(len(sliders) > 1, f"the weights panel has a slider per indicator ({len(sliders)})")
    if not served:
        check(fieldset.get_attribute("disabled") is not None, "from the disk, the weights panel is disabled")
        check("propice serve" in driver.find_element(By.ID, "poids-etat").text, "from the disk, the panel says it needs propice serve")
    else:
        check(fieldset.get_attribute("disabled") is None, "from the server, the weights panel is enabled")
        model = legend[-1]

        def api(weights):
            query = "&".join(f"poids.{k}={v}" for k, v in weights.items())
            return json.load(urllib.request.urlopen(f"{base}/api/v1/scores/{model['modele']}?{query}"))

        def address_weights():
            found = dict(re.findall(r"poids\.([^=&]+)=([^&]+)", driver.execute_script("return location.hash;")))
            return {k: float(v) for k, v in found.items()}

        def matches_api(answer):
            """The map's colours and the table's ranks and classes against the API's answer."""
            colours = {c["classe"]: c["couleur"].lower() for c in model["classes"]}
            wrong_fill, wrong_row = 0, 0
            fills = driver.execute_script("var o = {}; document.querySelectorAll('path.epci').forEach(function (p) {"
                                          " var c = Array.from(p.classList).filter(function (x) { return /^epci-\\d/.test(x); })[0];"
                                          " o[c.slice(5)] = p.getAttribute('fill'); }); return o;")
            rows = driver.execute_script("var o = {}; document.querySelectorAll('#tableau tbody tr').forEach(function (r) {"
                                         " o[r.getAttribute('data-code')] = [r.cells[0].textContent, r.cells[4].textContent]; }); return o;")
            for e in answer["epci"]:
                want = colours[e["classe"]] if e["statut"] == "note" else "url(#hachures)" if e["statut"] == "donnees_insuffisantes" \
                    else model["hors_criteres"]["couleur"].lower()
                if (fills.get(e["code_epci"]) or "").lower() != want:
                    wrong_fill += 1
                row = rows.get(e["code_epci"])
                if row is None or row[0] != (str(e["rang"]) if e["rang"] else "—") or row[1] != e["classe_libelle"]:
                    wrong_row += 1
            return wrong_fill, wrong_row

        first = driver.find_elements(By.CSS_SELECTOR, "#poids-indicateurs input[type=range]")[0]
        first.send_keys(Keys.END)  # the keyboard: the first indicator's weight to 100
        try:
            WebDriverWait(driver, 10).until(lambda d: "Poids modifiés" in d.find_element(By.ID, "poids-etat").text)
            moved = True
        except Exception:
            moved = False
        check(moved, "a slider moved with the keyboard scores again: " + driver.find_element(By.ID, "poids-etat").text)
        weights = address_weights()
        check(len(weights) == len(sliders) and max(weights.values()) == 100, f"the address holds the weights: {weights}")
        answer = api(weights)
        check(answer["poids_publies"] is False and "non recalculée" in answer["sensibilite"], "the API's answer says the weights and the Monte Carlo")
        wrong = matches_api(answer)
        check(wrong == (0, 0), f"the map's colours and the table match the API's answer ({wrong[0]} fills, {wrong[1]} rows wrong)")
        moved_ranks = sum(1 for e in answer["epci"] if e["evolution_rang"])
        check(moved_ranks > 0, f"the new weights move ranks ({moved_ranks} EPCI)")
        check(driver.find_element(By.ID, "vivant").is_displayed(), "the live view says its weights are not the published ones")
        driver.save_screenshot(screenshot.replace(".png", "-poids.png"))
        print(f"screenshot: {screenshot.replace('.png', '-poids.png')}")

        # Reopening the address restores the same view.
        link = driver.current_url
        driver.get("about:blank")
        driver.get(link)
        try:
            WebDriverWait(driver, 20).until(lambda d: "Poids modifiés" in d.find_element(By.ID, "poids-etat").text)
        except Exception:
            pass
        values = [float(i.get_attribute("value")) for i in driver.find_elements(By.CSS_SELECTOR, "#poids-indicateurs input[type=number]")]
        check(values == [weights[k] for k in sorted(weights, key=list(weights).index)], f"reopening the link restores the weights {values}")
        wrong = matches_api(answer)
        check(wrong == (0, 0), f"reopened, the map and the table match the API again ({wrong[0]} fills, {wrong[1]} rows wrong)")

        # Back to the published weights.
        driver.find_element(By.ID, "poids-publies").click()
        WebDriverWait(driver, 10).until(lambda d: "poids." not in d.execute_script("return location.hash;"))
        time.sleep(0.5)
        wrong = matches_api(api({}))
        check(wrong == (0, 0) and not driver.find_element(By.ID, "vivant").is_displayed(), "the button returns to the published weights")

    # The EPCI's sheet: opens, carries the notice, prints on one A4 page.
    code = next(r["code_epci"] for r in records if r["nom_epci"] == expected)
    driver.get(f"{base}/territoires/{code}.html")
    record = json.load(open(f"{folder}/territoires/{code}.json"))
    check(driver.find_element(By.TAG_NAME, "h1").text == expected, f"the sheet of {expected} opens ({'server' if served else 'disk'})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.situation path")) > 1, "the sheet's map shows the EPCI among neighbours")
    check(len(driver.find_elements(By.CSS_SELECTOR, "section.programme")) == len(record["resultats"]), "a block per programme")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.barres")) == len(record["resultats"]), "a bar chart per programme")
    notice = bool(record["fictif"] or record["indicateurs_synthetiques"]) or bool(json.load(open(f"{folder}/metadata.json"))["sources_synthetiques_exclues"])
    check(bool(driver.find_elements(By.CSS_SELECTOR, ".avertissement")) == notice, "the sheet carries the notice when one applies")
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    check(pages == 1, f"the sheet prints on one page ({pages})")
    open(screenshot.replace(".png", "-fiche.pdf"), "wb").write(pdf)
    driver.save_screenshot(screenshot.replace(".png", "-fiche.png"))
    print(f"sheet: {screenshot.replace('.png', '-fiche.pdf')}")
finally:
    driver.quit()

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
