"""The scoring of propice's models written with numpy and scipy, as a peer for bench-scoring:
the same derived figures, constraints, missing-data policy, percentile / min-max / z-score
normalisation, arithmetic or geometric mean, quantile classes and ranks, and the same Monte
Carlo (Dirichlet weights, withheld figures drawn uniformly within their bounds), vectorised
over the draws. Prints the compute time (after reading the files) on stderr and writes one
row per model and EPCI.
Usage: python bench_scoring_numpy.py AGGREGATES.csv EPCI.csv MODELS_DIR DRAWS OUT.csv"""
import os
import sys
import time

import numpy as np
import pandas as pd
import yaml
from scipy.stats import rankdata

aggregates, epci_file, models_dir, draws, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
table = pd.read_csv(aggregates, dtype={"code_epci": str})
codes = np.array(sorted(table.code_epci.unique()))
natures = pd.read_csv(epci_file, dtype={"EPCI": str}).set_index("EPCI").NATURE_EPCI.reindex(codes).to_numpy()
columns = {}
for name in ["valeur", "borne_basse", "borne_haute", "completude"]:
    wide = table.pivot(index="code_epci", columns="indicateur", values=name).reindex(codes)
    columns[name] = {k: wide[k].to_numpy(dtype=float) for k in wide.columns}
models = [yaml.safe_load(open(os.path.join(models_dir, f), encoding="utf-8"))
          for f in sorted(os.listdir(models_dir)) if f.endswith((".yaml", ".yml"))]
LOC = {"loc1": 0.85, "loc2": 0.70, "loc3": 0.55}


def evaluate(model, ident, base):
    """The figure `ident` per EPCI (arrays broadcast over draws) from base figures `base(id)`."""
    for c in model.get("constants", []):
        if c["id"] == ident:
            return np.full(len(codes), float(c["value"]))
    for d in model.get("derived", []):
        if d["id"] != ident:
            continue
        if "ratio" in d:
            r = d["ratio"]
            num, den = evaluate(model, r["numerator"], base), evaluate(model, r["denominator"], base)
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(den == 0, np.nan, num / den * r.get("scale", 1))
        if "difference" in d:
            a, b = d["difference"]
            return evaluate(model, a, base) - evaluate(model, b, base)
        if "product" in d:
            return evaluate(model, d["product"]["of"], base) * d["product"]["factor"]
        if "loc_avantages" in d:
            return evaluate(model, d["loc_avantages"]["of"], base) * LOC[d["loc_avantages"]["level"]]
        if "nature" in d:
            return np.array([d["nature"][n] for n in natures], dtype=float)
    return base(ident)


def parts(model, ident):
    """The catalogue figures `ident` reads."""
    for d in model.get("derived", []):
        if d["id"] == ident:
            if "ratio" in d:
                return parts(model, d["ratio"]["numerator"]) + parts(model, d["ratio"]["denominator"])
            if "difference" in d:
                return parts(model, d["difference"][0]) + parts(model, d["difference"][1])
            if "product" in d or "loc_avantages" in d:
                return parts(model, (d.get("product") or d["loc_avantages"])["of"])
            return []
    return [] if any(c["id"] == ident for c in model.get("constants", [])) else [ident]


def orient(indicator, x):
    if "ideal" in indicator:
        ideal = indicator["ideal"]
        low, high = (ideal, ideal) if not isinstance(ideal, list) else ideal
        return -np.maximum(np.maximum(low - x, 0), x - high)
    return x if indicator["direction"] == "higher" else -x


