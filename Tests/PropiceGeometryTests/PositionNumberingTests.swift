import Testing
@testable import PropiceGeometry

@Suite("Numbering of distinct positions")
struct PositionNumberingTests {
    /// 300,000 lookups of 100,000 positions on a grid, each met three times in a scrambled order,
    /// with -0 beside 0: numbered in the order first met, as a `Dictionary` numbers them.
    @Test("numbers as a Dictionary does, whether its slots grow or are made at once", arguments: [1, 50_000, PositionNumbering.growingBelow])
    func numbersLikeADictionary(expected: Int) {
        var lookups: [Position] = []
        var state: UInt64 = 42
        for _ in 0..<300_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let cell = Int(state >> 33) % 100_000
            let x = Double(cell % 400) * 12.5, y = Double(cell / 400) * 0.1
            lookups.append(Position(x: x == 0 && state & 1 == 0 ? -0.0 : x, y: 6_200_000 + y))
        }
        var numbering = PositionNumbering(expected: expected)
        var reference: [Position: Int32] = [:]
        for position in lookups {
            let expectedNumber = reference[Position(x: position.x + 0, y: position.y)] ?? Int32(reference.count)
            reference[Position(x: position.x + 0, y: position.y)] = expectedNumber
            let number = numbering.number(position)
            guard number == expectedNumber else {
                Issue.record("\(position) numbered \(number), expected \(expectedNumber)")
                return
            }
        }
        #expect(numbering.positions.count == reference.count)
        #expect(numbering.existingNumber(Position(x: -0.0, y: 6_200_000)) == reference[Position(x: 0, y: 6_200_000)])
        #expect(numbering.existingNumber(Position(x: 1, y: 1)) == nil)
        #expect(numbering.positions.count == reference.count, "looking up a position numbers nothing")
    }
}
