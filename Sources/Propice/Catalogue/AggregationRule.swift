/// How an indicator's values are brought together: merged communes into their current
/// commune, communes into their EPCI, département figures onto EPCI.
public enum AggregationRule: Sendable, Equatable {
    /// Counts add up.
    case sum
    /// The mean weighted by another commune indicator (households…), or unweighted.
    case mean(weight: String?)
    /// The share (in %) of the weight (households, population) living in communes of a
    /// category: Σ weight × figure / Σ weight × 100, the figure being the commune's category
    /// mapped to 1 (counted) or 0.
    case share(weight: String)
    /// Σ numerator / Σ denominator × scale, computed from the parts, never averaged.
    case ratio(numerator: String, denominator: String, scale: Double)
    /// A département figure spread to its EPCI in proportion to a commune indicator (the key),
    /// flagged as estimated.
    case spread(key: String)
    /// A figure published per EPCI, taken as it is.
    case value

    /// The rule's name in the catalogue.
    public var name: String {
        switch self {
        case .sum: "sum"
        case .mean: "mean"
        case .share: "share"
        case .ratio: "ratio"
        case .spread: "spread"
        case .value: "value"
        }
    }

    /// The indicators this rule reads besides the indicator's own column.
    public var references: [String] {
        switch self {
        case .sum, .value, .mean(nil): []
        case .mean(let weight?), .share(let weight): [weight]
        case .ratio(let numerator, let denominator, _): [numerator, denominator]
        case .spread(let key): [key]
        }
    }
}
