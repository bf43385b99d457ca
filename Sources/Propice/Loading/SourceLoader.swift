import PropiceGeometry

/// Reads the sources of a catalogue with their file habits and brings their rows to the
/// territories of the target COG: older commune codes migrated, municipal arrondissements
/// to their commune, points to the commune polygon that contains them. Rows that land on the
/// same commune are combined by the indicator's rule (counts summed, means averaged).
public struct SourceLoader: Sendable {
    public let territories: Territories
    public let migration: CommuneCodeMigration
    /// The COG vintage of `territories`.
    public let cog: Int
    /// Where the sources' files are.
    public let files: SourceFiles
    private let departements: Set<DepartementCode>

    public init(territories: Territories, migration: CommuneCodeMigration, cog: Int, files: SourceFiles) {
        self.territories = territories
        self.migration = migration
        self.cog = cog
        self.files = files
        departements = Set(territories.communes.values.map(\.departement))
    }

    /// Reads one source; sources can be read in parallel. A bad cell, a repeated code, or a
    /// code that matches no territory (unless the source allows it) is an error naming the
    /// file, line and column.
    public func load(_ source: SourceDeclaration) throws -> SourceData {
        try load(source, table: try files.table(of: source))
    }

    /// Reads one source whose table `files.table(of:)` has read already.
    public func load(_ source: SourceDeclaration, table: TextTable) throws -> SourceData {
        let parser = try RowParser(source: source, table: table)
        guard table.count > 0 else { throw InputError(file: table.file, message: "the table holds its header and no row") }
        var report = SourceReport()
        report.rows = table.count
        var rows: [Int] = [], targets: [TerritoryCode?] = []
        // Sized for every row at once: growing them row by row rehashed every code several times.
        var firstRowOf: [RowKey: Int] = Dictionary(minimumCapacity: table.count)
        // The communes whose rows kept their code, matched with the migrations' targets at the end.
        var migrated = Set<CommuneCode>(), ownCodes: [CommuneCode] = []
        var positions: [Position] = []

        for row in 0..<table.count {
            guard parser.kept(row) else { report.filteredOut += 1; continue }
            if source.level == .points {
                positions.append(try parser.position(row))
                rows.append(row)
                targets.append(nil)
                continue
            }
            if source.level == .epci, parser.keyText(row) == EPCICode.noEPCI { report.withoutEPCI += 1; continue }
            let (raw, target) = resolve(row, parser: parser, source: source)
            if let first = firstRowOf[raw] {
                guard source.duplicates == .identical else {
                    throw table.error(row: row, column: parser.key, "\(raw) is repeated: it is already on line \(table.line(first))")
                }
                try parser.requireSameValues(row, as: first, code: raw.description)
                report.repeatedRows += 1
                continue
            }
            firstRowOf[raw] = row
            switch target {
            case .success(let code):
                if case .code(.commune(let from)) = raw, case .commune(let to) = code {
                    if from != to {
                        if migrated.insert(from).inserted { report.migrated.append(CommuneCodeMigration.Migration(from: from, to: to)) }
                    } else {
                        ownCodes.append(from)
                    }
                }
                rows.append(row)
                targets.append(code)
            case .failure(let reason):
                guard source.unmatched == .list else { throw table.error(row: row, column: parser.key, reason.message) }
                report.unmatched.append(SourceReport.Unmatched(code: raw.description, line: table.line(row)))
            }
        }
        if report.filteredOut == table.count {
            let filter = source.filter.sorted { $0.key < $1.key }.map { "\($0.key) in [\($0.value.values.joined(separator: ", "))]" }
            throw InputError(file: table.file, message: "no row passes the source's where (\(filter.joined(separator: "; "))): all \(table.count) are left out")
        }
        if source.level == .commune { dropArrondissementsOfCommunesWithRows(rows: &rows, targets: &targets, table: table, parser: parser, report: &report) }
        if !report.migrated.isEmpty {
            let targetsOfMigrations = Set(report.migrated.map(\.to))
            report.rowsUnderOwnCode = Set(ownCodes.filter(targetsOfMigrations.contains))
        }
        if source.level == .points {
            targets = try assign(positions, rows: rows, table: table, source: source, report: &report)
        }
        return try combine(rows: rows, targets: targets, parser: parser, source: source, report: report)
    }

