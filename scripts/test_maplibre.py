"""The vector tiles and their style in a real MapLibre GL JS (the copy PyPI's `maplibre`
package carries), in headless Chromium: a page opens the style `propice serve` gives at
URL/api/v1/style.json, which draws from its /api/v1/tuiles, and the test checks that the map
loads without an error, that the attribution carries the sources, and for each model switched
on in turn that every EPCI of the build is drawn with the legend's colours, the hatch of the
sprite over *données insuffisantes*, and the other models' layers off.
It also reads the archive by HTTP ranges from the server with PyPI's pmtiles reader and
compares every tile with the file's.

Usage: test_maplibre.py OUTPUT_FOLDER MAPLIBRE_FOLDER URL SCREENSHOT.png
"""
import gzip
import json
import os
import sys
import tempfile
import urllib.request

from pmtiles.reader import MmapSource, Reader, all_tiles
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

folder, maplibre, url, screenshot = sys.argv[1:5]
url = url.rstrip("/")
records = json.load(open(f"{folder}/territoires/index.json"))["epci"]
legend = json.load(open(f"{folder}/legend.json"))["modeles"]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


# The archive by ranges, as a PMTiles reader on a static host reads it.
ranges = []


def get_bytes(offset, length):
    request = urllib.request.Request(f"{url}/propice.pmtiles", headers={"Range": f"bytes={offset}-{offset + length - 1}"})
    with urllib.request.urlopen(request) as response:
        ranges.append(response.status)
        return response.read()


remote = dict(all_tiles(get_bytes))
with open(f"{folder}/propice.pmtiles", "rb") as f:
    local = dict(all_tiles(MmapSource(f)))
    header = Reader(MmapSource(f)).header()
check(remote == local and len(local) > 0, f"every tile read by ranges equals the file's: {len(remote)} and {len(local)} tiles")
check(set(ranges) == {206}, f"each range answered 206: {sorted(set(ranges))}")
some = sorted(local)[len(local) // 2]
with urllib.request.urlopen(f"{url}/api/v1/tuiles/{some[0]}/{some[1]}/{some[2]}.mvt") as response:
    check(response.read() == gzip.decompress(local[some]), f"tile {some} from /api/v1/tuiles is the archive's")

page = tempfile.mkdtemp()
with open(os.path.join(page, "index.html"), "w") as f:
    f.write(f"""<!doctype html><meta charset="utf-8"><title>propice, MapLibre</title>
<link rel="stylesheet" href="file://{maplibre}/maplibre-gl.css">
<script src="file://{maplibre}/maplibre-gl.js"></script>
<style>html, body, #map {{ margin: 0; width: 100%; height: 100%; }}</style>
<div id="map"></div>
<script>
window.errors = [];
window.map = new maplibregl.Map({{container: "map", style: "{url}/api/v1/style.json", bounds: {json.dumps([[header['min_lon_e7'] / 1e7, header['min_lat_e7'] / 1e7], [header['max_lon_e7'] / 1e7, header['max_lat_e7'] / 1e7]])},
  canvasContextAttributes: {{preserveDrawingBuffer: true}}, attributionControl: {{compact: true}}}});
map.on("error", e => errors.push(String(e.error && e.error.message || e)));
map.once("idle", () => {{ window.ready = true; }});
</script>""")

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900", "--allow-file-access-from-files",
             "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def idle():
    driver.execute_script("window.ready = false; map.once('idle', () => { window.ready = true; }); map.triggerRepaint();")
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return window.ready"))


def drawn(model):
    """The EPCI drawn in the fill layers of `model`, and the colours of their fills."""
    return driver.execute_script("""
        const layers = map.getStyle().layers.filter(l => l.metadata && l.metadata['propice:modele'] === arguments[0] && l.type === 'fill'
                                                     && l.paint['fill-color']);
        const features = map.queryRenderedFeatures({layers: layers.map(l => l.id)});
        return {codes: [...new Set(features.map(f => f.properties.code_epci))],
                colours: [...new Set(features.map(f => layers.find(l => l.id === f.layer.id).paint['fill-color']))]};
    """, model)


def show(model):
    """Switches on the layers of `model` only, and waits for the map to draw them."""
    driver.execute_script("""
        for (const l of map.getStyle().layers) {
            if (l.metadata && l.metadata['propice:modele'])
                map.setLayoutProperty(l.id, 'visibility', l.metadata['propice:modele'] === arguments[0] ? 'visible' : 'none');
        }
    """, model)
    idle()


def canvas():
    """The map's pixels counted by colour, and their number."""
    counts = driver.execute_script("""
        const canvas = document.createElement('canvas'), source = map.getCanvas();
        canvas.width = source.width; canvas.height = source.height;
        const context = canvas.getContext('2d');
        context.drawImage(source, 0, 0);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data, counts = {};
        for (let i = 0; i < data.length; i += 4) {
            const hex = '#' + [data[i], data[i + 1], data[i + 2]].map(v => v.toString(16).padStart(2, '0')).join('');
            counts[hex] = (counts[hex] || 0) + 1;
        }
        return counts;
    """)
    return counts, sum(counts.values())


# The hatch's ink (LayerSymbology.hatchColour).
HATCH = "#525252"

try:
    driver.get(f"file://{page}/index.html")
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return window.ready === true"))
    errors = driver.execute_script("return window.errors") + [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    check(not errors, f"no error in the map or the console {errors[:3]}")
    check(driver.execute_script("return map.loaded() && map.hasImage('hachures')"), "the style and its sprite's hatch are loaded")
    hatched = driver.execute_script(
        "return map.getStyle().layers.filter(l => l.paint && l.paint['fill-pattern'] === 'hachures').length")
    check(hatched == len(legend), f"a hatch layer for données insuffisantes in each model: {hatched}")
    attribution = driver.execute_script("return document.querySelector('.maplibregl-ctrl-attrib').textContent")
    check("propice" in attribution and "INSEE" in attribution, f"the attribution names the sources: {attribution[:120]}…")
    for i, model in enumerate(legend):
        if i > 0:
            show(model["modele"])
            check(not drawn(legend[0]["modele"])["codes"], f"{legend[0]['modele']} switched off")
        seen = drawn(model["modele"])
        check(len(seen["codes"]) == len(records), f"every EPCI drawn for {model['modele']}: {len(seen['codes'])} of {len(records)}")
        entries = model["classes"] + [model["donnees_insuffisantes"], model["hors_criteres"]]
        expected = {e["couleur"] for e in entries if e["effectif"] > 0}
        check(expected <= set(seen["colours"]), f"the legend's colours drawn: {sorted(seen['colours'])} against {sorted(expected)}")
        pixels, total = canvas()
        for colour in sorted(expected):
            check(pixels.get(colour, 0) > 0, f"the canvas shows {colour}: {pixels.get(colour, 0)} of {total} pixels")
        if model["donnees_insuffisantes"]["effectif"] > 0:
            check(pixels.get(HATCH, 0) > 0, f"the canvas shows the hatch of données insuffisantes ({HATCH}): {pixels.get(HATCH, 0)} pixels")
        if i == 0:
            driver.save_screenshot(screenshot)
            print(f"screenshot: {screenshot}")
finally:
    driver.quit()

if failures:
    print(f"{len(failures)} failures", file=sys.stderr)
    sys.exit(1)
