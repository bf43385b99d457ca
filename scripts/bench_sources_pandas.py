"""The peer of `propice validate --table` for scripts/bench-sources: pandas (and geopandas for
the points, openpyxl for INSEE's workbook, zipfile for INSEE's zipped CSV) reading every source
of geodata/sources with the same habits, bringing the codes to COG 2025, aggregating to the
1,255 EPCI by the same rules, and writing code_epci,indicateur,valeur. Masked counts count as
the middle of their bounds, as in propice, or, for LOVAC 2025, as their share of what the
département totals leave them.

Usage: python bench_sources_pandas.py GEODATA OUTPUT.csv
"""
import sys
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd

root, output = sys.argv[1], sys.argv[2]

membership = pd.read_csv(f"{root}/cog2025/communes-epci.csv", sep=None, engine="python", dtype=str)
every_commune = membership.set_index("DEPCOM")[["EPCI", "DEP"]]
communes = every_commune[every_commune.EPCI != "ZZZZZZZZZ"]
passage = pd.read_csv(f"{root}/cog2025/passage-communes-historique.csv", dtype=str)
history = dict(zip(passage.DEPCOM_HIST, passage.DEPCOM))
arrondissements = {f"751{i:02d}": "75056" for i in range(1, 21)}
arrondissements |= {f"132{i:02d}": "13055" for i in range(1, 17)}
arrondissements |= {f"6938{i}": "69123" for i in range(1, 10)}


def without_arrondissements_beside_their_commune(frame, key):
    """The rows of municipal arrondissements left out when their commune has a row of its own."""
    codes = frame[key].astype(str).str.strip().str.zfill(5)
    present = set(codes)
    return frame[~codes.map(lambda code: code in arrondissements and arrondissements[code] in present)]


def to_cog(codes, vintage):
    codes = codes.astype(str).str.strip().str.zfill(5).replace(arrondissements)
    return codes.map(history) if vintage < 2025 else codes


def numbers(column, decimal_comma=False, spaced=False, secret=(), threshold=None):
    """Known values as floats; secret marks as the middle of [0, threshold - 1] (0 unbounded)."""
    text = column.astype(str).str.strip()
    masked = text.isin(secret) | (column.isna() & ("" in secret))
    if spaced:
        text = text.str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    if decimal_comma:
        text = text.str.replace(",", ".", regex=False)
    values = pd.to_numeric(text.where(~masked), errors="raise")
    return values.where(~masked, (threshold - 1) / 2 if threshold else 0.0)


def per_commune(frame, key, columns, vintage, mean=False, **habits):
    frame = without_arrondissements_beside_their_commune(frame, key)
    frame = frame.assign(code=to_cog(frame[key], vintage))
    frame = frame[frame.code.notna()]
    values = pd.DataFrame({name: numbers(frame[column], **habits) for name, column in columns.items()})
    values["code"] = frame["code"].values
    grouped = values.groupby("code")
    return grouped.mean() if mean else grouped.sum(min_count=1)


results = {}


def epci_sum(values, absent_zero=False):
    frame = communes.join(values, how="left")
    if absent_zero:
        frame[values.columns] = frame[values.columns].fillna(0)
    for name in values.columns:
        results[name] = frame.groupby("EPCI")[name].sum(min_count=1)


def epci_ratio(name, numerator, denominator, scale=1.0):
    frame = communes.join(pd.concat([numerator.rename("n"), denominator.rename("d")], axis=1), how="left").dropna(subset=["n", "d"])
    sums = frame.groupby("EPCI")[["n", "d"]].sum()
    results[name] = (sums.n / sums.d.where(sums.d > 0) * scale)


def epci_mean(values, weight):
    frame = communes.join(values, how="left").join(weight.rename("w"), how="left")
    frame = frame[frame.w > 0]
    for name in values.columns:
        part = frame.dropna(subset=[name])
        sums = (part[name] * part.w).groupby(part.EPCI).sum()
        results[name] = sums / part.w.groupby(part.EPCI).sum()


# INSEE population and households 2021 (COG 2024): one row per postal code.
population = pd.read_csv(f"{root}/insee-population-2021/communes.csv", dtype=str)
population = population[population.commune_type.isin(["COM", "ARM"])].drop_duplicates("insee_com")
population = per_commune(population, "insee_com", {"population": "population_2021", "menages": "menages_2021"}, 2024)
epci_sum(population)
households = population.menages

