import Foundation

/// Numbers written the French way: a decimal comma and thousands grouped by a no-break space.
public enum FrenchNumber {
    /// The number rounded to `decimals` places: `6,1`, `10 000`, `-0,5`.
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "—" : value > 0 ? "∞" : "−∞" }
        let decimals = min(max(decimals, 0), 15)
        let scale = pow10(decimals), scaled = abs(value) * scale
        var rounded = scaled.isFinite ? scaled.rounded() / scale : abs(value)
        if rounded == 0 { rounded = 0 }
        // Beyond 2⁵³ a double has no fraction to write, and its digits may not fit an Int.
        guard rounded < 9_007_199_254_740_992, let whole = Int(exactly: rounded.rounded(.down)) else {
            return (value < 0 ? "-" : "") + grouped(String(format: "%.0f", rounded))
        }
        var text = grouped(String(whole))
        if decimals > 0 {
            let fraction = String(Int(((rounded - Double(whole)) * scale).rounded()))
            text += "," + String(repeating: "0", count: max(decimals - fraction.count, 0)) + fraction
        }
        return (value < 0 && rounded > 0 ? "-" : "") + text
    }

    /// Digits grouped by three with no-break spaces.
    private static func grouped(_ text: String) -> String {
        var digits = text, grouped = ""
        while digits.count > 3 {
            grouped = "\u{A0}" + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }

    /// A share (0 to 1) as a whole percentage: `42 %`.
    public static func percent(_ share: Double) -> String { format(share * 100, decimals: 0) + "\u{A0}%" }

    private static func pow10(_ n: Int) -> Double { (0..<max(n, 0)).reduce(1) { x, _ in x * 10 } }
}
