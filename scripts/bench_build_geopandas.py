"""The peer of `propice build` for scripts/bench-build: the same pipeline with pandas, numpy and
geopandas, step for step. Reads and aggregates every source (bench_sources_pandas.py), keeps the
EPCI of metropolitan France, scores them with the three models and their 1,000-draw Monte
Carlo (bench_scoring_numpy.py), simplifies the commune coverage once per band
(simplify_coverage, 100 m and 1,000 m), dissolves it into EPCI and départements
(dissolve(method="coverage")), projects to WGS 84, joins the scores, and writes every layer
as RFC 7946 GeoJSON, all of them into one GeoPackage and one TopoJSON (the topojson package),
and the scores as CSV.

Usage: python bench_build_geopandas.py GEODATA MODELS_DIR OUTPUT_DIR
"""
import os
import runpy
import sys

import geopandas as gpd
import pandas as pd
import topojson

root, models, out = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))


def run(script, *arguments):
    sys.argv = [script, *arguments]
    runpy.run_path(os.path.join(here, script), run_name="__main__")


# Sources read and aggregated to EPCI; the EPCI with a commune in metropolitan France kept.
run("bench_sources_pandas.py", root, f"{out}/aggregates-all.csv")
membership = pd.read_csv(f"{root}/cog2025/communes-epci.csv", dtype=str)
metropolitan = set(membership[~membership.DEP.str.startswith("97") & (membership.EPCI != "ZZZZZZZZZ")].EPCI)
figures = pd.read_csv(f"{out}/aggregates-all.csv", dtype={"code_epci": str})
figures = figures[figures.code_epci.isin(metropolitan)].copy()
figures["borne_basse"] = figures["borne_haute"] = figures.valeur
figures["completude"] = figures.valeur.notna().astype(float)
figures.to_csv(f"{out}/aggregates.csv", index=False)

# Scores, classes, ranks and the Monte Carlo.
run("bench_scoring_numpy.py", f"{out}/aggregates.csv", f"{root}/cog2025/epci.csv", models, "1000", f"{out}/scores.csv")
scores = pd.read_csv(f"{out}/scores.csv", dtype={"code_epci": str})

# The borders, once per band, and the layers.
communes = gpd.read_file(f"{root}/cog2025/communes-metro.l93.geojson", engine="pyogrio")
communes = communes[communes.siren_epci.isin(metropolitan) | (communes.siren_epci == "ZZZZZZZZZ")][["insee_com", "nom", "siren_epci", "dep", "geometry"]]
layers = {}
for band, tolerance in [("100m", 100), ("1000m", 1000)]:
    simplified = communes.copy()
    simplified["geometry"] = simplified.geometry.simplify_coverage(tolerance)
    epci = simplified[simplified.siren_epci != "ZZZZZZZZZ"][["siren_epci", "geometry"]].dissolve(by="siren_epci", method="coverage").reset_index()
    departements = simplified[["dep", "geometry"]].dissolve(by="dep", method="coverage").reset_index()
    layers[f"communes_{band}"] = simplified.to_crs(4326)
    layers[f"departements_{band}"] = departements.to_crs(4326)
    epci = epci.to_crs(4326)
    for model, rows in scores.groupby("modele"):
        layers[f"epci_{model.replace('-', '_')}_{band}"] = epci.merge(rows, left_on="siren_epci", right_on="code_epci", how="left")

for name, layer in layers.items():
    layer.to_file(f"{out}/{name}.geojson", driver="GeoJSON", engine="pyogrio", RFC7946="YES", COORDINATE_PRECISION=6)
    layer.to_file(f"{out}/propice.gpkg", layer=name, driver="GPKG", engine="pyogrio")
names = list(layers)
topojson.Topology([layers[n] for n in names], object_name=names, prequantize=1e6).to_json(f"{out}/propice.topojson")
scores.to_csv(f"{out}/scores-out.csv", index=False)
