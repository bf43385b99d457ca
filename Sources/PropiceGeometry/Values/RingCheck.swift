/// The rules every ring read from a file must meet.
enum RingCheck {
    /// Why the positions are no ring, or nil when they are one: at least four positions,
    /// the last equal to the first, and some area enclosed.
    static func problem(_ positions: [Position]) -> String? {
        guard positions.count >= 4 else {
            return "a ring has \(positions.count) position\(positions.count == 1 ? "" : "s"); a ring needs at least 4, the last repeating the first"
        }
        let first = positions[0], last = positions[positions.count - 1]
        guard first == last else {
            return "a ring is not closed: it starts at (\(first.x), \(first.y)) and ends at (\(last.x), \(last.y))"
        }
        guard Ring(positions: positions).signedDoubleArea != 0 else {
            return "a ring starting at (\(first.x), \(first.y)) encloses no area: its positions are on one line, or it folds back on itself"
        }
        return nil
    }
}
