/// One indicator of a scoring model: which figure, which way is better, how it is normalised,
/// its weight, and the words that explain it.
///
/// ```yaml
/// - id: pression_demande          # a catalogue indicator, a constant or a derived indicator
///   weight: 20                    # any positive scale: weights are divided by their sum
///   direction: higher             # higher, lower; or ideal: 5, or ideal: [3, 6]
///   normalisation: percentile     # percentile (default), minmax, zscore (winsorise:, clip:)
///   high: Forte pression de la demande
///   low: Faible pression de la demande
///   unit: demandes pour une attribution   # the figure's unit in sentences (default: its own)
///   decimals: 1
/// ```
public struct ModelIndicator: Sendable, Equatable, Decodable {
    public var id: String
    public var weight: Double
    public var direction: Direction
    public var normalisation: Normalisation
    /// The phrase for a figure in the upper half of the EPCI's, and for one in the lower half.
    public var high: String
    public var low: String
    /// The unit written after the figure in sentences; nil for the indicator's own unit.
    public var unit: String?
    public var decimals: Int
    /// Whether sentences give the figure after the phrase (not for a yes/no indicator).
    public var figure: Bool

    /// The largest weight: weights are relative, and their sum must stay exact.
    public static let maximumWeight = 1_000_000.0
    /// The most decimals a sentence writes.
    public static let maximumDecimals = 6

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, weight, direction, ideal, normalisation, winsorise, clip, high, low, unit, decimals, figure
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        weight = try c.decode(Double.self, forKey: .weight)
        guard weight > 0, weight <= Self.maximumWeight else {
            throw DecodingError.dataCorruptedError(forKey: .weight, in: c,
                                                   debugDescription: "indicator \(id): the weight must be a positive number up to \(Int(Self.maximumWeight))")
        }
        switch (try c.decodeIfPresent(String.self, forKey: .direction), try c.decodeIfPresent(Ideal.self, forKey: .ideal)) {
        case ("higher", nil): direction = .higherIsBetter
        case ("lower", nil): direction = .lowerIsBetter
        case (nil, let ideal?): direction = .ideal(ideal.range)
        case (nil, nil):
            throw DecodingError.dataCorruptedError(forKey: .direction, in: c, debugDescription: "indicator \(id): say direction: higher or lower, or give an ideal: value or [low, high]")
        case (_?, _?):
            throw DecodingError.dataCorruptedError(forKey: .ideal, in: c, debugDescription: "indicator \(id): give either a direction or an ideal, not both")
        case (let other?, nil):
            throw DecodingError.dataCorruptedError(forKey: .direction, in: c, debugDescription: "indicator \(id): unknown direction '\(other)': use higher or lower")
        }
        let winsorise = try c.decodeIfPresent(Double.self, forKey: .winsorise), clip = try c.decodeIfPresent(Double.self, forKey: .clip)
        switch try c.decodeIfPresent(String.self, forKey: .normalisation) ?? "percentile" {
        case "percentile": normalisation = .percentile
        case "minmax": normalisation = .minMax
        case "zscore":
            let share = winsorise ?? 0.05, reach = clip ?? 2
            guard (0..<0.5).contains(share), reach > 0 else {
                throw DecodingError.dataCorruptedError(forKey: .winsorise, in: c, debugDescription: "indicator \(id): winsorise is a share from 0 to 0.5 (excluded) and clip a positive number of standard deviations")
            }
            normalisation = .zScore(winsorise: share, clip: reach)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .normalisation, in: c, debugDescription: "indicator \(id): unknown normalisation '\(other)': use percentile, minmax or zscore")
        }
        if normalisation != .zScore(winsorise: winsorise ?? 0.05, clip: clip ?? 2), winsorise != nil || clip != nil {
            throw DecodingError.dataCorruptedError(forKey: .winsorise, in: c, debugDescription: "indicator \(id): winsorise and clip belong to normalisation: zscore")
        }
        high = try c.decode(String.self, forKey: .high)
        low = try c.decode(String.self, forKey: .low)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        decimals = try c.decodeIfPresent(Int.self, forKey: .decimals) ?? 0
        guard (0...Self.maximumDecimals).contains(decimals) else {
            throw DecodingError.dataCorruptedError(forKey: .decimals, in: c, debugDescription: "indicator \(id): decimals from 0 to \(Self.maximumDecimals)")
        }
        figure = try c.decodeIfPresent(Bool.self, forKey: .figure) ?? true
    }

    /// An ideal value, or an ideal range written `[low, high]`.
    private struct Ideal: Decodable {
        var range: ClosedRange<Double>

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let value = try? c.decode(Double.self) {
                range = value...value
                return
            }
            let ends = try c.decode([Double].self)
            guard ends.count == 2, ends[0] <= ends[1] else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "an ideal range is written [low, high], low ≤ high")
            }
            range = ends[0]...ends[1]
        }
    }
}
