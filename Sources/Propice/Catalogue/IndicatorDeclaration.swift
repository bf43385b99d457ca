/// One indicator of a source, as declared in the catalogue.
///
/// ```yaml
/// - id: demandes_en_cours
///   column: demandes_en_cours        # or a list of the names it has had
///   label: Demandes de logement social en cours
///   unit: demandes
///   vintage: "2024"
///   aggregate: sum                   # sum, mean (weight:), ratio (numerator:, denominator:, scale:), spread (key:), value
/// ```
public struct IndicatorDeclaration: Sendable, Equatable, Decodable {
    public var id: String
    public var label: String
    public var unit: String
    public var vintage: String?
    /// The column it is read from; nil for a ratio of other indicators.
    public var column: StringList?
    /// Only rows whose columns hold one of these values count (a category of facilities);
    /// the others count as zero.
    public var filter: [String: StringList]
    /// Words that stand for numbers (`oui: 1`, `non: 0`).
    public var values: [String: Double]
    /// The rule; nil takes the level's default (sum per commune or point, value per EPCI).
    public var rule: AggregationRule?

    enum CodingKeys: String, CodingKey {
        case id, label, unit, vintage, column, values, aggregate, weight, numerator, denominator, scale, key
        case filter = "where"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? id
        unit = try c.decode(String.self, forKey: .unit)
        vintage = try c.decodeIfPresent(String.self, forKey: .vintage)
        column = try c.decodeIfPresent(StringList.self, forKey: .column)
        filter = try c.decodeIfPresent([String: StringList].self, forKey: .filter) ?? [:]
        values = try c.decodeIfPresent([String: Double].self, forKey: .values) ?? [:]
        switch try c.decodeIfPresent(String.self, forKey: .aggregate) {
        case nil: rule = nil
        case "sum": rule = .sum
        case "value": rule = .value
        case "mean": rule = .mean(weight: try c.decodeIfPresent(String.self, forKey: .weight))
        case "ratio":
            rule = .ratio(numerator: try c.decode(String.self, forKey: .numerator), denominator: try c.decode(String.self, forKey: .denominator),
                          scale: try c.decodeIfPresent(Double.self, forKey: .scale) ?? 1)
        case "spread": rule = .spread(key: try c.decode(String.self, forKey: .key))
        case let other?:
            throw DecodingError.dataCorruptedError(forKey: .aggregate, in: c,
                                                   debugDescription: "indicator \(id): unknown aggregate '\(other)': use sum, mean, ratio, spread or value")
        }
        let isRatio = if case .ratio = rule { true } else { false }
        guard (column == nil) == isRatio else {
            throw DecodingError.dataCorruptedError(forKey: .column, in: c, debugDescription: isRatio
                ? "indicator \(id) is a ratio of other indicators and reads no column"
                : "indicator \(id) needs the column it is read from")
        }
    }
}
