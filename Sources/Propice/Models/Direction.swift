/// Which figures a model prefers for one indicator.
public enum Direction: Sendable, Equatable {
    case higherIsBetter
    case lowerIsBetter
    /// Best inside the range (a single value when both ends are equal); worse the farther away.
    case ideal(ClosedRange<Double>)

    /// The figure turned so that higher is better: itself, its opposite, or minus its distance
    /// to the ideal range.
    public func oriented(_ value: Double) -> Double {
        switch self {
        case .higherIsBetter: value
        case .lowerIsBetter: -value
        case .ideal(let range): -max(range.lowerBound - value, 0, value - range.upperBound)
        }
    }
}
