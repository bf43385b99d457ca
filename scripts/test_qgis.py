#!/usr/bin/python3
"""QGIS, as cartographers run it, on a built folder: Debian's QGIS (python3-qgis), offscreen.

Checks, for every EPCI layer of propice.gpkg: a categorised renderer whose categories and
colours are legend.json's, in the work CRS, multipolygons; a rendered image whose pixel at a
point inside each EPCI (GEOS's point on surface) is its class's colour; then that
propice.qgz opens with every layer and every layout, and that QGIS exports each layout to a
PDF (written into the folder's qgis-export/). With a PostgreSQL socket folder and database
where `propice publish` wrote the folder into the schema propice, the same checks on every
EPCI layer opened from PostGIS, styled by QGIS from public.layer_styles as a user who
connects gets them. Prints `N passed, M failed`; exits 1 on a failure.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/test_qgis.py OUTPUT_FOLDER [EPSG:2154 [PGHOST PGDATABASE]]
"""
import json
import os
import sys

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsLayoutExporter, QgsMapRendererParallelJob,
                       QgsDataSourceUri, QgsMapSettings, QgsProject, QgsRectangle, QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from check_tally import check, summary


def rgb(hex_colour):
    c = QColor(hex_colour)
    return (c.red(), c.green(), c.blue())


def render_and_sample(layer, size=1600):
    """Renders the layer alone and returns, per feature, its class's expected colour and the pixel found."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    extent = QgsRectangle(layer.extent())
    extent.scale(1.02)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    to_pixel = settings.mapToPixel()
    return image, to_pixel


def geopackage_layer(path, name):
    return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")


def postgis_layer(host, database, name, as_browser):
    """The layer opened from the database, its default style from layer_styles: as QGIS's
    browser adds it (its geometry type and SRID named) or from a bare URI (as scripts do)."""
    uri = QgsDataSourceUri()
    uri.setConnection(host, "5432", database, "postgres", "")
    uri.setDataSource("propice", name, "geom", "", "code_epci")
    if as_browser:
        uri.setWkbType(QgsWkbTypes.MultiPolygon)
        uri.setSrid("2154")
    return QgsVectorLayer(uri.uri(False), ("PostGIS (browser) " if as_browser else "PostGIS ") + name, "postgres")


def check_layer(layer, legend_model, crs):
    name = layer.name()
    check(layer.isValid(), f"{name} opens")
    if not layer.isValid():
        return
    check(layer.crs().authid() == crs, f"{name} is in {crs}, not {layer.crs().authid()}")
    check(layer.wkbType() == QgsWkbTypes.MultiPolygon, f"{name} is MultiPolygon")
    renderer = layer.renderer()
    check(renderer.type() in ("categorizedSymbol", "graduatedSymbol"), f"{name}: renderer {renderer.type()}")
    if renderer.type() != "categorizedSymbol":
        return
    entries = legend_model["classes"] + [legend_model["donnees_insuffisantes"], legend_model["hors_criteres"]]
    categories = renderer.categories()
    check(len(categories) == len(entries), f"{name}: {len(categories)} categories for {len(entries)} legend entries")
    expected = {}
    for category, entry in zip(categories, entries):
        value = str(entry["classe"]) if entry.get("classe") is not None else None
        check(value is None or category.value() == value, f"{name}: category {category.value()} for class {value}")
        colour = category.symbol().symbolLayer(0).color().name()
        check(colour == entry["couleur"], f"{name}: {entry['libelle']} is {colour}, legend.json says {entry['couleur']}")
        expected[str(category.value())] = rgb(entry["couleur"])
    image, to_pixel = render_and_sample(layer)
    sampled = 0
    for feature in layer.getFeatures():
        key = str(feature["classe"]) if feature["statut"] == "note" else feature["statut"]
        point = feature.geometry().pointOnSurface().asPoint()
        pixel = to_pixel.transform(point)
        x, y = int(round(pixel.x())), int(round(pixel.y()))
        want = expected.get(key)
        # The pixel or one of its neighbours (a hatch line or a border may cross the point).
        found = [image.pixelColor(x + dx, y + dy) for dx in (-2, 0, 2) for dy in (-2, 0, 2)]
        ok = want is not None and any(max(abs(c.red() - want[0]), abs(c.green() - want[1]), abs(c.blue() - want[2])) <= 3 for c in found)
        check(ok, f"{name}: EPCI {feature['code_epci']} ({key}) drawn {found[4].name()}, expected {want}")
        sampled += 1
    check(sampled > 0, f"{name}: no EPCI sampled")


def main():
    folder = os.path.abspath(sys.argv[1])
    crs = sys.argv[2] if len(sys.argv) > 2 else "EPSG:2154"
    app = QgsApplication([], False)
    app.initQgis()
    legend = json.load(open(os.path.join(folder, "legend.json"), encoding="utf-8"))
    gpkg = os.path.join(folder, "propice.gpkg")
    probe = QgsVectorLayer(gpkg, "probe", "ogr")
    names = [sub.split("!!::!!")[1] for sub in probe.dataProvider().subLayers()]
    for model in legend["modeles"]:
        layer_id = "epci_" + model["modele"].replace("-", "_") + "_"
        layers = [n for n in names if n.startswith(layer_id)]
        check(len(layers) > 0, f"no EPCI layer for {model['modele']}")
        for name in layers:
            check_layer(geopackage_layer(gpkg, name), model, crs)
            if len(sys.argv) > 4:
                for as_browser in (True, False):
                    check_layer(postgis_layer(sys.argv[3], sys.argv[4], name, as_browser), model, crs)

    project = QgsProject.instance()
    check(project.read(os.path.join(folder, "propice.qgz")), "propice.qgz opens")
    layers = project.mapLayers().values()
    check(len(layers) == len(legend["modeles"]) + 2, f"{len(layers)} layers in the project")
    check(all(layer.isValid() for layer in layers), "every layer of the project is valid")
    check(project.crs().authid() == crs, f"the project is in {project.crs().authid()}")
    layouts = project.layoutManager().printLayouts()
    check(len(layouts) == len(legend["modeles"]), f"{len(layouts)} layouts for {len(legend['modeles'])} programmes")
    export = os.path.join(folder, "qgis-export")
    os.makedirs(export, exist_ok=True)
    for layout in layouts:
        target = os.path.join(export, layout.name().replace("/", "-") + ".pdf")
        result = QgsLayoutExporter(layout).exportToPdf(target, QgsLayoutExporter.PdfExportSettings())
        check(result == QgsLayoutExporter.Success and os.path.getsize(target) > 10000, f"layout {layout.name()} exports to PDF ({result})")
    status = summary()
    # QGIS's teardown crashes under the offscreen platform; nothing is left to write.
    os._exit(status)


if __name__ == "__main__":
    main()
