import Foundation
import PropiceGeometry

/// Writes the embedded demo's files (`propice synth --demo`): the fictional territory's commune
/// polygons, INSEE-style membership and historical-code tables, and one file per source of the
/// catalogue, at the path it declares, in the habits it declares (delimiter, encoding, decimal
/// comma, thousands, secrecy marks, key prefix, filter columns, points), with invented figures
/// that hang together (rents rise with density, vacancy falls with it, demand follows
/// households; the smallest EPCI lacks the synthetic files' rows and its cells are withheld
/// wherever a file has a secrecy mark). The demo then runs
/// through exactly the readers the real files go through.
public struct DemoFiles {
    public let territory: DemoTerritory
    public let catalogue: SourceCatalogue
    private var random: SeededGenerator

    public init(territory: DemoTerritory, catalogue: SourceCatalogue, seed: UInt64 = 2023) {
        self.territory = territory
        self.catalogue = catalogue
        random = SeededGenerator(seed: seed, streams: 1)
    }

    /// Writes every file under `folder`; returns their paths relative to it.
    public mutating func write(to folder: String) throws -> [String] {
        var written: [String] = []
        func save(_ text: String, _ relative: String, encoding: TextEncoding = .utf8) throws {
            try AtomicOutput.write(try encoded(text, encoding, relative), to: folder + "/" + relative)
            written.append(relative)
        }
        let epci = territory.epci
        let departements = Dictionary(uniqueKeysWithValues: DemoTerritory.departements)
        var membership = "DEPCOM,NOM_DEPCOM,EPCI,NOM_EPCI,DEP,NOM_DEP,REG,NOM_REG,NATURE_EPCI\n"
        var history = "DEPCOM_HIST,DEPCOM\n"
        for commune in territory.communes {
            let group = epci[commune.epci]
            membership += [commune.code, quoted(commune.name), group.siren, quoted(group.name), commune.departement,
                           quoted(departements[commune.departement]!), DemoTerritory.region.0, DemoTerritory.region.1,
                           group.nature.rawValue].joined(separator: ",") + "\n"
            history += "\(commune.code),\(commune.code)\n"
        }
        try save(membership, "communes-epci.csv")
        try save(history, "passage-communes-historique.csv")
        let features = territory.communes.map { commune in
            Feature(properties: Properties([("insee_com", .string(commune.code)), ("nom", .string(commune.name)),
                                            ("dep", .string(commune.departement)), ("fictif", .bool(true))]),
                    geometry: commune.geometry)
        }
        let writer = try GeoJSONWriter(path: folder + "/communes.l93.geojson",
                                       options: GeoJSONWriterOptions(precision: 1, crs: .lambert93, name: "communes fictives"))
        for feature in features { try writer.write(feature) }
        try writer.finish()
        written.append("communes.l93.geojson")
        var sheets: [String: [WorkbookWriter.Sheet]] = [:]
        for source in catalogue.sources {
            let rows = table(source)
            if let sheet = source.sheet {
                let titles = (1..<(source.format.headerRow ?? 1)).map { $0 == 1 ? "\(source.title) (fictif)" : "Libellés des colonnes (fictif)" }
                sheets[source.path, default: []].append(WorkbookWriter.Sheet(name: sheet, titles: titles, rows: rows))
                continue
            }
            let delimiter = source.format.delimiter == "tab" ? "\t" : source.format.delimiter ?? ";"
            let text = rows.map { $0.joined(separator: delimiter) }.joined(separator: "\n") + "\n"
            guard let member = source.member else {
                try save(text, source.path, encoding: source.format.encoding)
                continue
            }
            try AtomicOutput.write(try WorkbookWriter.zip([(member, try encoded(text, source.format.encoding, source.path))]), to: folder + "/" + source.path)
            written.append(source.path)
        }
        for (path, sheets) in sheets.sorted(by: { $0.key < $1.key }) {
            try AtomicOutput.write(try WorkbookWriter.workbook(sheets), to: folder + "/" + path)
            written.append(path)
        }
        return written
    }

