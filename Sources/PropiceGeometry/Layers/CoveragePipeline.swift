/// The steps shared by the commands that take a coverage through its topology: read it all in
/// the work CRS and build its arcs, generalise them to the output's CRS and precision, write.
enum CoveragePipeline {
    /// A coverage read and reprojected to the work CRS, with its topology.
    struct Coverage {
        /// The features' identifiers and properties, without their geometries: `topology`
        /// holds those, and keeping both would double the memory of a large coverage.
        var features: [Feature]
        var sourceCRS: CRS
        var layerName: String?
        var topology: Topology
        /// The topology's distinct positions in the output's CRS, when it differs from the work
        /// CRS; `generalised` takes them.
        var projected: (crs: CRS, points: [Position])?
    }

    /// Reads the coverage. With `output`, the layer it will be written as, the topology's
    /// positions are also reprojected to that layer's CRS, once its arcs are built.
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
        // rest of the file is read. A coverage in GeoJSON takes 40 to 100 bytes per distinct
        // position (some 20 to 40 per position written with its properties' share, most
        // positions written twice, by the two sides of a border). Sized for the densest, the
        // numbering neither rehashes nor moves its positions while the file is read; room
        // reserved and not used is never touched, so costs no memory.
        let expected = min(max((ByteSource.size(of: input) ?? 0) / 40, 1 << 12), 1 << 26)
        let builder = topology.snap == nil ? QueuedTopologyBuilder(expectedPositions: expected) : nil
        while let batch = try FeatureBatch.read(from: reader, firstIndex: features.count, limit: LayerConversion.batchSize) {
            var read = try batch.reprojected(by: toWork, file: input).features
            if let builder {
                builder.add(read.map(\.geometry))
                for i in read.indices { read[i].geometry = nil }
            }
            features += read
        }
        guard let builder else {
            let arcs = Topology(coverage: features.map(\.geometry), snap: topology.snap)
            for i in features.indices { features[i].geometry = nil }
            return Coverage(features: features, sourceCRS: sourceCRS, layerName: reader.layerName, topology: arcs)
        }
        guard let outputCRS, outputCRS != topology.workCRS else {
            return Coverage(features: features, sourceCRS: sourceCRS, layerName: reader.layerName, topology: builder.build())
        }
        let points = builder.points()
        // The arcs are cut on one core while the distinct positions are reprojected on the
        // others: cutting them is the longest stretch of a dissolve on a single core.
        let arcs = BackgroundComputation { builder.build() }
        let projected = try CoordinateTransformer.transform(points, from: topology.workCRS, to: outputCRS)
        return Coverage(features: features, sourceCRS: sourceCRS, layerName: reader.layerName, topology: arcs.value(),
                        projected: (outputCRS, projected))
    }

    /// The coverage's topology, generalised to the output's CRS and decimals. The positions
    /// projected while it was read are handed over to the generalisation, which rounds them.
    static func generalised(_ coverage: inout Coverage, topology options: TopologyOptions, output: OutputPlan) throws -> (Topology, GeneralisationReport) {
        let generalisation = Generalisation(simplification: options.simplification,
                                            outputCRS: (options.workCRS, output.crs), decimals: output.decimals)
        let projected = coverage.projected.take().flatMap { $0.crs == output.crs ? $0.points : nil }
        let (result, _, report) = try generalisation.apply(to: coverage.topology, projectedPoints: consume projected)
        return (result, report)
    }

    /// Writes features already in the output CRS and precision. (The callers then let the
    /// coverage go with `releaseInBackground`: freeing a country's arcs and features took a
    /// twentieth of a dissolve, after its output was written.)
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
