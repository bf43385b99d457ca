/// A figure as a source gives it: known, or withheld for secrecy and known only to lie
/// between bounds. Sums of cells keep their bounds, so a masked cell is never a silent zero.
public struct CellValue: Sendable, Equatable {
    public var lower: Double
    /// Nil when there is no known upper bound (a blank withheld cell with no threshold).
    public var upper: Double?

    public init(lower: Double, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    /// A figure the source gives.
    public static func known(_ value: Double) -> CellValue { CellValue(lower: value, upper: value) }

    /// A count withheld under a secrecy threshold: between 0 and threshold − 1.
    public static func masked(threshold: Int?) -> CellValue {
        CellValue(lower: 0, upper: threshold.map { Double($0 - 1) })
    }

    public var isKnown: Bool { upper == lower }

    /// Whether its bounds are finite: false once a sum of cells has overflowed.
    public var isFinite: Bool { lower.isFinite && upper?.isFinite != false }

    /// The figure to use: the value when known, the middle of the bounds when withheld, nil
    /// when unbounded.
    public var central: Double? { upper.map { (lower + $0) / 2 } }

    public static func + (a: CellValue, b: CellValue) -> CellValue {
        CellValue(lower: a.lower + b.lower, upper: a.upper.flatMap { x in b.upper.map { x + $0 } })
    }

    public static func * (a: CellValue, factor: Double) -> CellValue {
        CellValue(lower: a.lower * factor, upper: a.upper.map { $0 * factor })
    }
}