# ANIL rents 2018 (COG 2018, codes without their leading zero), means weighted by households.
for kind in ["appartement", "maison"]:
    anil = pd.read_csv(f"{root}/anil-loyers-2018/indicateurs-loyers-{kind}s.csv", sep=";", dtype=str)
    anil = anil.rename(columns={"INSEE_C": "INSEE", "R2_adj": "R2adj", "nbobs_com": "NBobs_commune"})
    means = per_commune(anil, "INSEE", {f"loyer_{kind}_m2": "loypredm2", f"loyer_{kind}_m2_bas": "lwr.IPm2",
                                        f"loyer_{kind}_m2_haut": "upr.IPm2", f"loyer_{kind}_r2": "R2adj"}, 2018,
                        mean=True, decimal_comma=True)
    epci_mean(means, households)
    epci_sum(per_commune(anil, "INSEE", {f"loyer_{kind}_observations": "NBobs_commune"}, 2018, decimal_comma=True))

# FINESS points, assigned to communes by point-in-polygon.
finess = pd.read_csv(f"{root}/synthetic/finess-etablissements-2024.csv", sep=";", dtype=str)
points = gpd.GeoDataFrame(finess, geometry=gpd.points_from_xy(finess.coordxet.astype(float), finess.coordyet.astype(float)), crs=2154)
polygons = gpd.read_file(f"{root}/cog2025/communes-metro.l93.geojson", engine="pyogrio", columns=["insee_com"])
located = gpd.sjoin(points, polygons.to_crs(2154), predicate="intersects", how="inner").drop_duplicates(subset="nofinesset")
located["capacite"] = located.capacite.astype(float)
places = pd.DataFrame({name: located.capacite.where(located.categetab == category, 0.0)
                       for name, category in [("places_pension_famille", "258"), ("places_residence_sociale", "259"), ("places_chrs", "214")]})
places["code"] = located.insee_com.values
epci_sum(places.groupby("code").sum(), absent_zero=True)

# Département figures, spread to communes by households (the islands in no EPCI count in
# their département's total).
keyed = every_commune.join(households, how="left").dropna(subset=["menages"])
shares = keyed.menages / keyed.groupby("DEP").menages.transform("sum").where(lambda t: t > 0)


def epci_spread(name, figures):
    results[name] = (keyed.DEP.map(figures) * shares).groupby(keyed.EPCI).sum(min_count=1).drop("ZZZZZZZZZ", errors="ignore")


departements = pd.read_csv(f"{root}/lovac-departements/lovac_opendata_dep.csv", sep=";", encoding="latin-1", dtype=str, skipinitialspace=True)
departements.columns = departements.columns.str.strip()
departements["DEP"] = departements.DEP.str.strip()
for name, column in [("parc_prive_departement", "pp_total_24"), ("vacants_departement", "pp_vacant_25"),
                     ("vacants_2ans_departement", "pp_vacant_plus_2ans_25")]:
    epci_spread(name, numbers(departements[column], spaced=True).set_axis(departements.DEP))

# LOVAC 2025 per commune: 's' under 11; each département's withheld cells share what its total
# leaves them (total − cells shown), in proportion to their number.
lovac = pd.read_csv(f"{root}/lovac-2025-communes/logement_vacants_communes.csv", sep=";", dtype=str)
lovac = lovac.assign(code=to_cog(lovac.CODGEO_25, 2025))
lovac["masked"] = lovac.pp_vacant_plus_2ans_25.str.strip() == "s"
lovac["value"] = pd.to_numeric(lovac.pp_vacant_plus_2ans_25.where(~lovac.masked))
lovac = lovac.groupby("code").agg(value=("value", "sum"), masked=("masked", "sum"))
lovac = every_commune.join(lovac, how="inner")
dep_total = numbers(departements.pp_vacant_plus_2ans_25, spaced=True).set_axis(departements.DEP)
withheld = lovac.groupby("DEP").masked.sum()
remainder = (lovac.DEP.map(dep_total) - lovac.DEP.map(lovac.groupby("DEP").value.sum())).clip(lower=0)
remainder = remainder.clip(upper=lovac.DEP.map(withheld) * 10)
lovac["central"] = lovac.value + (remainder * lovac.masked / lovac.DEP.map(withheld)).fillna(0)
results["vacants_prives_2ans"] = communes.join(lovac[["central"]], how="left").groupby("EPCI").central.sum(min_count=1)