    /// The source's table as its producer would write it, for the demo's territories: the header, then the rows.
    private mutating func table(_ source: SourceDeclaration) -> [[String]] {
        let habits = source.format
        let withColumns = source.indicators.filter { $0.column != nil }
        let filterColumns = source.filter.keys.sorted()
        let categoryColumns = Array(Set(withColumns.flatMap(\.filter.keys))).sorted()
        var header: [String] = []
        switch source.level {
        case .points: header = [source.points!.x, source.points!.y] + categoryColumns
        default: header = [source.key?.values.first ?? "code"]
        }
        header += filterColumns
        let columns = Array(Set(withColumns.map { $0.column!.values[0] })).sorted()
        header += columns
        var lines = [header]
        func row(key: [String], figures: [String: String]) -> [String] {
            key + filterColumns.map { source.filter[$0]!.values[0] } + columns.map { figures[$0] ?? "" }
        }
        // The smallest EPCI has no row in the synthetic files, and its small communes' cells
        // are withheld wherever the file has a secrecy mark: most of its figures are missing,
        // which the map shows as insufficient data.
        let populations = territory.epci.indices.map { i in territory.communes.filter { $0.epci == i }.map(\.population).reduce(0, +) }
        let smallest = populations.indices.min { populations[$0] < populations[$1] }
        let withoutRows = source.synthetic ? smallest : nil
        let withheld = habits.secret.first { !$0.isEmpty }.flatMap { mark in smallest.map { ($0, mark) } }
        switch source.level {
        case .commune:
            for commune in territory.communes where commune.epci != withoutRows {
                let households = commune.population / 2.1
                var figures = Dictionary(withColumns.map { ($0.column!.values[0], format(figure($0, households: households, urbanity: commune.urbanity), $0, habits)) },
                                         uniquingKeysWith: { a, _ in a })
                if let (epci, mark) = withheld, commune.epci == epci { for column in figures.keys { figures[column] = mark } }
                // Producers that drop leading zeros (ANIL) write the code as a number would be.
                lines.append(row(key: [commune.code], figures: figures))
            }
        case .epci:
            for (i, group) in territory.epci.enumerated() where i != withoutRows {
                let members = territory.communes.filter { $0.epci == i }
                let households = members.map(\.population).reduce(0, +) / 2.1
                let urbanity = members.map(\.urbanity).max() ?? 0
                let figures = Dictionary(withColumns.map { ($0.column!.values[0], format(figure($0, households: households, urbanity: urbanity), $0, habits)) },
                                         uniquingKeysWith: { a, _ in a })
                lines.append(row(key: [group.siren], figures: figures))
            }
        case .departement:
            for (code, _) in DemoTerritory.departements {
                let members = territory.communes.filter { $0.departement == code }
                let households = members.map(\.population).reduce(0, +) / 2.1
                let figures = Dictionary(withColumns.map { ($0.column!.values[0], format(figure($0, households: households, urbanity: 0.5), $0, habits)) },
                                         uniquingKeysWith: { a, _ in a })
                lines.append(row(key: [source.keyPrefix + code], figures: figures))
            }
        case .points:
            // Facilities in the larger communes: one category per indicator, by its filter.
            for commune in territory.communes where commune.population > 2_500 {
                for indicator in withColumns where random.uniform() < 0.25 + 0.6 * commune.urbanity {
                    let capacity = String(Int(12 + 60 * random.uniform()))
                    let x = String(format: "%.1f", commune.centre.x), y = String(format: "%.1f", commune.centre.y)
                    let categories = categoryColumns.map { indicator.filter[$0]?.values.first ?? "" }
                    lines.append([x, y] + categories + filterColumns.map { source.filter[$0]!.values[0] }
                                 + columns.map { $0 == indicator.column!.values[0] ? capacity : "" })
                }
            }
        }
        return lines
    }

