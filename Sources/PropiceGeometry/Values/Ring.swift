/// A closed linear ring: its first and last positions are equal and it has at least four.
public struct Ring: Hashable, Sendable {
    public var positions: [Position]

    /// Wraps positions that the caller knows to be closed and at least four long.
    /// Readers check both (see `RingCheck`) before calling this.
    public init(positions: [Position]) {
        self.positions = positions
    }

    /// Twice the signed area by the shoelace formula: positive when counter-clockwise.
    public var signedDoubleArea: Double {
        positions.withUnsafeBufferPointer { p in
            guard p.count > 2 else { return 0 }
            // Shifting by the first position keeps the products small and the sum exact enough.
            let ox = p[0].x, oy = p[0].y
            var sum = 0.0
            for i in 1..<(p.count - 1) {
                let a = p[i], b = p[i + 1]
                sum += (a.x - ox) * (b.y - oy) - (b.x - ox) * (a.y - oy)
            }
            return sum
        }
    }

    /// The enclosed area, in the square units of the coordinates.
    public var area: Double { abs(signedDoubleArea) / 2 }

    /// Whether the ring turns counter-clockwise (x to the right, y up).
    public var isCounterClockwise: Bool { signedDoubleArea > 0 }

    /// The ring with its positions in the given orientation.
    public func oriented(counterClockwise: Bool) -> Ring {
        isCounterClockwise == counterClockwise ? self : Ring(positions: positions.reversed())
    }

    /// Whether the position lies inside the ring, by the even–odd rule (a position on the ring
    /// may count either way).
    public func contains(_ p: Position) -> Bool {
        var inside = false
        positions.withUnsafeBufferPointer { v in
            var j = v.count - 1
            for i in 0..<v.count {
                let a = v[i], b = v[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// The bounding box of the positions.
    public var boundingBox: BoundingBox {
        var box = BoundingBox.empty
        for p in positions { box.include(p) }
        return box
    }
}
