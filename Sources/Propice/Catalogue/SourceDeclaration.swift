import PropiceGeometry

/// One indicator source as declared in the catalogue (a YAML file in `geodata/sources/`):
/// where the file is, how it is written, what its rows are keyed by, and its indicators.
public struct SourceDeclaration: Sendable, Equatable, Decodable {
    /// What a row describes.
    public enum Level: String, Sendable, Decodable {
        case commune, epci, departement
        /// A point with coordinates, assigned to the commune polygon that contains it.
        case points
    }

    /// What a code that matches no territory does.
    public enum Unmatched: String, Sendable, Decodable {
        /// Stops the reading with the file and line.
        case error
        /// Is reported and left out.
        case list
    }

    /// What two rows with the same code do.
    public enum Duplicates: String, Sendable, Decodable {
        case error
        /// Are one row written twice (INSEE's one row per postal code): they must agree.
        case identical
    }

    /// What a commune without a row means.
    public enum Absent: String, Sendable, Decodable {
        /// Its values are unknown.
        case missing
        /// Its values are zero (RPLS lists only communes with social housing).
        case zero
    }

    /// The coordinate columns of a point source.
    public struct Points: Sendable, Equatable, Decodable {
        public var x: String
        public var y: String
        /// The coordinates' CRS, as `EPSG:2154`.
        public var crs: String
    }

    public var id: String
    public var title: String
    public var producer: String
    public var vintage: String
    /// The licence the producer publishes the file under (`Licence Ouverte / Etalab 2.0`).
    public var licence: String?
    /// Invented figures in a real file's shape: every output built on them says so.
    public var synthetic: Bool
    /// The file, relative to the configuration's data folder.
    public var path: String
    /// The delimited file to read inside the zip archive at `path`.
    public var member: String?
    /// The sheet to read in the Excel workbook at `path`.
    public var sheet: String?
    public var format: TableHabits
    public var level: Level
    /// The column of the commune, EPCI or département code (not for points).
    public var key: StringList?
    /// Letters written before every code and not part of it (the baromètre's `D31`).
    public var keyPrefix: String
    /// The COG vintage of the commune codes, when older than the configuration's.
    public var cog: Int?
    /// Only the rows whose columns hold one of these values are read.
    public var filter: [String: StringList]
    public var duplicates: Duplicates
    public var absent: Absent
    public var unmatched: Unmatched
    public var points: Points?
    public var indicators: [IndicatorDeclaration]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, producer, vintage, licence, synthetic, path, member, sheet, format, level, key, cog, duplicates, absent, unmatched, points, indicators
        case filter = "where"
        case keyPrefix = "key_prefix"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        producer = try c.decode(String.self, forKey: .producer)
        vintage = try c.decode(String.self, forKey: .vintage)
        licence = try c.decodeIfPresent(String.self, forKey: .licence)
        synthetic = try c.decodeIfPresent(Bool.self, forKey: .synthetic) ?? false
        path = try c.decode(String.self, forKey: .path)
        member = try c.decodeIfPresent(String.self, forKey: .member)
        sheet = try c.decodeIfPresent(String.self, forKey: .sheet)
        format = try c.decodeIfPresent(TableHabits.self, forKey: .format) ?? TableHabits()
        level = try c.decode(Level.self, forKey: .level)
        key = try c.decodeIfPresent(StringList.self, forKey: .key)
        keyPrefix = try c.decodeIfPresent(String.self, forKey: .keyPrefix) ?? ""
        cog = try c.decodeIfPresent(Int.self, forKey: .cog)
        filter = try c.decodeIfPresent([String: StringList].self, forKey: .filter) ?? [:]
        duplicates = try c.decodeIfPresent(Duplicates.self, forKey: .duplicates) ?? .error
        absent = try c.decodeIfPresent(Absent.self, forKey: .absent) ?? .missing
        unmatched = try c.decodeIfPresent(Unmatched.self, forKey: .unmatched) ?? .error
        points = try c.decodeIfPresent(Points.self, forKey: .points)
        indicators = try c.decode([IndicatorDeclaration].self, forKey: .indicators)
        guard member == nil || sheet == nil else {
            throw DecodingError.dataCorruptedError(forKey: .sheet, in: c, debugDescription: "a source reads a member of a zip archive (member:) or a sheet of a workbook (sheet:), not both")
        }
        guard format.headerRow == nil || sheet != nil else {
            throw DecodingError.dataCorruptedError(forKey: .format, in: c, debugDescription: "format.header_row is the header's row in a sheet: declare the sheet (sheet:)")
        }
        guard (points != nil) == (level == .points) else {
            throw DecodingError.dataCorruptedError(forKey: .points, in: c, debugDescription: level == .points
                ? "a source of points declares its coordinate columns under points: (x, y, crs)"
                : "only a source of level points has coordinates")
        }
        guard (key == nil) == (level == .points) else {
            throw DecodingError.dataCorruptedError(forKey: .key, in: c, debugDescription: "source \(id) needs the key column of its codes")
        }
    }

    /// Where its table lies in its file.
    public var container: TableContainer {
        if let member { return .zipMember(member) }
        if let sheet { return .sheet(sheet, headerRow: format.headerRow ?? 1) }
        return .file
    }

    /// The rule of one of its indicators, the level's default when none is declared.
    public func rule(of indicator: IndicatorDeclaration) -> AggregationRule {
        indicator.rule ?? (level == .epci ? .value : .sum)
    }
}
