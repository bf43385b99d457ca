/// Numbers distinct positions in the order they are first met: an open-addressing hash table
/// over exact coordinates, several times faster than a `Dictionary` for the millions of
/// lookups a coverage's rings make.
struct PositionNumbering {
    /// The distinct positions; a position's number is its index here.
    private(set) var positions: [Position] = []
    /// Numbers, or -1 for an empty slot; the count is a power of two.
    private var slots: [Int32]

    /// A table with room for `expected` positions. Up to `growingBelow` expected, its slots start
    /// few and double as positions come: an estimate from a file's size can be several times the
    /// count (France's communes: 533,000 expected, 175,000 met), and a table that stays small
    /// stays in the processor's cache (France's dissolve: 17 ms of CPU less than with 2 million
    /// slots). Beyond, the slots are made once for `expected`: doubling a table of millions
    /// would hold the old one and the new at once (a 10-million-vertex coverage peaked 68 MiB
    /// higher).
    init(expected: Int) {
        slots = [Int32](repeating: -1, count: Self.slotCount(for: expected < Self.growingBelow ? min(expected, 1 << 16) : expected))
        positions.reserveCapacity(expected)
    }

    /// The expected count from which the slots are made at their full size at once.
    static let growingBelow = 1 << 20

    /// The number of `position`, given the next free one when it is new.
    mutating func number(_ position: Position) -> Int32 {
        let slot = slot(of: position)
        if slots[slot] >= 0 { return slots[slot] }
        let number = Int32(positions.count)
        slots[slot] = number
        positions.append(position)
        if positions.count * 2 > slots.count { rehash() }
        return number
    }

    /// The number of `position` if it was numbered, without numbering it.
    func existingNumber(_ position: Position) -> Int32? {
        let number = slots[slot(of: position)]
        return number >= 0 ? number : nil
    }

    /// The slot that holds `position`'s number, or the empty slot where its number goes.
    @inline(__always) private func slot(of position: Position) -> Int {
        let mask = slots.count - 1
        var slot = Self.hash(position) & mask
        while slots[slot] >= 0, positions[Int(slots[slot])] != position { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func rehash() {
        slots = [Int32](repeating: -1, count: Self.slotCount(for: positions.count * 2))
        let mask = slots.count - 1
        for (number, position) in positions.enumerated() {
            var slot = Self.hash(position) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }

    private static func slotCount(for count: Int) -> Int {
        var slots = 16
        while slots < count * 2 { slots <<= 1 }
        return slots
    }

    /// Mixes both coordinates' bits; adding 0 makes -0 and 0 hash alike, as they compare equal.
    @inline(__always) private static func hash(_ p: Position) -> Int {
        let x = (p.x + 0).bitPattern &* 0x9E37_79B9_7F4A_7C15
        let y = (p.y + 0).bitPattern &* 0xC2B2_AE3D_27D4_EB4F
        let h = x ^ (y >> 29 | y << 35)
        return Int(truncatingIfNeeded: h ^ h >> 32)
    }
}
