import PropiceGeometry

/// How a source file is written, as declared under `format:`: delimiter (padding spaces
/// around it are always allowed), encoding, decimal mark, thousands separator, and the marks
/// of cells withheld for statistical secrecy.
public struct TableHabits: Sendable, Equatable, Decodable {
    /// `;`, `,` or `tab`; told from the header when not declared.
    public var delimiter: String?
    public var encoding: TextEncoding
    /// `.` or `,`.
    public var decimal: String
    /// `space` (spaces, no-break spaces and narrow no-break spaces between digit groups) or `none`.
    public var thousands: String
    /// The cells that mean "withheld" (`s`, `secret`, or the empty string for blank cells).
    public var secret: [String]
    /// Counts under this threshold are withheld: a masked cell lies between 0 and threshold − 1.
    /// Without it, a masked cell's upper bound is unknown.
    public var secrecyThreshold: Int?
    /// In a workbook's sheet, the row of the header (1-based; INSEE's sheets have titles and
    /// long labels above their codes): the rows above are left out.
    public var headerRow: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case delimiter, encoding, decimal, thousands, secret
        case secrecyThreshold = "secrecy_threshold"
        case headerRow = "header_row"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        delimiter = try c.decodeIfPresent(String.self, forKey: .delimiter)
        encoding = try c.decodeIfPresent(TextEncoding.self, forKey: .encoding) ?? .utf8
        decimal = try c.decodeIfPresent(String.self, forKey: .decimal) ?? "."
        thousands = try c.decodeIfPresent(String.self, forKey: .thousands) ?? "none"
        secret = try c.decodeIfPresent([String].self, forKey: .secret) ?? []
        secrecyThreshold = try c.decodeIfPresent(Int.self, forKey: .secrecyThreshold)
        headerRow = try c.decodeIfPresent(Int.self, forKey: .headerRow)
        guard delimiter.map({ [";", ",", "tab", "\t"].contains($0) }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .delimiter, in: c, debugDescription: "the delimiter is ';', ',' or 'tab', not '\(delimiter!)'")
        }
        guard [".", ","].contains(decimal) else {
            throw DecodingError.dataCorruptedError(forKey: .decimal, in: c, debugDescription: "the decimal mark is '.' or ',', not '\(decimal)'")
        }
        guard ["space", "none"].contains(thousands) else {
            throw DecodingError.dataCorruptedError(forKey: .thousands, in: c, debugDescription: "thousands are 'space' or 'none', not '\(thousands)'")
        }
        guard headerRow.map({ (1...1_048_576).contains($0) }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .headerRow, in: c, debugDescription: "the header row is a row of a sheet, 1 to 1048576")
        }
        guard secrecyThreshold.map({ $0 >= 1 }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .secrecyThreshold, in: c, debugDescription: "the secrecy threshold is a count of 1 or more")
        }
    }

    /// UTF-8, `.` decimals, no thousands separator, no secrecy; delimiter from the header.
    public init() {
        delimiter = nil
        encoding = .utf8
        decimal = "."
        thousands = "none"
        secret = []
        secrecyThreshold = nil
        headerRow = nil
    }

    /// The table format these habits describe.
    public var tableFormat: TextTable.Format {
        let byte: UInt8? = switch delimiter {
        case nil: nil
        case "tab", "\t": UInt8(ascii: "\t")
        case let d?: d.utf8.first
        }
        return TextTable.Format(delimiter: byte, encoding: encoding)
    }

    /// The number format these habits describe.
    public var numberFormat: NumberFormat {
        NumberFormat(decimalComma: decimal == ",", spacedThousands: thousands == "space")
    }
}
