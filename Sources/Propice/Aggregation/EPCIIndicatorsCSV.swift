import PropiceGeometry

extension EPCIIndicators {
    /// The aggregates as a long CSV table (UTF-8, `,`, `.` decimals), one row per EPCI and
    /// indicator: `code_epci,nom_epci,indicateur,valeur,borne_basse,borne_haute,completude,estime`.
    /// Empty cells are unknown values; the rows are sorted by EPCI, then in catalogue order.
    public func csv() -> String {
        var text = "code_epci,nom_epci,indicateur,valeur,borne_basse,borne_haute,completude,estime\n"
        for (row, epci) in epci.enumerated() {
            let name = epci.name.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + epci.name.replacingQuotes + "\"" : epci.name
            for id in indicators {
                let a = values[id]![row]
                let fields = [epci.code.value, name, id, Self.format(a.value), Self.format(a.lower), Self.format(a.upper),
                              Self.format(a.completeness), a.estimated ? "oui" : "non"]
                text += fields.joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// Writes `csv()` to a file atomically.
    public func writeCSV(to path: String) throws {
        try AtomicOutput.write(Array(csv().utf8), to: path)
    }

    /// A number with at most six decimals and no trailing zeros; empty for nil.
    private static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let rounded = (value * 1e6).rounded() / 1e6
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }
}

private extension String {
    var replacingQuotes: String { split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") }
}
