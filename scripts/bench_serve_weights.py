"""The requests of scripts/bench-serve's live weights: 1,000 weightings of the iml model's
indicators drawn at random (seeded), each weight 0 to 100 and the first at least 1, and the
territory route's paths of every EPCI of the build.

Usage: bench_serve_weights.py BUILT_FOLDER SERVER_URL WEIGHTS_OUT TERRITORIES_OUT
"""
import json
import random
import sys
import urllib.request

folder, server, weights_out, territories_out = sys.argv[1:5]
ids = [i["id"] for i in json.load(urllib.request.urlopen(server + "/api/v1/scores/iml"))["indicateurs"]]
draw = random.Random(23)
with open(weights_out, "w") as out:
    for _ in range(1000):
        weights = [draw.randint(1 if k == 0 else 0, 100) for k in range(len(ids))]
        out.write("/api/v1/scores/iml?" + "&".join(f"poids.{i}={w}" for i, w in zip(ids, weights)) + "\n")
with open(territories_out, "w") as out:
    for entry in json.load(open(f"{folder}/territoires/index.json"))["epci"]:
        out.write("/api/v1/territoires/" + entry["code_epci"] + "\n")
