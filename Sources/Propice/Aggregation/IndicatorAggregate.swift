/// An indicator's figure for one EPCI: the value, its bounds when cells were withheld, the
/// share of the EPCI's households whose value is known, and whether it is an estimate.
public struct IndicatorAggregate: Sendable, Equatable {
    /// Nil when no commune of the EPCI has a value.
    public var value: Double?
    /// The bounds of the value; equal to it when every part is known. `upper` is nil when
    /// a part is unbounded (a commune without a row).
    public var lower: Double?
    public var upper: Double?
    /// The share (0 to 1) of the EPCI's households whose value is known.
    public var completeness: Double
    /// Spread from département figures rather than summed from communes.
    public var estimated: Bool

    public init(value: Double?, lower: Double?, upper: Double?, completeness: Double, estimated: Bool) {
        self.value = value
        self.lower = lower
        self.upper = upper
        self.completeness = completeness
        self.estimated = estimated
    }

    /// Whether every figure given is finite: false once a sum or a mean has overflowed.
    public var isFinite: Bool { [value, lower, upper].allSatisfy { $0?.isFinite != false } }

    /// No value at all.
    public static let unknown = IndicatorAggregate(value: nil, lower: nil, upper: nil, completeness: 0, estimated: false)
}