    /// Leaves out the rows of municipal arrondissements when their commune (Paris, Lyon,
    /// Marseille) has a row of its own, which already counts them (INSEE's comparateur has both).
    private func dropArrondissementsOfCommunesWithRows(rows: inout [Int], targets: inout [TerritoryCode?], table: TextTable, parser: RowParser,
                                                       report: inout SourceReport) {
        let isArrondissement = rows.map { row in parser.withKey(row) { CommuneCode(utf8: $0) }.map { $0.municipality != $0 } ?? false }
        guard isArrondissement.contains(true) else { return }
        var communesWithRows = Set<TerritoryCode>(minimumCapacity: rows.count)
        for (target, arrondissement) in zip(targets, isArrondissement) where !arrondissement {
            if let target { communesWithRows.insert(target) }
        }
        var kept = 0
        for i in rows.indices {
            if isArrondissement[i], let target = targets[i], communesWithRows.contains(target) {
                report.arrondissementsLeftOut += 1
                continue
            }
            rows[kept] = rows[i]
            targets[kept] = targets[i]
            kept += 1
        }
        rows.removeLast(rows.count - kept)
        targets.removeLast(targets.count - kept)
        let left = Set(report.migrated.filter { communesWithRows.contains(.commune($0.to)) && $0.from.municipality == $0.to }.map(\.from))
        report.migrated.removeAll { left.contains($0.from) }
    }

    /// A row's code as written: the code it reads as, when it is one of a commune or a
    /// département (so that `1001` and `01001` are one), else its text.
    enum RowKey: Hashable, CustomStringConvertible {
        case code(TerritoryCode)
        case text(String)

        var description: String {
            switch self {
            case .code(let code): code.value
            case .text(let text): text
            }
        }
    }

    /// A row's code as written and its territory in the target COG, or why it has none.
    private func resolve(_ row: Int, parser: RowParser, source: SourceDeclaration) -> (RowKey, Result<TerritoryCode, Unmatched>) {
        switch source.level {
        case .commune:
            guard let code = parser.withKey(row, { CommuneCode(utf8: $0) }) else {
                let text = parser.keyText(row)
                return (.text(text), .failure(Unmatched("'\(text)' is not a commune code")))
            }
            let key = RowKey.code(.commune(code))
            var current = code.municipality
            if let vintage = source.cog, vintage < cog {
                guard let migrated = migration.current[current] else {
                    return (key, .failure(Unmatched("commune \(code) of COG \(vintage) is not in INSEE's table of historical codes")))
                }
                current = migrated
            }
            guard territories.contains(current) else {
                return (key, .failure(Unmatched("commune \(current) is not in COG \(cog)")))
            }
            return (key, .success(.commune(current)))
        case .epci:
            // The text as written: SIRENs padded differently are different rows.
            let text = parser.keyText(row)
            guard let code = EPCICode(text) else { return (.text(text), .failure(Unmatched("'\(text)' is not an EPCI's SIREN"))) }
            guard territories.epci.index(forKey: code) != nil else { return (.text(text), .failure(Unmatched("EPCI \(code) is not in COG \(cog)"))) }
            return (.text(text), .success(.epci(code)))
        case .departement:
            let text = parser.keyText(row)
            guard let code = DepartementCode(text), departements.contains(code) else {
                return (.text(text), .failure(Unmatched("'\(text)' is not a département of COG \(cog)")))
            }
            return (.code(.departement(code)), .success(.departement(code)))
        case .points:
            preconditionFailure("points are assigned by their coordinates")
        }
    }