    /// The text in the file's encoding; `relative` names the file in errors.
    private func encoded(_ text: String, _ encoding: TextEncoding, _ relative: String) throws -> [UInt8] {
        guard encoding != .utf8 else { return Array(text.utf8) }
        if text.unicodeScalars.contains(where: { $0.value > 0xFF }) {
            throw OutputError(file: relative, message: "a character of the demo does not fit in Latin-1")
        }
        return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }

    /// An invented figure for a territory of `households` households and some urbanity (0 to 1).
    private mutating func figure(_ indicator: IndicatorDeclaration, households h: Double, urbanity u: Double) -> Double {
        let noise = 0.8 + 0.4 * random.uniform()
        let id = indicator.id
        if !indicator.categories.isEmpty { return random.uniform() < 0.3 + 0.6 * u ? 1 : 0 }
        if indicator.items != nil { return random.uniform() < 0.05 + 0.4 * u ? (random.uniform() < 0.8 ? 1 : 2) : 0 }
        if id.hasPrefix("loyer_") {
            let rent = (id.contains("maison") ? 6.5 : 7.5) + 7 * u
            if id.hasSuffix("_bas") { return rent * 0.78 }
            if id.hasSuffix("_haut") { return rent * 1.25 }
            if id.hasSuffix("_r2") { return 0.55 + 0.35 * random.uniform() }
            if id.hasSuffix("_observations") { return (h * 0.02 * noise).rounded() }
            return rent * (0.97 + 0.06 * random.uniform())
        }
        switch id {
        case "population", "population_2022": return (h * 2.1).rounded()
        case "menages", "menages_fiscaux": return h.rounded()
        case "residences_principales": return h.rounded()
        case "residences_principales_proprietaires": return (h * (0.75 - 0.3 * u) * noise).rounded()
        case "residences_secondaires": return (h * 0.12 * (1.2 - u) * noise).rounded()
        default: break
        }
        switch indicator.unit {
        case "€": return ((19_500 + 5_000 * u) * noise).rounded()
        case "%": return ((9 + 12 * u) * noise * 10).rounded() / 10
        case "degré": return (3 - 2 * u).rounded()
        default: break
        }
        let rate: Double = switch indicator.unit {
        case "logements" where id.hasSuffix("2ans"): 0.03 * (1.4 - u)
        case "logements" where id.contains("vacant") && id.contains("sociaux"): 0.004 + 0.01 * u
        case "logements" where id.contains("vacant"): 0.08 * (1.4 - u)
        case "logements" where id.contains("sociaux"): 0.03 + 0.22 * u
        case "logements": 1.05
        case "demandes" where id.contains("sans_abri"): 0.001 + 0.006 * u
        case "demandes" where id.contains("moins_30"): 0.004 + 0.02 * u
        case "demandes" where id.contains("seule"): 0.01 + 0.04 * u
        case "demandes": 0.015 + 0.07 * u
        case "attributions": 0.004 + 0.01 * u
        case "places": 0.0015 + 0.004 * u
        default: 0.004 + 0.01 * u
        }
        return (h * rate * noise).rounded()
    }

    /// A figure in the file's habits: decimal comma, thousands groups, and small counts
    /// withheld behind the secrecy mark.
    private func format(_ value: Double, _ indicator: IndicatorDeclaration, _ habits: TableHabits) -> String {
        if !indicator.categories.isEmpty {
            let words = indicator.categories.keys.sorted()
            return words.first { indicator.categories[$0] == value } ?? words[0]
        }
        if let separator = indicator.items {
            return (0..<Int(value)).map { "\(indicator.id)-\($0 + 1)" }.joined(separator: separator)
        }
        if let threshold = habits.secrecyThreshold, let mark = habits.secret.first, value >= 1, value < Double(threshold) { return mark }
        let integral = value == value.rounded()
        var text = integral ? String(Int(value)) : String(format: "%.2f", value)
        if habits.decimal == "," { text = text.replacingOccurrences(of: ".", with: ",") }
        if integral, habits.thousands == "space", text.count > 3 {
            var grouped = ""
            for (i, digit) in text.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { grouped.append(" ") }
                grouped.append(digit)
            }
            text = String(grouped.reversed())
        }
        return text
    }

    private func quoted(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
