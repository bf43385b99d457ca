/// The grammar of a GeoJSON FeatureCollection over a `JSONScanner`: the members around the
/// `features` array, one feature at a time, and Polygon and MultiPolygon coordinates.
struct GeoJSONParser {
    private var scanner: JSONScanner
    private var buffers = Buffers()

    /// What the parser keeps from one feature to the next.
    struct Buffers {
        /// The property names of the last feature read: the next usually has the same, and shares them.
        var lastNames: [String] = []
        /// The names and values being read.
        var names: [String] = []
        var values: [PropertyValue] = []
        /// The positions of the ring being read.
        var positions: [Position] = []
    }

    init(scanner: JSONScanner) {
        self.scanner = scanner
    }

    var offset: Int { scanner.offset }

    // MARK: The collection

    /// What the members around the features say.
    struct Header {
        var crs: CRS?
        var name: String?
        var sawType = false
        var sawFeatures = false
        /// The members read so far, to refuse one given twice.
        var members = MemberNames<CollectionMember>()
    }

    /// The members of a collection, a feature and a geometry that are read; others are skipped.
    enum CollectionMember: String, CaseIterable { case type, crs, name, features }
    private enum FeatureMember: String, CaseIterable { case type, id, properties, geometry }
    private enum GeometryMember: String, CaseIterable { case type, coordinates }

    /// Reads the collection's members up to the opening of its `features` array, or to its end
    /// when `header.sawFeatures` is already true (the members after the array).
    mutating func readMembers(_ header: inout Header) throws {
        let resuming = header.sawFeatures
        if !resuming {
            guard try scanner.peek() != nil else { throw scanner.error(at: 0, "the file is empty") }
            try scanner.expect(UInt8(ascii: "{"), "a GeoJSON FeatureCollection ('{')")
            if try scanner.consume(UInt8(ascii: "}")) { throw scanner.error(at: offset, "the object is empty: expected a FeatureCollection") }
        } else if try !scanner.nextElement(close: UInt8(ascii: "}")) {
            return try finish(header)
        }
        repeat {
            let member = try header.members.next(of: &scanner)
            let at = header.members.at
            switch member {
            case .type:
                let type = try scanner.readString()
                guard type == "FeatureCollection" else {
                    throw scanner.error(at: at, "expected a FeatureCollection, found a \(type): propice reads collections of Polygon and MultiPolygon features")
                }
                header.sawType = true
            case .crs:
                let crs = try readCRS()
                if header.sawFeatures, crs != (header.crs ?? .wgs84) {
                    throw scanner.error(at: at, "the crs member (\(crs)) comes after the features, which were read as \(header.crs ?? .wgs84): move it before the features member")
                }
                header.crs = crs
            case .name where try scanner.peek() == UInt8(ascii: "\""):
                header.name = try scanner.readString()
            case .features:
                try scanner.expect(UInt8(ascii: "["), "an array of features ('[')")
                header.sawFeatures = true
                return
            default:
                try scanner.skipValue()
            }
        } while try scanner.nextElement(close: UInt8(ascii: "}"))
        try finish(header)
    }

    private mutating func finish(_ header: Header) throws {
        guard header.sawFeatures else { throw scanner.error(at: offset, "no features member: expected a FeatureCollection") }
        guard header.sawType else { throw scanner.error(at: offset, "no type member: expected \"type\": \"FeatureCollection\"") }
        try scanner.expectEnd()
    }

