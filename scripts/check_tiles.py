#!/usr/bin/env python3
"""Reads a PMTiles archive of vector tiles with independent code (PyPI's pmtiles reader and
mapbox-vector-tile decoder) and checks it as a web-map pipeline relies on it:

- every tile decodes, and every feature's coordinates lie within the tile's extent and buffer;
- at the zooms asked, one layer's polygons reassembled from their tiles (each tile's part cut to
  the tile itself, then the parts of a feature joined) form a clean coverage, judged by GEOS's
  coverage validation: no overlap, no border that its neighbours do not share exactly (an
  invalid edge), no gap narrower than the grid's unit (a sliver no real territory makes at
  that zoom); and, given the GeoJSON layer, the same features as it.

Prints one line per zoom and exits 1 when a check fails (with --report, it only counts).

    scripts/check_tiles.py ARCHIVE --layer epci_iml [--id-property code_epci]
                           [--geojson epci_iml_100m.geojson] [--zooms 4 8 12] [--buffer 64] [--report]
"""
import argparse
import gzip
import json
import sys
from collections import defaultdict

import mapbox_vector_tile
import shapely
from pmtiles.reader import MmapSource, Reader, all_tiles
from shapely.geometry import Polygon


def clip_ring(ring, box):
    """Sutherland-Hodgman on one ring; crossings computed from the endpoints in lexicographic
    order, so that two neighbours following a border in opposite directions get one point."""
    min_x, min_y, max_x, max_y = box
    sides = [(0, min_x, True), (0, max_x, False), (1, min_y, True), (1, max_y, False)]
    points = list(ring)
    for axis, value, low in sides:
        if not points:
            return []
        inside = (lambda p: p[axis] >= value) if low else (lambda p: p[axis] <= value)
        out = []
        previous = points[-1]
        for point in points:
            if inside(point) != inside(previous):
                a, b = sorted([previous, point])
                t = (value - a[axis]) / (b[axis] - a[axis])
                other = 1 - axis
                crossing = [0.0, 0.0]
                crossing[axis] = value
                crossing[other] = a[other] + t * (b[other] - a[other])
                out.append(tuple(crossing))
            if inside(point):
                out.append(point)
            previous = point
        points = out
    return points


def tile_polygons(geometry):
    """The polygons of a decoded feature, as lists of rings (exterior first)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("archive")
    parser.add_argument("--layer", required=True)
    parser.add_argument("--id-property", default="code_epci")
    parser.add_argument("--geojson")
    parser.add_argument("--zooms", type=int, nargs="+", default=[4, 8, 12])
    parser.add_argument("--buffer", type=int, default=64)
    parser.add_argument("--report", action="store_true", help="count gaps and overlaps without failing")
    parser.add_argument("--verbose", action="store_true", help="print where each gap, overlap and invalid edge is")
    args = parser.parse_args()
    failures = []

    with open(args.archive, "rb") as f:
        source = MmapSource(f)
        reader = Reader(source)
        header = reader.header()
        metadata = reader.metadata()
        names = [layer["id"] for layer in metadata.get("vector_layers", [])]
        if args.layer not in names:
            print(f"check_tiles: no layer {args.layer} in the metadata's vector_layers ({', '.join(names)})", file=sys.stderr)
            return 1
        parts = {zoom: defaultdict(list) for zoom in args.zooms}
        tiles = features = outside = 0
        for (z, x, y), data in all_tiles(source):
            tiles += 1
            raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            decoded = mapbox_vector_tile.decode(raw, default_options={"y_coord_down": True})
            for name, layer in decoded.items():
                low, high = -args.buffer, layer["extent"] + args.buffer
                for feature in layer["features"]:
                    features += 1
                    polygons = tile_polygons(feature["geometry"])
                    if any(not (low <= c <= high) for polygon in polygons for ring in polygon for point in ring for c in point):
                        outside += 1
                    if name != args.layer or z not in parts:
                        continue
                    key = feature["properties"].get(args.id_property, feature.get("id"))
                    box = (0, 0, layer["extent"], layer["extent"])
                    for polygon in polygons:
                        rings = [clip_ring([tuple(p) for p in ring], box) for ring in polygon]
                        if len(rings[0]) < 3:
                            continue
                        world = [[(px + x * layer["extent"], py + y * layer["extent"]) for px, py in ring] for ring in rings if len(ring) >= 3]
                        parts[z][key].append(Polygon(world[0], world[1:]))
        print(f"{args.archive}: {tiles} tiles, {features} features, zooms {header['min_zoom']}-{header['max_zoom']}, "
              f"{outside} features beyond the extent and buffer")
        if outside:
            failures.append(f"{outside} features beyond the extent and buffer")

    expected = None
    if args.geojson:
        with open(args.geojson, encoding="utf-8") as f:
            expected = {str(feature["properties"][args.id_property]) for feature in json.load(f)["features"]}
    for zoom in args.zooms:
        keys = sorted(parts[zoom])
        # A part may touch itself (a hole cut by the tile's side meets the exterior there): made
        # valid as GEOS's "structure" method does, exteriors joined and holes taken out, before joining.
        geometries = [shapely.union_all(shapely.make_valid(parts[zoom][k], method="structure", keep_collapsed=False)) for k in keys]
        geometries = [shapely.get_parts(g) for g in geometries]
        merged = [shapely.multipolygons([p for p in g if p.geom_type == "Polygon"]) for g in geometries]
        tree = shapely.STRtree(merged)
        left, right = tree.query(merged, predicate="intersects")
        overlaps = sum(1 for i, j in zip(left, right) if i < j and shapely.area(shapely.intersection(merged[i], merged[j])) > 1e-6)
        union = shapely.union_all(merged)
        holes = [Polygon(ring) for polygon in shapely.get_parts(union) for ring in polygon.interiors]
        gaps = sum(1 for hole in holes if hole.buffer(-0.5).is_empty)
        invalid = shapely.coverage_invalid_edges(merged, gap_width=0)
        invalid_edges = sum(0 if edge is None or edge.is_empty else 1 for edge in invalid)
        if args.verbose:
            for k, edge in zip(keys, invalid):
                if edge is not None and not edge.is_empty:
                    print(f"  {k}: {shapely.to_wkt(edge, rounding_precision=1)[:300]}")
            for i, j in zip(left, right):
                if i < j and shapely.area(shapely.intersection(merged[i], merged[j])) > 1e-6:
                    print(f"  overlap {keys[i]} {keys[j]}: {shapely.to_wkt(shapely.intersection(merged[i], merged[j]), rounding_precision=1)[:300]}")
            for hole in holes:
                if hole.buffer(-0.5).is_empty:
                    print(f"  gap: {shapely.to_wkt(hole, rounding_precision=1)[:300]}")
        line = f"zoom {zoom}: {len(keys)} features of {args.layer}, {overlaps} overlaps, {gaps} gaps, {invalid_edges} with invalid edges"
        if expected is not None:
            missing, extra = expected - set(map(str, keys)), set(map(str, keys)) - expected
            line += f", {len(missing)} of the GeoJSON layer missing, {len(extra)} not in it"
            if missing or extra:
                failures.append(f"zoom {zoom}: features differ from the GeoJSON layer: missing {sorted(missing)[:5]}, extra {sorted(extra)[:5]}")
        print(line)
        if overlaps or gaps or invalid_edges:
            failures.append(f"zoom {zoom}: {overlaps} overlaps, {gaps} gaps, {invalid_edges} with invalid edges")
    if failures and not args.report:
        for failure in failures:
            print("check_tiles: " + failure, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