# Zonage A/B/C (COG 2024): tight zones' share of households.
zonage = pd.read_csv(f"{root}/zonage-abc-2024/zonage-abc-juillet-2024.csv", sep=";", dtype=str)
zonage = zonage.assign(code=to_cog(zonage.CODGEO, 2024))
zonage["tendue"] = zonage["Zone en vigueur depuis le 5 juillet 2024"].map({"Abis": 1.0, "A": 1.0, "B1": 1.0, "B2": 0.0, "C": 0.0})
epci_mean(zonage.groupby("code")[["tendue"]].mean().rename(columns={"tendue": "part_menages_zone_tendue"}) * 100, households)


def withheld_as_missing(frame, key, columns, vintage):
    """Values per commune with 's' and 'nd' missing: a commune with any row missing is missing."""
    frame = without_arrondissements_beside_their_commune(frame, key)
    frame = frame.assign(code=to_cog(frame[key], vintage))
    frame = frame[frame.code.notna()]
    out = {}
    for name, column in columns.items():
        text = frame[column].str.strip()
        values = pd.to_numeric(text.where(~text.isin(["s", "nd"])).str.replace(",", ".", regex=False))
        grouped = values.groupby(frame.code)
        out[name] = grouped.sum().where(grouped.count() == grouped.size())
    return pd.DataFrame(out)


# Filosofi 2020 (COG 2023): the median and the poverty rate weighted by fiscal households.
filosofi = pd.read_csv(f"{root}/filosofi-2020/cc_filosofi_2020_COM.csv", sep=";", dtype=str)
# The count sums the parts shown (a withheld part counts 0, its lower bound); a commune weighs in
# the means only when all its parts are shown.
epci_sum(per_commune(filosofi, "CODGEO", {"menages_fiscaux": "NBMENFISC20"}, 2023, secret=("s", "nd")))
fiscal = withheld_as_missing(filosofi, "CODGEO", {"menages_fiscaux": "NBMENFISC20"}, 2023).menages_fiscaux
kept = without_arrondissements_beside_their_commune(filosofi, "CODGEO")
rows = kept.assign(code=to_cog(kept.CODGEO, 2023)).groupby("code").size()
medians = withheld_as_missing(filosofi, "CODGEO", {"revenu_median": "MED20", "taux_pauvrete": "TP6020"}, 2023)
epci_mean(medians.div(rows, axis=0), fiscal.fillna(0))

# INSEE comparateur 2022 (COG 2021), read inside its zip; arrondissements left out beside their commune.
with zipfile.ZipFile(f"{root}/insee-comparateur-2022/base_cc_comparateur_csv.zip") as archive:
    with archive.open("base_cc_comparateur.CSV") as member:
        comparateur = pd.read_csv(member, sep=";", dtype=str)
census = per_commune(comparateur, "CODGEO", {"logements_recensement": "P18_LOG", "logements_vacants_recensement": "P18_LOGVAC",
                                             "residences_principales": "P18_RP", "residences_principales_proprietaires": "P18_RP_PROP",
                                             "residences_secondaires": "P18_RSECOCC"}, 2021)
epci_sum(census)
epci_ratio("taux_vacance_recensement", census.logements_vacants_recensement, census.logements_recensement, 100)
epci_ratio("part_proprietaires", census.residences_principales_proprietaires, census.residences_principales, 100)
epci_ratio("part_residences_secondaires", census.residences_secondaires, census.logements_recensement, 100)

# INSEE density grid 2025, its own workbook: the EPCI sheet's degree, the commune sheet's
# population and share of it in dense or intermediate communes (DENS7 1 to 4).
grid = f"{root}/grille-densite-2025/fichier_diffusion_2025.xlsx"
epci_grid = pd.read_excel(grid, sheet_name="Maille EPCI", header=4, dtype=str, engine="openpyxl")
results["degre_densite_epci"] = epci_grid.set_index("ECPI").DENS.astype(float)
commune_grid = pd.read_excel(grid, sheet_name="Maille communale", header=4, dtype=str, engine="openpyxl")
commune_grid["urbaine"] = commune_grid.DENS7.map({"1": 1.0, "2": 1.0, "3": 1.0, "4": 1.0, "5": 0.0, "6": 0.0, "7": 0.0})
grid_population = per_commune(commune_grid, "CODGEO", {"population_2022": "PMUN22"}, 2025)
epci_sum(grid_population)
epci_mean(commune_grid.assign(code=commune_grid.CODGEO).groupby("code")[["urbaine"]].mean()
          .rename(columns={"urbaine": "part_population_urbaine"}) * 100, grid_population.population_2022)