    /// The legacy `crs` member: `{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}`,
    /// or the 2008 form `{"type": "EPSG", "properties": {"code": 2154}}`.
    private mutating func readCRS() throws -> CRS {
        let at = offset
        var name: String?
        try scanner.expect(UInt8(ascii: "{"), "a crs object")
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try scanner.readString()
                try scanner.expect(UInt8(ascii: ":"), "':' after a member name")
                guard key == "properties", try scanner.peek() == UInt8(ascii: "{") else {
                    try scanner.skipValue()
                    continue
                }
                try scanner.expect(UInt8(ascii: "{"), "an object")
                if try scanner.consume(UInt8(ascii: "}")) { continue }
                repeat {
                    let property = try scanner.readString()
                    try scanner.expect(UInt8(ascii: ":"), "':' after a member name")
                    switch (property, try scanner.peek()) {
                    case ("name", UInt8(ascii: "\"")): name = try scanner.readString()
                    case ("code", _): name = "EPSG:" + (try scanner.readNumber("an EPSG code").integer.map(String.init) ?? "?")
                    default: try scanner.skipValue()
                    }
                } while try scanner.nextElement(close: UInt8(ascii: "}"))
            } while try scanner.nextElement(close: UInt8(ascii: "}"))
        }
        guard let name else { throw scanner.error(at: at, "the crs member names no CRS: expected {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::2154\"}}") }
        guard let crs = CRS(name: name) else { throw scanner.error(at: at, "the crs member names '\(name)', which is not an EPSG or OGC CRS name such as urn:ogc:def:crs:EPSG::2154") }
        return crs
    }

    /// Moves to the next feature of the array: false at its end.
    mutating func advance(first: Bool) throws -> Bool {
        if first { return try !scanner.consume(UInt8(ascii: "]")) }
        return try scanner.nextElement(close: UInt8(ascii: "]"))
    }

    // MARK: A feature

    /// Appends the next feature's bytes, as written, to `out`; returns its file offset.
    mutating func captureFeature(into out: inout [UInt8]) throws -> Int {
        try scanner.captureRawValue(into: &out)
    }

    /// The feature written in `bytes`, which start at `offset` in the file at `path`.
    static func feature(in bytes: ArraySlice<UInt8>, path: String, offset: Int, buffers: inout Buffers) throws -> Feature {
        // Read in place: the source and the parser do not outlive the call.
        try bytes.withUnsafeBufferPointer { bytes in
            var parser = GeoJSONParser(scanner: try JSONScanner(source: ByteSource(path: path, borrowing: bytes, startOffset: offset)))
            swap(&parser.buffers, &buffers)
            defer { swap(&parser.buffers, &buffers) }
            let feature = try parser.readFeature()
            try parser.scanner.expectEnd()
            return feature
        }
    }

    mutating func readFeature() throws -> Feature {
        let start = offset
        try scanner.expect(UInt8(ascii: "{"), "a Feature object ('{')")
        var feature = Feature(geometry: nil)
        var members = MemberNames<FeatureMember>()
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                switch try members.next(of: &scanner) {
                case .type:
                    if try !scanner.consumeString("Feature") {
                        let type = try scanner.readString()
                        guard type == "Feature" else { throw scanner.error(at: members.at, "expected a Feature, found a \(type)") }
                    }
                case .id:
                    feature.id = try readID()
                case .properties:
                    feature.properties = try readProperties()
                case .geometry:
                    feature.geometry = try readGeometry()
                case nil:
                    try scanner.skipValue()
                }
            } while try scanner.nextElement(close: UInt8(ascii: "}"))
        }
        guard members.saw(.type) else { throw scanner.error(at: start, "the feature has no \"type\": \"Feature\" member") }
        return feature
    }

    private mutating func readID() throws -> FeatureID? {
        switch try scanner.peek() {
        case UInt8(ascii: "\""):
            return .string(try scanner.readString())
        case UInt8(ascii: "n"):
            _ = try scanner.readLiteral()
            return nil
        default:
            let at = offset
            let number = try scanner.readNumber("a string or a number as id")
            if let integer = number.integer { return .integer(integer) }
            guard number.double.isFinite else { throw scanner.error(at: at, "the id is not a finite number") }
            return .string(number.double.description)
        }
    }

    private mutating func readProperties() throws -> Properties {
        if try scanner.peek() == UInt8(ascii: "n") {
            _ = try scanner.readLiteral()
            return Properties()
        }
        try scanner.expect(UInt8(ascii: "{"), "an object of properties")
        if try scanner.consume(UInt8(ascii: "}")) { return Properties() }
        buffers.names.removeAll(keepingCapacity: true)
        buffers.values.removeAll(keepingCapacity: true)
        repeat {
            let k = buffers.names.count
            if k < buffers.lastNames.count, try scanner.consumeString(buffers.lastNames[k]) {
                buffers.names.append(buffers.lastNames[k])
            } else {
                buffers.names.append(try scanner.readString())
            }
            try scanner.expect(UInt8(ascii: ":"), "':' after a property name")
            buffers.values.append(try readPropertyValue())
        } while try scanner.nextElement(close: UInt8(ascii: "}"))
        if buffers.names == buffers.lastNames {
            // The values copied to their own size: handing the buffer over would give the feature
            // the largest capacity any feature needed so far, and the next feature a new buffer.
            return Properties(distinctNames: buffers.lastNames, values: buffers.values.withUnsafeBufferPointer { Array($0) })
        }
        let read = Properties(Array(zip(buffers.names, buffers.values)))
        guard read.names.count == buffers.names.count else {
            let name = Dictionary(grouping: buffers.names, by: { $0 }).first { $0.value.count > 1 }?.key ?? ""
            throw scanner.error(at: offset, "the property \"\(name)\" is given twice in the same feature: which to read is ambiguous")
        }
        buffers.lastNames = read.names
        return read
    }

    private mutating func readPropertyValue() throws -> PropertyValue {
        guard let c = try scanner.peek() else { throw scanner.truncated(expecting: "a property value") }
        switch c {
        case UInt8(ascii: "\""):
            return .string(try scanner.readString())
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return .json(try scanner.captureValue())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try scanner.readLiteral().map(PropertyValue.bool) ?? .null
        default:
            let at = offset
            let number = try scanner.readNumber("a property value")
            if let integer = number.integer { return .integer(integer) }
            guard number.double.isFinite else { throw scanner.error(at: at, "a property value is out of the range of 64-bit floats") }
            return .real(number.double)
        }
    }

    // MARK: Geometry

    private mutating func readGeometry() throws -> Geometry? {
        if try scanner.peek() == UInt8(ascii: "n") {
            _ = try scanner.readLiteral()
            return nil
        }
        let start = offset
        try scanner.expect(UInt8(ascii: "{"), "a geometry object ('{')")
        var type: String?
        var geometry: Geometry?
        /// Coordinates met before the type, kept as text until the type says how to read them.
        var pending: (text: String, offset: Int)?
        var members = MemberNames<GeometryMember>()
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                switch try members.next(of: &scanner) {
                case .type:
                    type = try readGeometryType(of: start)
                case .coordinates:
                    if let type {
                        geometry = try readCoordinates(multi: type == "MultiPolygon")
                    } else {
                        pending = (try scanner.captureValue(), offset)
                    }
                default:
                    try scanner.skipValue()
                }
            } while try scanner.nextElement(close: UInt8(ascii: "}"))
        }
        guard let type else { throw scanner.error(at: start, "the geometry has no type member") }
        if let pending {
            let source = ByteSource(path: scanner.path, bytes: Array(pending.text.utf8), startOffset: pending.offset)
            var nested = GeoJSONParser(scanner: try JSONScanner(source: source))
            geometry = try nested.readCoordinates(multi: type == "MultiPolygon")
        }
        guard let geometry else { throw scanner.error(at: start, "the \(type) has no coordinates member") }
        return geometry
    }

    /// A geometry's type: Polygon or MultiPolygon, the only ones a coverage has.
    private mutating func readGeometryType(of start: Int) throws -> String {
        if try scanner.consumeString("MultiPolygon") { return "MultiPolygon" }
        if try scanner.consumeString("Polygon") { return "Polygon" }
        let name = try scanner.readString()
        guard name == "Polygon" || name == "MultiPolygon" else {
            throw scanner.error(at: start, "expected a Polygon or MultiPolygon geometry, found a \(name)")
        }
        return name
    }

    private mutating func readCoordinates(multi: Bool) throws -> Geometry {
        guard multi else { return .polygon(try readPolygon()) }
        var polygons: [Polygon] = []
        try scanner.expect(UInt8(ascii: "["), "an array of polygons ('[')")
        if try !scanner.consume(UInt8(ascii: "]")) {
            repeat { polygons.append(try readPolygon()) } while try scanner.nextElement(close: UInt8(ascii: "]"))
        }
        return .multiPolygon(MultiPolygon(polygons: polygons))
    }

    private mutating func readPolygon() throws -> Polygon {
        let start = offset
        try scanner.expect(UInt8(ascii: "["), "an array of rings ('[')")
        guard try !scanner.consume(UInt8(ascii: "]")) else { throw scanner.error(at: start, "a polygon has no ring") }
        let exterior = try readRing()
        var holes: [Ring] = []
        while try scanner.nextElement(close: UInt8(ascii: "]")) { holes.append(try readRing()) }
        return Polygon(exterior: exterior, holes: holes)
    }

    private mutating func readRing() throws -> Ring {
        let start = offset
        buffers.positions.removeAll(keepingCapacity: true)
        try scanner.expect(UInt8(ascii: "["), "an array of positions ('[')")
        if try !scanner.consume(UInt8(ascii: "]")) {
            repeat { buffers.positions.append(try readPosition()) } while try scanner.nextElement(close: UInt8(ascii: "]"))
        }
        if let problem = RingCheck.problem(buffers.positions) { throw scanner.error(at: start, problem) }
        // A copy of its own size, through a pointer: `Array(buffer[...])` would share the buffer
        // (and its capacity), and the next ring would then allocate a buffer of its own.
        return Ring(positions: buffers.positions.withUnsafeBufferPointer { Array($0) })
    }

    @inline(__always) private mutating func readPosition() throws -> Position {
        try scanner.expect(UInt8(ascii: "["), "a position ('[')")
        let x = try readCoordinate()
        guard try scanner.nextElement(close: UInt8(ascii: "]")) else { throw scanner.error(at: offset - 1, "a position has one coordinate; it needs two") }
        let y = try readCoordinate()
        // A third or fourth value (altitude, measure) is read and dropped: propice works in 2-D.
        while try scanner.nextElement(close: UInt8(ascii: "]")) { _ = try readCoordinate() }
        return Position(x: x, y: y)
    }

    @inline(__always) private mutating func readCoordinate() throws -> Double {
        let at = offset
        let value = try scanner.readNumber("a coordinate").double
        guard value.isFinite else { throw scanner.error(at: at, "a coordinate is not a finite number") }
        return value
    }
}
