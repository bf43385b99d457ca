extension Int {
    /// The whole number at or below `value`, kept within `range`: a share of a figure as large
    /// as a double can be (or not a number, which gives the range's lower end) never traps.
    init(flooring value: Double, within range: ClosedRange<Int>) {
        guard !value.isNaN else { self = range.lowerBound; return }
        let floored = value.rounded(.down)
        if floored <= Double(range.lowerBound) { self = range.lowerBound }
        else if floored >= Double(range.upperBound) { self = range.upperBound }
        else { self = Int(exactly: floored) ?? range.upperBound }
    }
}