    /// The commune of each point; points in no polygon are reported.
    private func assign(_ positions: [Position], rows: [Int], table: TextTable, source: SourceDeclaration,
                        report: inout SourceReport) throws -> [TerritoryCode?] {
        guard let polygons = files.communePolygons else {
            throw InputError(file: table.file, message: "source \(source.id) has points: the configuration must name the commune polygons (communes:)")
        }
        guard let name = source.points?.crs, let crs = CRS(name: name) else {
            throw InputError(file: table.file, message: "source \(source.id): '\(source.points?.crs ?? "")' is not a CRS name such as EPSG:2154")
        }
        var extent = DegreeExtent()
        for position in positions { extent.add(position) }
        try extent.check(declared: crs, file: table.file)
        let communes = try CommuneLocator.communes(of: positions, crs: crs, polygons: polygons)
        var targets: [TerritoryCode?] = []
        for (i, commune) in communes.enumerated() {
            guard let commune else {
                report.outside.append(SourceReport.Outside(line: table.line(rows[i]), position: positions[i]))
                targets.append(nil)
                continue
            }
            guard territories.contains(commune) else {
                guard source.unmatched == .list else {
                    throw InputError(file: table.file, location: .line(table.line(rows[i]), column: nil),
                                     message: "the point lies in commune \(commune), which is not in COG \(cog)")
                }
                report.unmatched.append(SourceReport.Unmatched(code: commune.value, line: table.line(rows[i])))
                targets.append(nil)
                continue
            }
            targets.append(.commune(commune))
        }
        return targets
    }

    /// The rows combined per territory by each indicator's rule.
    private func combine(rows: [Int], targets: [TerritoryCode?], parser: RowParser, source: SourceDeclaration,
                         report: SourceReport) throws -> SourceData {
        var report = report
        // The territories in order, and each row's place among them (-1 for none): by one sort
        // of the rows with a territory, not by hashing every code twice.
        var codes: [TerritoryCode] = [], slots = [Int](repeating: -1, count: targets.count)
        for (k, code) in targets.enumerated().compactMap({ k, code in code.map { (k, $0) } }).sorted(by: { $0.1 < $1.1 }) {
            if codes.last != code { codes.append(code) }
            slots[k] = codes.count - 1
        }
        var accumulators = [[Accumulator]](repeating: [Accumulator](repeating: Accumulator(), count: codes.count),
                                           count: parser.indicators.count)
        for (row, slot) in zip(rows, slots) where slot >= 0 {
            for i in parser.indicators.indices {
                let cell = try parser.cell(row, indicator: i)
                if let cell, !cell.isKnown { report.masked += 1 }
                accumulators[i][slot].add(cell)
            }
        }
        report.matched = codes.count
        var values: [String: [CellValue?]] = [:]
        for (i, indicator) in parser.indicators.enumerated() {
            let mean = switch source.rule(of: indicator) { case .mean, .share: true; default: false }
            values[indicator.id] = accumulators[i].map { $0.value(mean: mean) }
            if let slot = values[indicator.id]?.firstIndex(where: { $0?.isFinite == false }) {
                throw InputError(file: parser.table.file,
                                 message: "the rows of \(codes[slot]) add up, in \(indicator.id), past the largest figure there can be (about 1.8e308)")
            }
        }
        return SourceData(declaration: source, report: report, codes: codes, values: values)
    }

    /// Why a code has no territory.
    struct Unmatched: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The cells of the rows that land on one territory, added up.
    private struct Accumulator {
        var sum = CellValue.known(0)
        var present = 0, missing = 0

        mutating func add(_ cell: CellValue?) {
            if let cell { sum = sum + cell; present += 1 } else { missing += 1 }
        }

        /// The total, or the mean of the rows that have a value; unbounded above when some row
        /// of a total has none, nil when none has.
        func value(mean: Bool) -> CellValue? {
            guard present > 0 else { return nil }
            if mean { return sum * (1 / Double(present)) }
            return missing > 0 ? CellValue(lower: sum.lower, upper: nil) : sum
        }
    }
}