def normalise(indicator, x):
    """x: (draws, pool) with NaN missing; the normalised values per draw."""
    kind = indicator.get("normalisation", "percentile")
    present = ~np.isnan(x)
    n = present.sum(axis=1, keepdims=True)
    if kind == "percentile":
        ranks = rankdata(np.where(present, x, np.inf), method="average", axis=1)
        return np.where(present, np.where(n > 1, (ranks - 1) / np.maximum(n - 1, 1), 0.5), np.nan)
    if kind == "minmax":
        low, high = np.nanmin(x, axis=1, keepdims=True), np.nanmax(x, axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(high > low, (x - low) / (high - low), np.where(present, 0.5, np.nan))
    w, clip = indicator.get("winsorise", 0.05), indicator.get("clip", 2)
    low, high = np.nanquantile(x, w, axis=1, keepdims=True), np.nanquantile(x, 1 - w, axis=1, keepdims=True)
    clamped = np.clip(x, low, high)
    mean, sd = np.nanmean(clamped, axis=1, keepdims=True), np.nanstd(clamped, axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(sd > 0, np.clip(0.5 + (clamped - mean) / sd / (2 * clip), 0, 1), 0.5)
    return np.where(present, z, np.nan)


def score(model, normalised, weights):
    """normalised: list of (draws, rows); weights: (draws, m). Scores (draws, rows)."""
    v = np.stack(normalised, axis=2)
    w = weights[:, None, :] * ~np.isnan(v)
    total = w.sum(axis=2)
    if model.get("aggregation", "arithmetic") == "geometric":
        s = 100 * np.exp(np.nansum(w * np.log(np.maximum(np.nan_to_num(v, nan=1), model["floor"])), axis=2) / total)
    else:
        s = 100 * np.nansum(w * np.nan_to_num(v), axis=2) / total
    return np.round(s, 9)


def top_class(scores, classes):
    """Whether each score is in class 1 of its draw's quantile classes."""
    ordered = np.sort(scores, axis=1)
    n = scores.shape[1]
    highest_break = ordered[:, max((classes - 1) * n // classes - 1, 0)][:, None]
    return scores > highest_break


rows = []
started = time.perf_counter()
for model in models:
    rng = np.random.default_rng(model["sensitivity"]["seed"])
    indicators = model["indicators"]
    weights = np.array([i["weight"] for i in indicators], dtype=float)
    shares = weights / weights.sum()
    central = lambda ident: columns["valeur"][ident]
    status = np.full(len(codes), "scored", dtype=object)
    for c in model.get("constraints", []):
        ident = c.get("indicator") or c["required"]
        x = evaluate(model, ident, central)
        status[(status == "scored") & np.isnan(x)] = "insufficient"
        if "min" in c:
            status[(status == "scored") & (x < c["min"])] = "excluded"
        if "max" in c:
            status[(status == "scored") & (x > c["max"])] = "excluded"
    pool = status == "scored"
    figures = [evaluate(model, i["id"], central) for i in indicators]
    completeness = [np.min([columns["completude"][p] for p in parts(model, i["id"])], axis=0)
                    if parts(model, i["id"]) else np.ones(len(codes)) for i in indicators]
    weighted = sum(s * np.where(np.isnan(f), 0, c) for s, f, c in zip(shares, figures, completeness))
    pool_normalised = [normalise(i, orient(i, f[pool][None, :])) for i, f in zip(indicators, figures)]
    scored_in_pool = weighted[pool] >= model["missing"]["completeness"] - 1e-9
    central_scores = score(model, [n[:, scored_in_pool] for n in pool_normalised], shares[None, :])[0]
    classes = model["classification"].get("classes", 5)
    ordered = np.sort(central_scores)
    breaks = [ordered[max(j * len(ordered) // classes - 1, 0)] for j in range(1, classes)]
    central_class = classes - sum((central_scores > b).astype(int) for b in breaks)
    central_rank = rankdata(-central_scores, method="min")

    # The Monte Carlo, all draws at once.
    alpha = model["sensitivity"]["concentration"]
    w = rng.dirichlet(alpha * shares, size=draws) if alpha > 0 else np.tile(shares, (draws, 1))
    bases = sorted({p for i in indicators for p in parts(model, i["id"])})
    drawn = {}
    for b in bases:
        value, low, high = columns["valeur"][b], columns["borne_basse"][b], columns["borne_haute"][b]
        bounded = ~np.isnan(value) & ~np.isnan(high) & (high > low) if model["sensitivity"].get("masked", True) else np.zeros(len(codes), bool)
        u = rng.random((draws, len(codes)))
        drawn[b] = np.where(bounded, np.nan_to_num(low) + (np.nan_to_num(high) - np.nan_to_num(low)) * u, value)
    draw_figures = [np.broadcast_to(evaluate(model, i["id"], lambda b: drawn[b]), (draws, len(codes))) for i in indicators]
    draw_normalised = [normalise(i, orient(i, f[:, pool])) for i, f in zip(indicators, draw_figures)]
    draw_scores = score(model, [n[:, scored_in_pool] for n in draw_normalised], w)
    draw_ranks = rankdata(-draw_scores, method="min", axis=1)
    top = top_class(draw_scores, classes).mean(axis=0)
    quantiles = np.quantile(draw_ranks, [0.5, 0.05, 0.95], axis=0, method="inverted_cdf").astype(int)

    scored_codes = codes[pool][scored_in_pool]
    for k, code in enumerate(scored_codes):
        rows.append((model["id"], code, central_scores[k], central_class[k], central_rank[k], *quantiles[:, k], top[k]))
elapsed = time.perf_counter() - started
print(f"compute: {elapsed:.3f} s", file=sys.stderr)
pd.DataFrame(rows, columns=["modele", "code_epci", "score", "classe", "rang", "rang_median", "rang_p05", "rang_p95", "proba_classe_1"]) \
    .to_csv(out, index=False)