# ANCT programmes (COG 2023): the identifiers a cell lists, counted.
anct = pd.read_csv(f"{root}/anct-programmes-2023/ngeo-anct-cog2023.csv", dtype=str, keep_default_na=False)
anct = anct.assign(code=to_cog(anct.insee_com, 2023))
anct = anct[anct.code.notna()]
counts = pd.DataFrame({name: anct[column].str.split(";").map(lambda items: sum(1 for i in items if i.strip()))
                       for name, column in [("communes_pvd", "id_pvd"), ("communes_acv", "id_acv"), ("france_services", "id_fs")]})
counts["code"] = anct.code.values
epci_sum(counts.groupby("code").sum().astype(float))

# ORT (COG 2023): communes with a signed convention; a commune without a row has none.
ort = pd.read_csv(f"{root}/anct-programmes-2023/ort.csv", dtype=str, keep_default_na=False)
ort = ort.assign(code=to_cog(ort["Code commune"], 2023))
ort["signee"] = ort["Signée ?"].map({"Signée": 1.0, "Non signée": 0.0, "En cours": 0.0, "": 0.0})
epci_sum(ort.groupby("code")[["signee"]].sum().rename(columns={"signee": "communes_ort_signee"}), absent_zero=True)
for name, indicator, month in [("acces_logement_social_sans_abri_departement", "295", "2024-05-01"),
                               ("places_femmes_victimes_violences_departement", "302", "2024-08-01")]:
    barometre = pd.read_csv(f"{root}/barometre-logement-dabord/ditp-2024-10/ind-{indicator}.csv", dtype=str)
    barometre = barometre[(barometre.maille == "DEPT") & (barometre.metric_enforce_date == month)]
    epci_spread(name, barometre.indic_va.astype(float).set_axis(barometre.enforce_zone_id.str.removeprefix("D")))

# Existing supply per EPCI (synthetic).
supply = pd.read_csv(f"{root}/synthetic/offre-existante-epci-2024.csv", dtype=str).set_index("siren_epci")
for name, column in [("places_iml", "places_iml"), ("places_pension_famille_epci", "places_pension_famille"),
                     ("places_residence_sociale_epci", "places_residence_sociale")]:
    results[name] = supply[column].astype(float)
results["ais_aivs"] = supply.ais_aivs_presente.map({"oui": 1.0, "non": 0.0})

# RPLS 2024 (COG 2024, BOM, blank cells withheld, communes without a row have none).
rpls = pd.read_csv(f"{root}/rpls-2024/export_parc_logements_sociaux_jan_2024.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
rpls = per_commune(rpls, "DEPCOM_ARM", {"logements_sociaux": "nb_ls", "logements_sociaux_loues": "nb_loues",
                                         "logements_sociaux_vacants": "nb_vacants"}, 2024, secret=("",))
epci_sum(rpls, absent_zero=True)
rpls = rpls.reindex(communes.index, fill_value=0)
epci_ratio("taux_vacance_sociale", rpls.logements_sociaux_vacants, rpls.logements_sociaux, 100)

# SNE demand (synthetic): 's' under 5.
sne = pd.read_csv(f"{root}/synthetic/sne-demandes-communes-2024.csv", sep=";", dtype=str)
names = ["demandes_en_cours", "demandes_hors_mutation", "attributions", "demandes_sans_abri_ou_hebergees",
         "demandeurs_moins_30_ans", "demandeurs_personne_seule"]
sne = per_commune(sne, "code_commune", {n: n for n in names}, 2025, secret=("s",), threshold=5)
epci_sum(sne)
epci_ratio("pression_demande", sne.demandes_en_cours, sne.attributions)

table = pd.concat(results, axis=1).reindex(sorted(set(communes.EPCI)))
table.index.name = "code_epci"
long = table.stack(future_stack=True).rename("valeur").reset_index().rename(columns={"level_1": "indicateur"})
long.to_csv(output, index=False)
