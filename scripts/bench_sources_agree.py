"""Checks that two long tables code_epci,indicateur,valeur agree: same rows, same values
within 1e-5 (relative), blanks on both sides. Prints the count and the first disagreements;
exits 1 on any. Usage: python bench_sources_agree.py PROPICE.csv PANDAS.csv"""
import sys

import numpy as np
import pandas as pd

a = pd.read_csv(sys.argv[1], dtype={"code_epci": str})[["code_epci", "indicateur", "valeur"]]
b = pd.read_csv(sys.argv[2], dtype={"code_epci": str})
both = a.merge(b, on=["code_epci", "indicateur"], how="outer", suffixes=("_propice", "_pandas"))
x, y = both.valeur_propice, both.valeur_pandas
agree = (x.isna() & y.isna()) | ((x - y).abs() <= 1e-5 * np.maximum(1, x.abs()))
print(f"values that agree with pandas: {agree.sum()} of {len(both)} (EPCI x indicator)")
if not agree.all():
    print(both[~agree].head(20).to_string())
    sys.exit(1)
