/// The properties of a feature, in the order they were read or set.
public struct Properties: Hashable, Sendable {
    public private(set) var names: [String]
    public private(set) var values: [PropertyValue]

    public init() {
        names = []
        values = []
    }

    /// Properties from name–value pairs; a repeated name keeps its last value, as JSON parsers do.
    public init(_ pairs: [(String, PropertyValue)]) {
        self.init()
        names.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        guard pairs.count > 16 else {
            for (name, value) in pairs { self[name] = value }
            return
        }
        // Many names: found by hashing rather than by a scan of those before.
        var positions: [String: Int] = [:]
        positions.reserveCapacity(pairs.count)
        for (name, value) in pairs {
            if let i = positions[name] { values[i] = value } else {
                positions[name] = names.count
                names.append(name)
                values.append(value)
            }
        }
    }

    /// These properties holding `names` as theirs when they are the same names in the same
    /// order, so that the features of a layer keep one copy of their names.
    public func sharingNames(_ names: [String]) -> Properties {
        names == self.names ? Properties(distinctNames: names, values: values) : self
    }

    /// Properties from names known to be distinct and their values.
    init(distinctNames names: [String], values: [PropertyValue]) {
        self.names = names
        self.values = values
    }

    /// The value of a property, or nil when the feature has none of that name.
    public subscript(name: String) -> PropertyValue? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let i = names.firstIndex(of: name) {
                if let newValue { values[i] = newValue } else {
                    names.remove(at: i)
                    values.remove(at: i)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }
}
