"""Compares propice's scores (propice score --csv) with the numpy peer's: central scores,
classes and ranks must agree. The peer reads figures rounded to six decimals, which can make
or break a tie in a percentile rank: a score may then move by 0.5/(N − 1) of an indicator's
weight (under 0.05 points). The Monte Carlo figures come from other random streams and are compared as
estimates of the same quantities. Exits 1 on a disagreement.
Usage: python bench_scoring_agree.py PROPICE.csv NUMPY.csv"""
import sys

import numpy as np
import pandas as pd

a = pd.read_csv(sys.argv[1], dtype={"code_epci": str}).dropna(subset=["score"])
b = pd.read_csv(sys.argv[2], dtype={"code_epci": str})
both = a.merge(b, on=["modele", "code_epci"], how="outer", suffixes=("_propice", "_numpy"), indicator=True)
missing = (both._merge != "both").sum()
gap = (both.score_propice - both.score_numpy).abs()
classes = (both.classe_propice != both.classe_numpy).sum()
ranks = (both.rang_propice != both.rang_numpy).sum()
top = (both.proba_classe_1_propice - both.proba_classe_1_numpy).abs()
median = (both.rang_median_propice - both.rang_median_numpy).abs() / both.groupby("modele").rang_propice.transform("max")
print(f"scored EPCI × model: {len(both)}; in one table only: {missing}")
print(f"central scores: largest difference {gap.max():.2e} points; classes that differ: {classes}; ranks that differ: {ranks}")
print(f"Monte Carlo: P(class 1) differs by {top.mean():.3f} on average (largest {top.max():.3f}); "
      f"median ranks by {100 * median.mean():.2f} % of N on average (largest {100 * median.max():.2f} %)")
if missing or gap.max() > 0.05 or classes > 0.002 * len(both) or top.max() > 0.12:
    sys.exit(1)
