import Dispatch
import Synchronization

/// The steps shared by the commands that take a coverage through its topology: read it all in
/// the work CRS and build its arcs, generalise them to the output's CRS and precision, write.
enum CoveragePipeline {
    /// A coverage read and reprojected to the work CRS, with its topology.
    struct Coverage {
        var features: [Feature]
        var sourceCRS: CRS
        var layerName: String?
        var topology: Topology
        /// The topology's distinct positions in another CRS, when they were reprojected while
        /// its arcs were built.
        var projected: (crs: CRS, points: [Position])?
    }

    /// Reads the coverage. With `output`, the layer it will be written as, the topology's
    /// positions are reprojected to that layer's CRS on other threads while its arcs are built.
    static func read(_ input: String, options: ConversionOptions, topology: TopologyOptions, output: String? = nil) throws -> Coverage {
        let reader = try LayerConversion.openReader(input, layer: options.layer)
        let sourceCRS = try LayerConversion.resolveSourceCRS(declared: reader.declaredCRS, option: options.sourceCRS, input: input)
        let outputCRS = try output.map { try OutputPlan(output: $0, sourceCRS: sourceCRS, options: options).crs }
        let toWork = try CoordinateTransformer(from: sourceCRS, to: topology.workCRS)
        guard !toWork.targetIsGeographic else {
            throw InputError(file: input, message: "topology work needs a metric CRS, and \(topology.workCRS) is geographic")
        }
        var features: [Feature] = []
        // Without snapping, which needs every geometry first, the rings are numbered while the
        // rest of the file is read. A coverage in GeoJSON takes about 100 bytes per distinct
        // position (some 40 per position written with its properties' share, most positions
        // written twice, by the two sides of a border); more only costs a rehash.
        let expected = min(max((ByteSource.size(of: input) ?? 0) / 100, 1 << 12), 1 << 26)
        let builder = topology.snap == nil ? QueuedTopologyBuilder(expectedPositions: expected) : nil
        while let batch = try FeatureBatch.read(from: reader, firstIndex: features.count, limit: LayerConversion.batchSize) {
            let reprojected = try batch.reprojected(by: toWork, file: input).features
            builder?.add(reprojected.map(\.geometry))
            features += reprojected
        }
        guard let builder else {
            return Coverage(features: features, sourceCRS: sourceCRS, layerName: reader.layerName,
                            topology: Topology(coverage: features.map(\.geometry), snap: topology.snap))
        }
        guard let outputCRS, outputCRS != topology.workCRS else {
            return Coverage(features: features, sourceCRS: sourceCRS, layerName: reader.layerName, topology: builder.build())
        }
        let points = builder.points()
        let projecting = DispatchGroup()
        let projected = Mutex<Result<[Position], any Error>?>(nil)
        DispatchQueue.global().async(group: projecting) {
            projected.withLock { $0 = Result { try CoordinateTransformer.transform(points, from: topology.workCRS, to: outputCRS) } }
        }
        let arcs = builder.build()
        projecting.wait()
        return Coverage(features: features, sourceCRS: sourceCRS, layerName: reader.layerName, topology: arcs,
                        projected: (outputCRS, try projected.withLock { $0! }.get()))
    }

    /// The coverage's topology, generalised to the output's CRS and decimals.
    static func generalised(_ coverage: Coverage, topology options: TopologyOptions, output: OutputPlan) throws -> (Topology, GeneralisationReport) {
        let generalisation = Generalisation(simplification: options.simplification,
                                            outputCRS: (options.workCRS, output.crs), decimals: output.decimals)
        let projected = coverage.projected.flatMap { $0.crs == output.crs ? $0.points : nil }
        let (result, _, report) = try generalisation.apply(to: coverage.topology, projectedPoints: projected)
        return (result, report)
    }

    /// Writes features already in the output CRS and precision.
    static func write(_ features: [Feature], coverage: Coverage, input: String, to output: String, plan: OutputPlan,
                      options: ConversionOptions, generalisation: GeneralisationReport) throws -> ConversionReport {
        var remaining = features[...]
        var written = options
        written.targetCRS = plan.crs
        written.precision = plan.decimals
        var report = try LayerConversion.write(from: plan.crs, input: input, layerName: coverage.layerName, to: output,
                                               format: plan.format, options: written) {
            // Small batches: a dissolved layer has few, large features to share among the threads.
            let batch = remaining.prefix(64)
            guard !batch.isEmpty else { return nil }
            remaining = remaining.dropFirst(batch.count)
            return FeatureBatch(firstIndex: batch.startIndex, features: Array(batch))
        }
        report.sourceCRS = coverage.sourceCRS
        report.generalisation = generalisation
        return report
    }
}

/// Where and how a layer is written: its format, CRS and GeoJSON decimals.
struct OutputPlan {
    var format: GeometryFileFormat
    var crs: CRS
    /// Decimals of GeoJSON coordinates; nil for GeoPackage, which stores doubles.
    var decimals: Int?

    init(output: String, sourceCRS: CRS, options: ConversionOptions) throws {
        try self.init(format: try GeometryFileFormat(path: output), sourceCRS: sourceCRS, options: options)
    }

    /// The defaults: WGS 84 for GeoJSON (RFC 7946), the source's CRS for GeoPackage; 6
    /// decimals in degrees, 3 in metres.
    init(format: GeometryFileFormat, sourceCRS: CRS, options: ConversionOptions) throws {
        self.format = format
        crs = options.targetCRS ?? (format == .geoJSON ? .wgs84 : sourceCRS)
        switch format {
        case .geoJSON: decimals = try options.precision ?? (CoordinateTransformer(from: crs, to: crs).targetIsGeographic ? 6 : 3)
        case .geoPackage: decimals = nil
        }
    }
}
