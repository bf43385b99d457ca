/// Writes a GeoJSON FeatureCollection, one feature per line, streamed to a temporary file
/// that `finish()` renames onto the destination.
///
/// With the default options the file is RFC 7946: coordinates are expected in WGS 84
/// longitude/latitude (reproject first), exterior rings are written counter-clockwise and
/// holes clockwise, with 6 decimals.
public final class GeoJSONWriter: FeatureWriter {
    private let output: AtomicOutput
    private let sink: FileByteSink
    /// The encoder of this file's features, for encoding on other threads (see `write(encoded:)`).
    let encoder: GeoJSONFeatureEncoder
    private var buffer: [UInt8] = []
    private var bounds = BoundingBox.empty
    private var count = 0

    public init(path: String, options: GeoJSONWriterOptions = GeoJSONWriterOptions()) throws {
        guard (0...15).contains(options.precision) else {
            throw OutputError(file: path, message: "precision must be between 0 and 15 decimals, not \(options.precision)")
        }
        output = try AtomicOutput(destination: path)
        sink = try FileByteSink(path: output.temporaryPath)
        encoder = GeoJSONFeatureEncoder(options: options)
        buffer.reserveCapacity(FileByteSink.blockSize + FileByteSink.blockSize / 4)
        buffer.append(contentsOf: #"{"type":"FeatureCollection","#.utf8)
        if let name = options.name {
            buffer.append(contentsOf: #""name":"#.utf8)
            JSONText.appendString(name, to: &buffer)
            buffer.append(UInt8(ascii: ","))
        }
        if options.crs != .wgs84 {
            buffer.append(contentsOf: #""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::\#(options.crs.epsg)"}},"#.utf8)
        }
        buffer.append(contentsOf: #""features":["#.utf8)
    }

    /// Appends one feature, encoded straight into the writer's buffer.
    public func write(_ feature: Feature) throws {
        try appendRun(of: 1) { encoder.append(feature, to: &$0) }
    }

    /// `geometry` encoded as this writer encodes geometries, for `write(_:geometry:)` on this
    /// writer or on another with the same precision and bounding-box option.
    public func encode(_ geometry: Geometry?) -> EncodedGeometry {
        var bytes: [UInt8] = []
        let box = encoder.appendGeometryMember(geometry, to: &bytes)
        return EncodedGeometry(bytes: bytes, box: box, precision: encoder.options.precision, boundingBoxes: encoder.options.boundingBoxes)
    }

    /// Appends `feature` with `geometry` (its own geometry is not read): the text of a geometry
    /// shared by several features is made once.
    public func write(_ feature: Feature, geometry: EncodedGeometry) throws {
        precondition(geometry.precision == encoder.options.precision && geometry.boundingBoxes == encoder.options.boundingBoxes,
                     "a geometry encoded with other options")
        try appendRun(of: 1) { buffer in
            encoder.appendHead(feature, to: &buffer)
            buffer.append(contentsOf: geometry.bytes)
            return geometry.box
        }
    }

    /// Appends features already encoded by `encoder`, one per line.
    func write(encoded: EncodedFeatures) throws {
        guard encoded.count > 0 else { return }
        try appendRun(of: encoded.count) { buffer in
            buffer.append(contentsOf: encoded.bytes)
            return encoded.bounds
        }
    }

    /// Appends `count` features that `encode` appends to the buffer after their separator,
    /// returning their bounds; writes the buffer out once it holds a block.
    private func appendRun(of count: Int, _ encode: (inout [UInt8]) -> BoundingBox) throws {
        buffer.append(contentsOf: self.count == 0 ? [0x0A] : EncodedFeatures.separator)
        bounds.include(encode(&buffer))
        self.count += count
        if buffer.count >= FileByteSink.blockSize { try sink.drain(&buffer) }
    }

    public func finish() throws {
        buffer.append(contentsOf: count == 0 ? "]".utf8 : "\n]".utf8)
        if encoder.options.boundingBoxes && !bounds.isEmpty {
            buffer.append(contentsOf: #","bbox":"#.utf8)
            encoder.appendBoundingBox(bounds, to: &buffer)
        }
        buffer.append(contentsOf: "}\n".utf8)
        try sink.drain(&buffer)
        try sink.close()
        try output.commit()
    }
}

extension GeoJSONWriter {
    /// A FeatureCollection as GeoJSON text in memory (for embedding in a page), encoded as
    /// the writer encodes files.
    public static func text(_ features: [Feature], options: GeoJSONWriterOptions = GeoJSONWriterOptions()) -> [UInt8] {
        var encoded = EncodedFeatures()
        let encoder = GeoJSONFeatureEncoder(options: options)
        for feature in features { encoded.append(feature, by: encoder) }
        return Array(#"{"type":"FeatureCollection","features":["#.utf8) + encoded.bytes + Array("]}".utf8)
    }
}
