/// One indicator of a source, as declared in the catalogue.
///
/// ```yaml
/// - id: demandes_en_cours
///   column: demandes_en_cours        # or a list of the names it has had
///   label: Demandes de logement social en cours
///   unit: demandes
///   vintage: "2024"
///   aggregate: sum                   # sum, mean (weight:), share (weight:), ratio (numerator:, denominator:, scale:), spread (key:), value
/// ```
///
/// A column of words is read through `categories` (`{Abis: 1, A: 1, B1: 1, B2: 0, C: 0}`, a
/// word not listed being an error); a column of lists of identifiers through `items` (the
/// separator: the figure is how many the cell lists, 0 for an empty cell). A figure is never
/// negative unless the indicator is declared `signed: true` (a change, a balance).
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
    /// Words that stand for numbers (`oui: 1`, `non: 0`; a zone's class: `B1: 1`, `C: 0`).
    public var categories: [String: Double]
    /// The separator of a cell that lists identifiers (`;`): the figure is their number.
    public var items: String?
    /// The rule; nil takes the level's default (sum per commune or point, value per EPCI).
    public var rule: AggregationRule?
    /// A département indicator whose figure is the total of this count over the département's
    /// communes (LOVAC's département file beside its commune file): what the withheld cells of
    /// a département hold together, which tightens the bounds of each EPCI's figure.
    public var withheldTotal: String?
    /// Whether its figures may be negative; a negative cell of an unsigned indicator is an error.
    public var signed: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, unit, vintage, column, categories, items, aggregate, weight, numerator, denominator, scale, key, signed
        case filter = "where"
        case withheldTotal = "withheld_total"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? id
        unit = try c.decode(String.self, forKey: .unit)
        vintage = try c.decodeIfPresent(String.self, forKey: .vintage)
        column = try c.decodeIfPresent(StringList.self, forKey: .column)
        withheldTotal = try c.decodeIfPresent(String.self, forKey: .withheldTotal)
        filter = try c.decodeIfPresent([String: StringList].self, forKey: .filter) ?? [:]
        categories = try c.decodeIfPresent([String: Double].self, forKey: .categories) ?? [:]
        items = try c.decodeIfPresent(String.self, forKey: .items)
        signed = try c.decodeIfPresent(Bool.self, forKey: .signed) ?? false
        if !signed, let negative = categories.first(where: { $0.value < 0 }) {
            throw DecodingError.dataCorruptedError(forKey: .categories, in: c,
                                                   debugDescription: "indicator \(id): the category '\(negative.key)' stands for \(negative.value), below zero, and the indicator is not declared signed (signed: true)")
        }
        guard categories.isEmpty || items == nil else {
            throw DecodingError.dataCorruptedError(forKey: .items, in: c, debugDescription: "indicator \(id): a column holds categories or lists of items, not both")
        }
        guard items.map({ $0.utf8.count == 1 }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .items, in: c, debugDescription: "indicator \(id): the separator of items is one character, such as ';'")
        }
        switch try c.decodeIfPresent(String.self, forKey: .aggregate) {
        case nil: rule = nil
        case "sum": rule = .sum
        case "value": rule = .value
        case "mean": rule = .mean(weight: try c.decodeIfPresent(String.self, forKey: .weight))
        case "share":
            guard !categories.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .aggregate, in: c,
                                                       debugDescription: "indicator \(id): a share is of communes in categories: declare them (categories:)")
            }
            rule = .share(weight: try c.decode(String.self, forKey: .weight))
        case "ratio":
            rule = .ratio(numerator: try c.decode(String.self, forKey: .numerator), denominator: try c.decode(String.self, forKey: .denominator),
                          scale: try c.decodeIfPresent(Double.self, forKey: .scale) ?? 1)
        case "spread": rule = .spread(key: try c.decode(String.self, forKey: .key))
        case let other?:
            throw DecodingError.dataCorruptedError(forKey: .aggregate, in: c,
                                                   debugDescription: "indicator \(id): unknown aggregate '\(other)': use sum, mean, share, ratio, spread or value")
        }
        let isRatio = if case .ratio = rule { true } else { false }
        guard (column == nil) == isRatio else {
            throw DecodingError.dataCorruptedError(forKey: .column, in: c, debugDescription: isRatio
                ? "indicator \(id) is a ratio of other indicators and reads no column"
                : "indicator \(id) needs the column it is read from")
        }
    }
}
