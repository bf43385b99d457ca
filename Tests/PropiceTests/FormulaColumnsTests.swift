import Testing
@testable import Propice

@Suite("Formulas over whole columns, as the Monte Carlo draws take them")
struct FormulaColumnsTests {
    /// A random formula of at most `depth` levels over `bases` columns.
    private static func formula(_ random: inout SeededGenerator, depth: Int, bases: Int) -> Formula {
        let pick = depth == 0 ? Int(random.next() % 3) : Int(random.next() % 6)
        switch pick {
        case 0: return .base(Int(random.next() % UInt64(bases)))
        case 1: return .constant([0, 1, -2.5, 100, .infinity][Int(random.next() % 5)])
        case 2: return .nature([.ca: 3, .cu: 0, .me: 1.5])
        case 3: return .ratio(formula(&random, depth: depth - 1, bases: bases), formula(&random, depth: depth - 1, bases: bases),
                              scale: [1, 1000, 0.1][Int(random.next() % 3)])
        case 4: return .difference(formula(&random, depth: depth - 1, bases: bases), formula(&random, depth: depth - 1, bases: bases))
        default: return .product(formula(&random, depth: depth - 1, bases: bases), factor: [2, -1, 0.3][Int(random.next() % 3)])
        }
    }

    @Test("every row gets the bits of the formula taken row by row, zero denominators, NaN and infinities included")
    func sameBitsAsRowByRow() {
        var random = SeededGenerator(seed: 11, streams: 0)
        let rows = 300, special: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 1e-300]
        let natures = (0..<rows).map { _ in EPCINature.allCases[Int(random.next() % 4)] }
        let base = (0..<4).map { _ in
            (0..<rows).map { _ in random.next() % 5 == 0 ? special[Int(random.next() % 6)] : 2000 * random.uniform() - 500 }
        }
        var scratch: [[Double]] = [], column: [Double] = []
        var checked = 0
        for _ in 0..<400 {
            let formula = Self.formula(&random, depth: 3, bases: base.count)
            formula.values(natures: natures, base: base, into: &column, scratch: &scratch)
            #expect(column.count == rows)
            for row in 0..<rows {
                let expected = formula.value(nature: natures[row]) { base[$0][row] }
                let same = column[row].bitPattern == expected.bitPattern || (column[row].isNaN && expected.isNaN)
                #expect(same, "row \(row) of \(formula): \(column[row]) against \(expected)")
                if same { checked += 1 }
            }
        }
        #expect(checked == 400 * rows)
    }
}
