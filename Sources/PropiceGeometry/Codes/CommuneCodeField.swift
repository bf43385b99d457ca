/// The property in which a layer's features keep their commune code, and the one way the code
/// is read from it (`CommuneCode.init(property:)`: strings or integers, zero-padded).
public struct CommuneCodeField: Sendable, Equatable {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// The first of the usual names (`CodeField.candidates`) that the first feature has.
    public static func detect(in features: [Feature]) -> CommuneCodeField? {
        CodeField.detect(in: features).map(CommuneCodeField.init)
    }

    /// The commune code of a feature with these properties; nil when it has none.
    public func code(in properties: Properties) -> CommuneCode? {
        CommuneCode(property: properties[name])
    }
}
