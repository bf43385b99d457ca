/// Options of `LayerConversion.convert`.
public struct ConversionOptions: Sendable {
    /// The input's CRS when the file does not say. When the file says, this must agree.
    public var sourceCRS: CRS?
    /// The output's CRS; by default WGS 84 for GeoJSON, the source CRS for GeoPackage.
    public var targetCRS: CRS?
    /// Decimals of GeoJSON coordinates; by default 6 for a geographic CRS, 3 (millimetres) for a projected one.
    public var precision: Int?
    /// The layer to read from a GeoPackage that holds several.
    public var layer: String?
    /// Whether GeoJSON features and the collection get a `bbox` member.
    public var boundingBoxes: Bool

    public init(sourceCRS: CRS? = nil, targetCRS: CRS? = nil, precision: Int? = nil, layer: String? = nil, boundingBoxes: Bool = false) {
        self.sourceCRS = sourceCRS
        self.targetCRS = targetCRS
        self.precision = precision
        self.layer = layer
        self.boundingBoxes = boundingBoxes
    }
}

/// What a conversion did.
public struct ConversionReport: Sendable, Equatable {
    public var featureCount: Int
    public var sourceCRS: CRS
    public var targetCRS: CRS
    public var outputFormat: GeometryFileFormat
}

/// Reads a polygon layer, reprojects it and writes it in another format.
public enum LayerConversion {
    public static func convert(input: String, output: String, options: ConversionOptions = ConversionOptions()) throws -> ConversionReport {
        let outputFormat = try GeometryFileFormat(path: output)
        let reader = try openReader(input, layer: options.layer)
        let sourceCRS = try resolveSourceCRS(declared: reader.declaredCRS, option: options.sourceCRS, input: input)
        let targetCRS = options.targetCRS ?? (outputFormat == .geoJSON ? .wgs84 : sourceCRS)
        let transformer = try CoordinateTransformer(from: sourceCRS, to: targetCRS)
        let writer: FeatureWriter
        switch outputFormat {
        case .geoJSON:
            let precision = options.precision ?? (transformer.targetIsGeographic ? 6 : 3)
            writer = try GeoJSONWriter(path: output, options: GeoJSONWriterOptions(
                precision: precision, boundingBoxes: options.boundingBoxes, crs: targetCRS, name: reader.layerName))
        case .geoPackage:
            writer = try GeoPackageWriter(path: output, layerName: layerName(of: output), crs: targetCRS,
                                          lastChange: FileTimestamp.modificationTime(of: input))
        }
        var count = 0
        while var feature = try reader.next() {
            if feature.geometry != nil {
                do {
                    try transformer.transform(&feature.geometry!)
                } catch let error as CRSError {
                    throw InputError(file: input, location: .feature(count, byteOffset: nil), message: error.message)
                }
            }
            try writer.write(feature)
            count += 1
        }
        try writer.finish()
        return ConversionReport(featureCount: count, sourceCRS: sourceCRS, targetCRS: targetCRS, outputFormat: outputFormat)
    }

    static func openReader(_ path: String, layer: String?) throws -> FeatureReader {
        switch try GeometryFileFormat(path: path) {
        case .geoJSON:
            if let layer { throw InputError(file: path, message: "--layer '\(layer)' applies to GeoPackage inputs; a GeoJSON file holds one layer") }
            return try GeoJSONReader(path: path)
        case .geoPackage:
            return try GeoPackageReader(path: path, layer: layer)
        }
    }

    static func resolveSourceCRS(declared: CRS?, option: CRS?, input: String) throws -> CRS {
        switch (declared, option) {
        case let (declared?, option?) where declared != option:
            throw InputError(file: input, message: "the file declares \(declared) but the source CRS given is \(option): drop the option, or fix the file")
        case let (declared?, _): return declared
        case let (nil, option?): return option
        case (nil, nil): return .wgs84
        }
    }

    /// The file name without folder and extension: the layer name of a new GeoPackage.
    static func layerName(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
