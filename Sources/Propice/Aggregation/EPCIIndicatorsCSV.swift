import PropiceGeometry

extension EPCIIndicators {
    /// The aggregates as a long CSV table (UTF-8, `,`, `.` decimals), one row per EPCI and
    /// indicator: `code_epci,nom_epci,indicateur,valeur,borne_basse,borne_haute,completude,estime`.
    /// Empty cells are unknown values; the rows are sorted by EPCI, then in catalogue order.
    public func csv() -> String {
        var text = "code_epci,nom_epci,indicateur,valeur,borne_basse,borne_haute,completude,estime\n"
        for (row, epci) in epci.enumerated() {
            let name = CSVField.text(epci.name)
            for id in indicators {
                let a = values[id]![row]
                let fields = [epci.code.value, name, id, CSVField.number(a.value), CSVField.number(a.lower), CSVField.number(a.upper),
                              CSVField.number(a.completeness), a.estimated ? "oui" : "non"]
                text += fields.joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// Writes `csv()` to a file atomically.
    public func writeCSV(to path: String) throws {
        try AtomicOutput.write(Array(csv().utf8), to: path)
    }
}
