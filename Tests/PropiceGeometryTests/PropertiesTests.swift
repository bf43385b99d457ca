import Testing
import PropiceGeometry

@Suite("Properties")
struct PropertiesTests {
    /// The pairs' names in first-met order and each name's last value: what a JSON parser keeps.
    func expected(_ pairs: [(String, PropertyValue)]) -> (names: [String], values: [PropertyValue]) {
        var names: [String] = [], last: [String: PropertyValue] = [:]
        for (name, value) in pairs {
            if last[name] == nil { names.append(name) }
            last[name] = value
        }
        return (names, names.map { last[$0]! })
    }

    @Test("a repeated name keeps its first place and its last value, with few names and with many", arguments: [3, 16, 17, 60])
    func repeatedNames(count: Int) {
        var pairs = (0..<count).map { ("p\($0)", PropertyValue.integer(Int64($0))) }
        pairs.insert(("p1", .string("again")), at: max(2, count / 2)) // after the first p1
        pairs.append(("p0", .null))
        let properties = Properties(pairs)
        let (names, values) = expected(pairs)
        #expect(properties.names == names)
        #expect(properties.values == values)
        #expect(properties["p1"] == .string("again"))
        #expect(properties["p0"] == .null)
        #expect(properties["absent"] == nil)
    }

    @Test("pairs placed by a layout are the properties the pairs make, repeats included; pairs that do not fit it are made alone",
          arguments: [3, 17, 60])
    func layout(count: Int) {
        func pairs(_ seed: Int64) -> [(String, PropertyValue)] {
            var pairs = (0..<count).map { ("p\($0)", PropertyValue.integer(seed * 100 + Int64($0))) }
            pairs.insert(("p1", .string("again \(seed)")), at: 2)
            return pairs
        }
        let layout = PropertyLayout(pairs(0).map(\.0))
        for seed in Int64(1)...3 {
            let placed = Properties(pairs(seed), layout: layout), made = Properties(pairs(seed))
            #expect(placed == made)
            #expect(placed["p1"] == .string("again \(seed)"))
        }
        var other = pairs(4)
        other.swapAt(0, count - 1)
        #expect(Properties(other, layout: layout) == Properties(other), "other order")
        #expect(Properties(Array(other.dropLast()), layout: layout) == Properties(Array(other.dropLast())), "fewer pairs")
        let (names, values) = expected(other)
        #expect(Properties(other, layout: layout).names == names)
        #expect(Properties(other, layout: layout).values == values)
    }
}
