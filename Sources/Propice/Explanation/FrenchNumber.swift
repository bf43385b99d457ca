/// Numbers written the French way: a decimal comma and thousands grouped by a no-break space.
public enum FrenchNumber {
    /// The number rounded to `decimals` places: `6,1`, `10 000`, `-0,5`.
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "—" : value > 0 ? "∞" : "−∞" }
        let scale = pow10(decimals)
        var rounded = (abs(value) * scale).rounded() / scale
        if rounded == 0 { rounded = 0 }
        let whole = Int(rounded.rounded(.down))
        var digits = String(whole), grouped = ""
        while digits.count > 3 {
            grouped = "\u{A0}" + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 {
            let fraction = Int(((rounded - Double(whole)) * scale).rounded())
            let text = String(fraction)
            grouped += "," + String(repeating: "0", count: decimals - text.count) + text
        }
        return (value < 0 && rounded > 0 ? "-" : "") + grouped
    }

    /// A share (0 to 1) as a whole percentage: `42 %`.
    public static func percent(_ share: Double) -> String { format(share * 100, decimals: 0) + "\u{A0}%" }

    private static func pow10(_ n: Int) -> Double { (0..<max(n, 0)).reduce(1) { x, _ in x * 10 } }
}
