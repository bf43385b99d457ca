import PropiceGeometry

/// The French titles (QGIS's aliases) and descriptions of the published layers' columns, so
/// that an attribute table reads *Score*, *Classe*, *Rang médian*, and each indicator's column
/// says what it is, in which unit and from which source.
enum LayerColumns {
    /// The columns of a model's EPCI layer (see `EPCILayerProperties`); `indicators` are the
    /// model's, `sources` each indicator's source (producer, title, vintage), `targets` the
    /// parts of one EPCI, for the programmes and years split.
    static func epci(indicators: [IndicatorContribution], sources: [String: String], targets: [TargetShare]) -> [GeoPackageColumn] {
        var columns = [
            column("code_epci", "Code EPCI", "SIREN de l'EPCI (COG)"), column("nom_epci", "Nom de l'EPCI"),
            column("nature_epci", "Nature juridique", "CC, CA, CU ou métropole"),
            column("departements", "Départements", "codes des départements où l'EPCI a des communes"),
            column("modele", "Modèle", "identifiant du modèle de notation"),
            column("statut", "Statut", "note, donnees_insuffisantes ou hors_criteres"),
            column("motif", "Motif", "pourquoi l'EPCI n'est pas noté"),
            column("score", "Score", "de 0 à 100, pondération des indicateurs normalisés"),
            column("classe", "Classe", "1 : la plus propice"), column("classe_libelle", "Libellé de la classe"),
            column("rang", "Rang", "1 : le score le plus élevé"), column("sur", "EPCI notés"),
            column("percentile", "Percentile", "part des EPCI notés sous ce score (%)"),
            column("completude", "Complétude", "part des données présentes, pondérée (0 à 1)"),
            column("part_synthetique", "Part synthétique", "part du poids appliqué reposant sur des données synthétiques (0 à 1)"),
            column("rang_median", "Rang médian", "rang médian des tirages de Monte Carlo"),
            column("rang_p05", "Rang (5 %)", "5e centile des rangs tirés"), column("rang_p95", "Rang (95 %)", "95e centile des rangs tirés"),
            column("proba_classe_1", "Probabilité de classe 1", "part des tirages où l'EPCI est en classe 1"),
            column("explication", "Explication", "la phrase qui nomme les facteurs du score"),
        ]
        for indicator in indicators {
            let source = sources[indicator.id].map { " Source : \($0)." } ?? ""
            columns += [
                column(indicator.id, indicator.label, "\(indicator.label) (\(indicator.unit)).\(source)"),
                column("\(indicator.id)_contribution", "\(indicator.label) : points", "points apportés au score"),
                column("\(indicator.id)_completude", "\(indicator.label) : complétude", "part des données présentes (0 à 1)"),
                column("\(indicator.id)_estime", "\(indicator.label) : estimé", "valeur estimée (cellules secrétisées)"),
                column("\(indicator.id)_synthetique", "\(indicator.label) : synthétique", "donnée synthétique, pas un chiffre réel"),
            ]
        }
        for target in targets {
            let id = LayerName.identifier(target.programme)
            columns += target.milestones.keys.sorted().map { column("objectif_\(id)_\($0)", "Objectif \(target.programme) \($0)", "places, part de l'objectif régional cumulé") }
            columns += [column("cle_\(id)", "Clé \(target.programme)", "clé de répartition de l'objectif"),
                        column("part_cle_\(id)", "Part de la clé \(target.programme)", "part de l'EPCI dans la clé (0 à 1)")]
            columns += (target.realised ?? [:]).keys.sorted().map { column("ecart_\(id)_\($0)", "Écart \(target.programme) \($0)", "réalisé moins objectif, en places") }
        }
        return columns + [column("donnees_synthetiques", "Données synthétiques", "un indicateur au moins est synthétique"),
                          column("fictif", "Fictif", "territoire de démonstration, entièrement fictif")]
    }

    /// The communes' columns.
    static let communes = [column("code_commune", "Code commune", "code INSEE (COG)"), column("nom_commune", "Nom de la commune"),
                                  column("code_epci", "Code EPCI", "SIREN de l'EPCI"), column("code_departement", "Département")]

    /// The départements' columns.
    static let departements = [column("code_departement", "Code département"), column("nom_departement", "Nom du département")]

    private static func column(_ property: String, _ title: String, _ description: String? = nil) -> GeoPackageColumn {
        GeoPackageColumn(property: property, title: title, description: description)
    }
}
