/// Bad input: names the file, where in it, and what was expected.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Where in the file the problem lies.
    public enum Location: Equatable, Sendable {
        case byteOffset(Int)
        /// The feature's index (0-based) and, when known, the byte offset of the problem.
        case feature(Int, byteOffset: Int?)
        case line(Int, column: Int?)
        /// A cell of a workbook's sheet: its row and column, both 1-based.
        case cell(sheet: String, row: Int, column: Int)
    }

    /// What the user can do about it, in terms the interface that reports the error gives
    /// (a command line names its own option).
    public enum Remedy: Equatable, Sendable {
        /// Name the layer to read.
        case nameLayer
        /// Name the property to look up.
        case nameMatchProperty
        /// Give the folder a build wrote.
        case giveBuiltFolder
    }

    public var file: String
    public var location: Location?
    public var message: String
    public var remedy: Remedy?

    public init(file: String, location: Location? = nil, message: String, remedy: Remedy? = nil) {
        self.file = file
        self.location = location
        self.message = message
        self.remedy = remedy
    }

    public var description: String {
        switch location {
        case nil: "\(file): \(message)"
        case .byteOffset(let o): "\(file): byte \(o): \(message)"
        case .feature(let i, let o?): "\(file): feature \(i) (byte \(o)): \(message)"
        case .feature(let i, nil): "\(file): feature \(i): \(message)"
        case .line(let l, let c?): "\(file): line \(l), column \(c): \(message)"
        case .line(let l, nil): "\(file): line \(l): \(message)"
        case .cell(let sheet, let row, let column): "\(file): sheet '\(sheet)', cell \(CellReference.letters(column))\(row): \(message)"
        }
    }
}
