/// One Mapbox Vector Tile (specification 2.1) of polygon layers, encoded as its protocol
/// buffers message. Property keys and values are written once per layer, in order of first use,
/// so that the same features give the same bytes.
public struct VectorTile: Sendable {
    /// The property keys and values of a layer's features, each stored once for all its tiles:
    /// a feature refers to them by index (`tags(of:)`), and each tile writes those it uses.
    public struct PropertyTable: Sendable {
        public private(set) var keys: [String] = []
        public private(set) var values: [PropertyValue] = []
        private var keyIndex: [String: UInt32] = [:]
        private var valueIndex: [PropertyValue: UInt32] = [:]

        public init() {}

        /// The tags of `properties`: key index, value index, and so on; null values are left out.
        public mutating func tags(of properties: Properties) -> [UInt32] {
            var tags: [UInt32] = []
            for (name, value) in zip(properties.names, properties.values) where value != .null {
                tags.append(Self.index(of: name, in: &keys, indices: &keyIndex))
                tags.append(Self.index(of: value, in: &values, indices: &valueIndex))
            }
            return tags
        }

        private static func index<T: Hashable>(of item: T, in items: inout [T], indices: inout [T: UInt32]) -> UInt32 {
            if let known = indices[item] { return known }
            let index = UInt32(truncatingIfNeeded: items.count)
            items.append(item)
            indices[item] = index
            return index
        }
    }

    /// A layer of the tile: its features in the tile's own units (`extent` a side), whose tags
    /// refer to `table`.
    public struct Layer: Sendable {
        public var name: String
        public var extent: Int
        public var table: PropertyTable
        public var features: [Feature]

        public init(name: String, extent: Int, table: PropertyTable, features: [Feature]) {
            self.name = name
            self.extent = extent
            self.table = table
            self.features = features
        }
    }

    /// A polygon feature: exterior rings are written with a positive area and holes with a
    /// negative one, whatever their orientation here.
    public struct Feature: Sendable {
        public var id: UInt64?
        /// Its properties, as indices in its layer's `PropertyTable`.
        public var tags: [UInt32]
        /// The polygons' geometry commands (`geometryCommands`) as packed varints, encoded once
        /// however many layers draw the same shape.
        public var geometry: [UInt8]

        public init(id: UInt64?, tags: [UInt32], polygons: [TilePolygon]) {
            self.init(id: id, tags: tags, geometry: VectorTile.packedGeometry(polygons))
        }

        public init(id: UInt64?, tags: [UInt32], geometry: [UInt8]) {
            self.id = id
            self.tags = tags
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
        // The table's keys and values this tile uses, numbered in order of first use.
        let unused = UInt32.max
        var keys: [UInt32] = [], keyNumber = [UInt32](repeating: unused, count: layer.table.keys.count)
        var values: [UInt32] = [], valueNumber: [UInt32: UInt32] = [:]
        var message = ProtobufWriter(), body = ProtobufWriter()
        var tags: [UInt32] = []
        message.stringField(1, layer.name)
        for feature in layer.features {
            tags.removeAll(keepingCapacity: true)
            for pair in stride(from: 0, to: feature.tags.count - 1, by: 2) {
                let key = Int(feature.tags[pair]), value = feature.tags[pair + 1]
                if keyNumber[key] == unused {
                    keyNumber[key] = UInt32(truncatingIfNeeded: keys.count)
                    keys.append(UInt32(truncatingIfNeeded: key))
                }
                let number = valueNumber[value] ?? {
                    values.append(value)
                    valueNumber[value] = UInt32(truncatingIfNeeded: values.count - 1)
                    return UInt32(truncatingIfNeeded: values.count - 1)
                }()
                tags.append(keyNumber[key])
                tags.append(number)
            }
            body.clear()
            if let id = feature.id { body.varintField(1, id) }
            if !tags.isEmpty { body.packedField(2, tags) }
            body.varintField(3, 3) // POLYGON
            body.bytesField(4, feature.geometry)
            message.bytesField(2, body.bytes)
        }
        for key in keys { message.stringField(3, layer.table.keys[Int(key)]) }
        for value in values { message.bytesField(4, encode(layer.table.values[Int(value)])) }
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

    /// The packed varints of the polygons' geometry commands, a feature's `geometry`.
    public static func packedGeometry(_ polygons: [TilePolygon]) -> [UInt8] { ProtobufWriter.packed(geometryCommands(polygons)) }

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
