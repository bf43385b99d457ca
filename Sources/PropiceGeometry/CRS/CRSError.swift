/// A CRS that PROJ does not know, or positions it cannot transform.
public struct CRSError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
