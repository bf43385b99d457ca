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
    /// What simplification and rounding did, when the layer went through its topology.
    public var generalisation: GeneralisationReport?
}

/// Reads a polygon layer, reprojects it and writes it in another format.
///
/// The input is read on the calling thread in batches while one thread per core reprojects
/// (and, for GeoJSON, encodes) them, each with its own PROJ context; the batches are written
/// in their input order, so the output does not depend on the number of threads.
public enum LayerConversion {
    /// Features per batch handed to a worker.
    static let batchSize = 512

    /// Converts a layer; with `topology`, through the coverage's arcs (snapped, simplified and
    /// rounded without gaps or overlaps between neighbours), which reads the whole layer first.
    public static func convert(input: String, output: String, options: ConversionOptions = ConversionOptions(),
                               topology: TopologyOptions? = nil) throws -> ConversionReport {
        if let topology { return try convertThroughTopology(input: input, output: output, options: options, topology: topology) }
        let outputFormat = try GeometryFileFormat(path: output)
        let reader = try openReader(input, layer: options.layer)
        let sourceCRS = try resolveSourceCRS(declared: reader.declaredCRS, option: options.sourceCRS, input: input)
        var count = 0
        return try write(from: sourceCRS, input: input, layerName: reader.layerName, to: output, format: outputFormat, options: options) {
            let batch = try FeatureBatch.read(from: reader, firstIndex: count, limit: batchSize)
            count += batch?.features.count ?? 0
            return batch
        }
    }

    /// Reprojects the batches from `sourceCRS` to the output's CRS on one thread per core and
    /// writes them in order; `input` names the source in messages and dates a GeoPackage.
    static func write(from sourceCRS: CRS, input: String, layerName: String?, to output: String, format outputFormat: GeometryFileFormat,
                      options: ConversionOptions, batches next: () throws -> FeatureBatch?) throws -> ConversionReport {
        let plan = try OutputPlan(format: outputFormat, sourceCRS: sourceCRS, options: options), targetCRS = plan.crs
        let transformers = try (0..<ProcessorCount.online).map { _ in try CoordinateTransformer(from: sourceCRS, to: targetCRS) }
        var count = 0
        let counted = { () throws -> FeatureBatch? in
            let batch = try next()
            count += batch?.features.count ?? 0
            return batch
        }
        switch outputFormat {
        case .geoJSON:
            let writer = try GeoJSONWriter(path: output, options: GeoJSONWriterOptions(
                precision: plan.decimals ?? 6, boundingBoxes: options.boundingBoxes, crs: targetCRS, name: layerName))
            let encoder = writer.encoder
            try orderedParallelMap(states: transformers, next: counted, work: { transformer, batch in
                try batch.reprojected(by: transformer, file: input).encoded(by: encoder)
            }, consume: writer.write(encoded:))
            try writer.finish()
        case .geoPackage:
            let writer = try GeoPackageWriter(path: output, layerName: Self.layerName(of: output), crs: targetCRS,
                                              lastChange: FileTimestamp.modificationTime(of: input))
            try orderedParallelMap(states: transformers, next: counted, work: { transformer, batch in
                try batch.reprojected(by: transformer, file: input)
            }, consume: { batch in try batch.features.forEach(writer.write) })
            try writer.finish()
        }
        return ConversionReport(featureCount: count, sourceCRS: sourceCRS, targetCRS: targetCRS, outputFormat: outputFormat)
    }

    private static func convertThroughTopology(input: String, output: String, options: ConversionOptions,
                                               topology: TopologyOptions) throws -> ConversionReport {
        _ = try GeometryFileFormat(path: output)
        var coverage = try CoveragePipeline.read(input, options: options, topology: topology, output: output)
        let plan = try OutputPlan(output: output, sourceCRS: coverage.sourceCRS, options: options)
        let (arcs, generalisation) = try CoveragePipeline.generalised(&coverage, topology: topology, output: plan)
        let features = coverage.features.indices.map { i in
            Feature(id: coverage.features[i].id, properties: coverage.features[i].properties, geometry: arcs.geometry(of: i))
        }
        let report = try CoveragePipeline.write(features, coverage: coverage, input: input, to: output, plan: plan,
                                                options: options, generalisation: generalisation)
        releaseInBackground((consume features, consume coverage, consume arcs))
        return report
    }

    /// A reader of a GeoJSON file, or of a GeoPackage's layer (its only one when `layer` is nil),
    /// that refuses null and empty geometries and degrees under a metric CRS.
    public static func openReader(_ path: String, layer: String?) throws -> FeatureReader {
        switch try GeometryFileFormat(path: path) {
        case .geoJSON:
            if let layer { throw InputError(file: path, message: "a layer ('\(layer)') is named in GeoPackage inputs only; a GeoJSON file holds one layer") }
            return CheckedFeatureReader(try GeoJSONReader(path: path))
        case .geoPackage:
            return CheckedFeatureReader(try GeoPackageReader(path: path, layer: layer))
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
