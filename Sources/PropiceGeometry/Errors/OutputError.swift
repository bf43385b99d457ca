/// A failure to write an output: names the file and the system's reason.
public struct OutputError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
