/// Where the values of name–value pairs go when the pairs name the same properties in the same
/// order (the features of one layer): the names are deduplicated once, for the first pairs,
/// and the features that follow skip finding each name again.
public struct PropertyLayout: Sendable {
    /// The names of the pairs the layout was made from, repeats included.
    let pairNames: [String]
    /// The properties' names: a repeated name once, where it first came.
    let names: [String]
    /// For each pair, the index of its name in `names`.
    let slots: [Int]

    public init(_ pairNames: [String]) {
        self.pairNames = pairNames
        var names: [String] = [], positions: [String: Int] = [:]
        positions.reserveCapacity(pairNames.count)
        slots = pairNames.map { name in
            if let i = positions[name] { return i }
            positions[name] = names.count
            names.append(name)
            return names.count - 1
        }
        self.names = names
    }

    /// Whether `pairs` name what the layout's pairs named, in the same order.
    func fits(_ pairs: [(String, PropertyValue)]) -> Bool {
        pairs.count == pairNames.count && zip(pairs, pairNames).allSatisfy { $0.0 == $1 }
    }
}

extension Properties {
    /// Properties from name–value pairs, as `init(_:)` makes them, placed by `layout` when the
    /// pairs fit it (their names then held once for every feature of the layout).
    public init(_ pairs: [(String, PropertyValue)], layout: PropertyLayout) {
        guard layout.fits(pairs) else {
            self.init(pairs)
            return
        }
        var values = [PropertyValue](repeating: .null, count: layout.names.count)
        for (slot, pair) in zip(layout.slots, pairs) { values[slot] = pair.1 }
        self.init(distinctNames: layout.names, values: values)
    }
}
