/// What one indicator brings to an EPCI's score, with everything needed to recompute it;
/// published with French field names (`valeur`, `points`, `completude`…).
public struct IndicatorContribution: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    public var unit: String
    /// The decimals its figure is written with.
    public var decimals: Int
    /// The figure; nil when missing. Its bounds differ from it when parts were withheld.
    public var value: Double?
    public var lower: Double?
    public var upper: Double?
    /// The figure normalised from 0 (worst among the EPCI) to 1 (best); nil when missing.
    public var normalised: Double?
    /// The model's weight as a share of all its weights, and the share applied to this EPCI
    /// once the weights are renormalised over the indicators present (0 when missing).
    public var weight: Double
    public var appliedWeight: Double
    /// The points it adds to the score; the contributions add up to the score.
    public var points: Double?
    public var completeness: Double
    public var estimated: Bool
    public var synthetic: Bool

    enum CodingKeys: String, CodingKey {
        case id, label = "libelle", unit = "unite", decimals = "decimales", value = "valeur"
        case lower = "borne_basse", upper = "borne_haute", normalised = "normalise", weight = "poids"
        case appliedWeight = "poids_applique", points, completeness = "completude", estimated = "estime"
        case synthetic = "synthetique"
    }
}
