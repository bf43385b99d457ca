/// One Mapbox Vector Tile (specification 2.1) of polygon layers, encoded as its protocol
/// buffers message. Property keys and values are written once per layer, in order of first use,
/// so that the same features give the same bytes.
public struct VectorTile: Sendable {
    /// A layer of the tile: its features in the tile's own units (`extent` a side).
    public struct Layer: Sendable {
        public var name: String
        public var extent: Int
        public var features: [Feature]

        public init(name: String, extent: Int, features: [Feature]) {
            self.name = name
            self.extent = extent
            self.features = features
        }
    }

    /// A polygon feature: exterior rings are written with a positive area and holes with a
    /// negative one, whatever their orientation here; null properties are left out.
    public struct Feature: Sendable {
        public var id: UInt64?
        public var properties: Properties
        /// The polygons' geometry commands (`geometryCommands`), encoded once however many
        /// layers draw the same shape.
        public var geometry: [UInt32]

        public init(id: UInt64?, properties: Properties, polygons: [TilePolygon]) {
            self.init(id: id, properties: properties, geometry: VectorTile.geometryCommands(polygons))
        }

        public init(id: UInt64?, properties: Properties, geometry: [UInt32]) {
            self.id = id
            self.properties = properties
            self.geometry = geometry
        }
    }

    public var layers: [Layer]

    public init(layers: [Layer]) { self.layers = layers }

    /// The tile's protocol buffers message, uncompressed.
    public func encoded() -> [UInt8] {
        var tile = ProtobufWriter()
        for layer in layers where !layer.features.isEmpty { tile.bytesField(3, Self.encode(layer)) }
        return tile.bytes
    }

    private static func encode(_ layer: Layer) -> [UInt8] {
        var keys: [String] = [], keyIndex: [String: UInt32] = [:]
        var values: [PropertyValue] = [], valueIndex: [PropertyValue: UInt32] = [:]
        var message = ProtobufWriter()
        message.stringField(1, layer.name)
        for feature in layer.features {
            var tags: [UInt32] = []
            for (name, value) in zip(feature.properties.names, feature.properties.values) where value != .null {
                let key = keyIndex[name] ?? {
                    keys.append(name)
                    keyIndex[name] = UInt32(keys.count - 1)
                    return UInt32(keys.count - 1)
                }()
                let index = valueIndex[value] ?? {
                    values.append(value)
                    valueIndex[value] = UInt32(values.count - 1)
                    return UInt32(values.count - 1)
                }()
                tags += [key, index]
            }
            var body = ProtobufWriter()
            if let id = feature.id { body.varintField(1, id) }
            if !tags.isEmpty { body.packedField(2, tags) }
            body.varintField(3, 3) // POLYGON
            body.packedField(4, feature.geometry)
            message.bytesField(2, body.bytes)
        }
        for key in keys { message.stringField(3, key) }
        for value in values { message.bytesField(4, encode(value)) }
        message.varintField(5, UInt64(layer.extent))
        message.varintField(15, 2)
        return message.bytes
    }

    /// A `Value` message: strings, doubles, signed integers, booleans (JSON text as a string).
    private static func encode(_ value: PropertyValue) -> [UInt8] {
        var message = ProtobufWriter()
        switch value {
        case .string(let text), .json(let text): message.stringField(1, text)
        case .real(let number): message.doubleField(3, number)
        case .integer(let number): message.varintField(6, ProtobufWriter.zigzag(number))
        case .bool(let flag): message.varintField(7, flag ? 1 : 0)
        case .null: break
        }
        return message.bytes
    }

    /// The geometry commands of polygons: per ring a MoveTo, a LineTo of the other points
    /// (relative moves, zigzag-encoded) and a ClosePath.
    public static func geometryCommands(_ polygons: [TilePolygon]) -> [UInt32] {
        var commands: [UInt32] = []
        var cursor = TilePoint(x: 0, y: 0)
        func command(_ id: UInt32, count: Int) -> UInt32 { id | UInt32(truncatingIfNeeded: count) << 3 }
        func parameter(_ delta: Int) -> UInt32 { UInt32(truncatingIfNeeded: ProtobufWriter.zigzag(Int64(delta))) }
        for polygon in polygons {
            for (r, ring) in polygon.enumerated() {
                let exterior = r == 0
                let points = (ring.signedDoubleArea > 0) == exterior ? ring : ring.reversed()
                guard let first = points.first else { continue }
                commands += [command(1, count: 1), parameter(first.x - cursor.x), parameter(first.y - cursor.y)]
                commands.append(command(2, count: points.count - 1))
                var previous = first
                for point in points.dropFirst() {
                    commands += [parameter(point.x - previous.x), parameter(point.y - previous.y)]
                    previous = point
                }
                cursor = previous
                commands.append(command(7, count: 1))
            }
        }
        return commands
    }
}
