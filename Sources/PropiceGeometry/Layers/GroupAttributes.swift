/// The properties a dissolved group carries besides its key: some copied from its first
/// member, some summed over its members.
public struct GroupAttributes: Sendable, Equatable {
    /// Properties taken from the group's first feature (a name, say).
    public var copied: [String]
    /// Numeric properties added up over the group's features (a population, an area); nulls
    /// count for nothing, and the sum is null when every member's is.
    public var summed: [String]

    public init(copied: [String] = [], summed: [String] = []) {
        self.copied = copied
        self.summed = summed
    }

    /// The properties of a group of `features` (indices into `all`).
    func properties(key: (String, PropertyValue), members: [Int], of all: [Feature], input: String) throws -> Properties {
        var properties = Properties([key])
        for name in copied { properties[name] = all[members[0]].properties[name] ?? .null }
        for name in summed {
            var integer: Int64? = 0, real = 0.0, any = false
            for member in members {
                switch all[member].properties[name] ?? .null {
                case .integer(let i):
                    integer = integer.flatMap { $0.addingReportingOverflow(i).overflow ? nil : $0 + i }
                    real += Double(i)
                    any = true
                case .real(let d):
                    integer = nil
                    real += d
                    any = true
                case .null: break
                default:
                    throw InputError(file: input, location: .feature(member, byteOffset: nil), message: "'\(name)' is not a number and cannot be summed")
                }
            }
            properties[name] = !any ? .null : integer.map(PropertyValue.integer) ?? .real(real)
        }
        return properties
    }
}
