import Foundation

/// How complete an indicator's EPCI figures are: how many EPCI fall in each band of
/// completeness, and the lowest.
public struct CompletenessDistribution: Sendable, Equatable {
    /// EPCI whose figure is complete, 90–99 %, 50–89 %, 1–49 %, and without any known part.
    public var complete = 0, mostly = 0, partly = 0, barely = 0, none = 0
    public var minimum: Double?

    public init(_ shares: [Double]) {
        for share in shares {
            switch share {
            case 1...: complete += 1
            case 0.9..<1: mostly += 1
            case 0.5..<0.9: partly += 1
            case ..<Double.ulpOfOne: none += 1
            default: barely += 1
            }
        }
        minimum = shares.min()
    }

    /// The header of a table whose first column is `width` characters wide.
    static func header(width: Int) -> String {
        "indicator".padding(toLength: width, withPad: " ", startingAt: 0) + "  100 %  90–99 %  50–89 %  1–49 %    0 %    min"
    }

    /// The row of an indicator, under `header(width:)`.
    func row(_ id: String, width: Int) -> String {
        let cells = [complete, mostly, partly, barely, none].map(String.init)
        let widths = [5, 8, 8, 7, 6]
        let minimum = self.minimum.map { String(format: "%.0f %%", $0 * 100) } ?? "–"
        return id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            + zip(cells, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined(separator: " ")
            + String(repeating: " ", count: max(1, 7 - minimum.count)) + minimum
    }
}
