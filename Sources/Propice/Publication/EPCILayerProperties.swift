import Foundation
import PropiceGeometry

/// The properties of an EPCI's feature in a model's layer: who it is, its score, class, rank,
/// percentile, the share of its weight resting on synthetic inputs (`part_synthetique`) and
/// sensitivity, and per indicator its value, points, completeness and flags
/// (`<id>`, `<id>_contribution`, `<id>_completude`, `<id>_estime`, `<id>_synthetique`), and
/// its part of each target split with the model's scores (`objectif_<programme>_<year>`,
/// `cle_<programme>`, `part_cle_<programme>`, and `ecart_<programme>_<year>` with realised figures).
/// Figures are rounded to 4 decimals, which no map needs more of.
enum EPCILayerProperties {
    static func properties(_ result: ModelResult, epci: Territories.EPCI, targets: [TargetShare], fictional: Bool,
                           layout: PropertyLayout) -> Properties {
        Properties(pairs(result, epci: epci, targets: targets, fictional: fictional), layout: layout)
    }

    /// The layout of the properties of `result`'s EPCI, for the other EPCI of its model.
    static func layout(_ result: ModelResult, epci: Territories.EPCI, targets: [TargetShare], fictional: Bool) -> PropertyLayout {
        PropertyLayout(pairs(result, epci: epci, targets: targets, fictional: fictional).map(\.0))
    }

    private static func pairs(_ result: ModelResult, epci: Territories.EPCI, targets: [TargetShare], fictional: Bool) -> [(String, PropertyValue)] {
        func number(_ value: Double?) -> PropertyValue { value.map { .real(($0 * 1e4).rounded() / 1e4) } ?? .null }
        func integer(_ value: Int?) -> PropertyValue { value.map { .integer(Int64($0)) } ?? .null }
        var pairs: [(String, PropertyValue)] = []
        pairs.reserveCapacity(22 + 5 * result.indicators.count + targets.reduce(0) { $0 + $1.milestones.count + 2 + ($1.realised?.count ?? 0) })
        pairs += [
            ("code_epci", .string(epci.code.value)), ("nom_epci", .string(epci.name)), ("nature_epci", .string(epci.nature.rawValue)),
            ("departements", .string(epci.departements.map(\.value).joined(separator: ","))), ("modele", .string(result.model)),
            ("statut", .string(result.status.rawValue)), ("motif", result.reason.map { .string($0) } ?? .null),
            ("score", number(result.score)), ("classe", integer(result.classe)), ("classe_libelle", .string(result.classLabel)),
            ("rang", integer(result.rank)), ("sur", integer(result.scored)), ("percentile", number(result.percentile)),
            ("completude", number(result.completeness)), ("part_synthetique", number(result.syntheticShare)),
            ("rang_median", integer(result.sensitivity?.medianRank)), ("rang_p05", integer(result.sensitivity?.rankLow)),
            ("rang_p95", integer(result.sensitivity?.rankHigh)), ("proba_classe_1", number(result.sensitivity?.topClassProbability)),
            ("explication", .string(result.sentence)),
        ]
        for indicator in result.indicators {
            pairs += [(indicator.id, number(indicator.value)), ("\(indicator.id)_contribution", number(indicator.points)),
                      ("\(indicator.id)_completude", number(indicator.completeness)),
                      ("\(indicator.id)_estime", .bool(indicator.estimated)), ("\(indicator.id)_synthetique", .bool(indicator.synthetic))]
        }
        for target in targets {
            let id = LayerName.identifier(target.programme)
            pairs += target.milestones.sorted { $0.key < $1.key }.map { ("objectif_\(id)_\($0.key)", .integer(Int64($0.value))) }
            pairs += [("cle_\(id)", number(target.key)), ("part_cle_\(id)", number(target.keyShare))]
            pairs += (target.realised ?? [:]).sorted { $0.key < $1.key }.map { year, done in
                ("ecart_\(id)_\(year)", .integer(Int64(done - (target.milestones[year] ?? 0))))
            }
        }
        pairs += [("donnees_synthetiques", .bool(result.indicators.contains(where: \.synthetic))), ("fictif", .bool(fictional))]
        return pairs
    }
}
