/// A fixed figure a model uses, with where it comes from (a reference rent, a ceiling).
///
/// ```yaml
/// - id: loyer_social_reference
///   label: Loyer plafond PLUS de référence
///   unit: €/m²
///   value: 6.5
///   source: Avis loyers 2024, zone 2
/// ```
public struct ModelConstant: Sendable, Equatable, Decodable {
    public var id: String
    public var label: String
    public var unit: String
    public var value: Double
    /// Where the figure comes from.
    public var source: String
}
