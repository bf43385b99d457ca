/// A coverage that topology work cannot handle as asked.
public struct TopologyError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
