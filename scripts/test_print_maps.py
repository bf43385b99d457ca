#!/usr/bin/python3
"""propice's print maps as a reader gets them: for each model of a built folder,
`pdftotext` finds in cartes/<model>.pdf the title, every class label of legend.json and the
sources line; `pdftoppm` renders the page, and at a point inside each EPCI (GEOS's point on
surface, read back from propice.gpkg with GDAL), or within 2 mm of it where a département's
outline or name covers it, the pixel is its class's colour (or, for *données insuffisantes*,
the grey or its hatch). The PNG, read with GDAL (libpng), is A4 landscape at 300 dpi and says
so, and has the same colours at the same points; the SVG names the title. Prints `N passed, M failed`; exits 1 on a failure.

    /usr/bin/python3 scripts/test_print_maps.py OUTPUT_FOLDER
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

from osgeo import gdal, ogr

from check_tally import check, summary

ogr.UseExceptions()
gdal.UseExceptions()
# The layout of PrintLayout.swift, in points.
FRAME = (28.35, 80.0, 560.0, 400.0)
INSET = 12.0
HATCH = (82, 82, 82)


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts = data.split(maxsplit=4)
    width, height = int(parts[1]), int(parts[2])
    return width, height, parts[4][-width * height * 3:]


def png_chunks(path):
    """Each chunk of a PNG file: its type, its data, and whether its CRC is right."""
    with open(path, "rb") as f:
        data = f.read()
    chunks, at = [], 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        chunks.append((kind, body, zlib.crc32(kind + body) == crc))
        at += 12 + length
    return chunks


def sample(path, layer, placed, expected, dpi, w, h, pixels, epci):
    """At a point inside each EPCI of `layer`, or within 2 mm of it, the colour of its class."""
    origin_x, origin_y, min_x, max_y, scale = placed
    reach = round(2 / 25.4 * dpi)
    sampled = 0
    layer.ResetReading()
    for feature in layer:
        key = str(feature["classe"]) if feature["statut"] == "note" else feature["statut"]
        point = feature.GetGeometryRef().PointOnSurface()
        x = (origin_x + (point.GetX() - min_x) * scale) * dpi / 72
        y = (origin_y + (max_y - point.GetY()) * scale) * dpi / 72
        # The point's pixel, or within 2 mm of it: a département's outline or name may lie on it.
        found = []
        for dx in range(-reach, reach + 1, max(1, reach // 8)):
            for dy in range(-reach, reach + 1, max(1, reach // 8)):
                px, py = int(x) + dx, int(y) + dy
                if 0 <= px < w and 0 <= py < h:
                    i = (py * w + px) * 3
                    found.append(tuple(pixels[i:i + 3]))
        ok = any(max(abs(a - b) for a, b in zip(colour, want)) <= 6 for colour in found for want in expected[key])
        check(ok, f"{path}: EPCI {feature['code_epci']} ({key}) is drawn {found[len(found) // 2] if found else None}, expected {expected[key]}")
        sampled += 1
    check(sampled == epci, f"{path}: {sampled} EPCI sampled")


def main():
    folder = os.path.abspath(sys.argv[1])
    legend = json.load(open(os.path.join(folder, "legend.json"), encoding="utf-8"))
    metadata = json.load(open(os.path.join(folder, "metadata.json"), encoding="utf-8"))
    band = metadata["bandes"][-1]["nom"]
    gpkg = ogr.Open(os.path.join(folder, "propice.gpkg"))
    dpi = 100
    for model in legend["modeles"]:
        pdf = os.path.join(folder, "cartes", model["modele"] + ".pdf")
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        check(model["titre"] in flat, f"{pdf}: the title")
        entries = model["classes"] + [model["donnees_insuffisantes"], model["hors_criteres"]]
        for entry in entries:
            label = entry["libelle"][0].upper() + entry["libelle"][1:] + f" ({entry['effectif']})"
            check(label in flat, f"{pdf}: legend label {label!r}")
        check("Sources : INSEE, Code officiel géographique" in flat, f"{pdf}: the sources line")
        svg = open(os.path.join(folder, "cartes", model["modele"] + ".svg"), encoding="utf-8").read()
        check(svg.startswith("<?xml") and "<svg" in svg, f"{model['modele']}.svg is an SVG document")

        layer = gpkg.GetLayerByName("epci_" + model["modele"].replace("-", "_") + "_" + band)
        outlines = gpkg.GetLayerByName("departements_" + band)
        extents = [layer.GetExtent(), outlines.GetExtent()]
        min_x, max_x = min(e[0] for e in extents), max(e[1] for e in extents)
        min_y, max_y = min(e[2] for e in extents), max(e[3] for e in extents)
        fx, fy, fw, fh = FRAME
        scale = min((fw - 2 * INSET) / max(max_x - min_x, 1), (fh - 2 * INSET) / max(max_y - min_y, 1))
        origin_x = fx + (fw - (max_x - min_x) * scale) / 2
        origin_y = fy + (fh - (max_y - min_y) * scale) / 2
        with tempfile.TemporaryDirectory() as scratch:
            subprocess.run(["pdftoppm", "-r", str(dpi), pdf, os.path.join(scratch, "page")], check=True)
            page = [name for name in os.listdir(scratch) if name.endswith(".ppm")]
            check(len(page) == 1, f"{pdf}: one page")
            w, h, pixels = read_ppm(os.path.join(scratch, page[0]))
        expected = {str(e["classe"]): [rgb(e["couleur"])] for e in model["classes"]}
        expected["donnees_insuffisantes"] = [rgb(model["donnees_insuffisantes"]["couleur"]), HATCH]
        expected["hors_criteres"] = [rgb(model["hors_criteres"]["couleur"])]
        placed = (origin_x, origin_y, min_x, max_y, scale)
        sample(pdf, layer, placed, expected, dpi, w, h, pixels, metadata["territoire"]["epci"])

        png = os.path.join(folder, "cartes", model["modele"] + ".png")
        raster = gdal.Open(png)
        w, h = raster.RasterXSize, raster.RasterYSize
        check((w, h, raster.RasterCount) == (3508, 2480, 3), f"{png} is {w}×{h} in {raster.RasterCount} bands, not RGB A4 at 300 dpi")
        chunks = png_chunks(png)
        check(all(ok for _, _, ok in chunks), f"{png}: a chunk's CRC is wrong")
        physical = [data for kind, data, _ in chunks if kind == b"pHYs"]
        check(physical == [struct.pack(">IIB", 11811, 11811, 1)], f"{png}: pHYs is {physical}, not 300 dpi (11,811 pixels per metre)")
        pixels = raster.ReadRaster(band_list=[1, 2, 3], buf_pixel_space=3, buf_line_space=3 * w, buf_band_space=1)
        sample(png, layer, placed, expected, 300, w, h, pixels, metadata["territoire"]["epci"])
    sys.exit(summary())


if __name__ == "__main__":
    main()
