/// A polygon coverage read once to publish several layers from it: its features in a metric
/// work CRS and their topology, generalised once per simplification (one per zoom band, say),
/// each generalised topology then dissolved into as many groupings as needed (EPCI,
/// départements). Every layer made from one generalised topology shares its borders exactly.
public struct CoverageLayers: Sendable {
    /// The properties of the features kept, in input order: the topology's faces.
    public let properties: [Properties]
    public let sourceCRS: CRS
    public let workCRS: CRS
    /// The topology of `features`.
    public let topology: Topology
    /// The topology's distinct positions in the output CRS, projected once for every band.
    private let projected: (crs: CRS, points: [Position])?
    /// The vertices' thresholds, computed once for every band.
    private let thresholds = ThresholdCache()

    /// Reads the features of `input` that `keep` accepts and builds their topology in
    /// `workCRS`, projecting its positions to `outputCRS` beside it.
    /// - Parameters:
    ///   - sourceCRS: the input's CRS when the file does not declare it (an error when it contradicts the file).
    ///   - keep: the properties kept of a feature (those a caller needs, say), nil to leave the feature out.
    public init(input: String, layer: String? = nil, sourceCRS: CRS? = nil, workCRS: CRS = .lambert93,
                outputCRS: CRS = .wgs84, keep: (Properties) -> Properties?) throws {
        let reader = try LayerConversion.openReader(input, layer: layer)
        let resolvedCRS = try LayerConversion.resolveSourceCRS(declared: reader.declaredCRS, option: sourceCRS, input: input)
        let toWork = try CoordinateTransformer(from: resolvedCRS, to: workCRS)
        guard !toWork.targetIsGeographic else {
            throw InputError(file: input, message: "topology work needs a metric CRS, and \(workCRS) is geographic")
        }
        // Only the topology is kept of the geometries.
        var features: [(properties: Properties, geometry: Geometry?)] = []
        var index = 0
        while let batch = try FeatureBatch.read(from: reader, firstIndex: index, limit: LayerConversion.batchSize) {
            index += batch.features.count
            var chosen = batch
            chosen.features = batch.features.compactMap { feature in
                keep(feature.properties).map { Feature(id: feature.id, properties: $0, geometry: feature.geometry) }
            }
            guard !chosen.features.isEmpty else { continue }
            for feature in try chosen.reprojected(by: toWork, file: input).features {
                features.append((feature.properties, feature.geometry))
            }
        }
        try self.init(features: features, sourceCRS: resolvedCRS, workCRS: workCRS, outputCRS: outputCRS)
    }

    /// The coverage of `features`, whose geometries are already in `workCRS` (read from
    /// `sourceCRS`), projecting its positions to `outputCRS` beside it.
    public init(features: [(properties: Properties, geometry: Geometry?)], sourceCRS: CRS, workCRS: CRS, outputCRS: CRS = .wgs84) throws {
        properties = features.map(\.properties)
        self.sourceCRS = sourceCRS
        self.workCRS = workCRS
        topology = Topology(coverage: features.map(\.geometry))
        if outputCRS != workCRS, let distinct = topology.distinct {
            projected = (outputCRS, try CoordinateTransformer.transform(distinct.points, from: workCRS, to: outputCRS))
        } else {
            projected = nil
        }
    }

    /// The topology simplified (nil: not at all), brought to `crs` and rounded to `decimals`,
    /// with its borders repaired wherever that made them cross; its faces are `properties`' features.
    public func generalised(_ simplification: SimplificationOptions?, to crs: CRS, decimals: Int?) throws -> (Topology, GeneralisationReport) {
        let (result, _, report) = try generalised(simplification, to: crs, decimals: decimals, keepingWork: false)
        return (result, report)
    }

    /// `generalised(_:to:decimals:)`, and with `keepingWork` the same vertices in the work CRS,
    /// unrounded: a second topology with the same arcs, for the outputs drawn in a metric CRS.
    public func generalised(_ simplification: SimplificationOptions?, to crs: CRS, decimals: Int?,
                            keepingWork: Bool) throws -> (Topology, Topology?, GeneralisationReport) {
        try generalised(Generalisation(simplification: simplification, outputCRS: (workCRS, crs), decimals: decimals), keepingWork: keepingWork)
    }

    /// The topology generalised as `generalisation` says, its output CRS from the work CRS.
    func generalised(_ generalisation: Generalisation, keepingWork: Bool = false) throws -> (Topology, Topology?, GeneralisationReport) {
        var generalisation = generalisation
        if let method = generalisation.simplification?.method, generalisation.thresholds == nil {
            generalisation.thresholds = thresholds.thresholds(of: topology, method: method)
        }
        let crs = generalisation.outputCRS?.target ?? workCRS
        return try generalisation.apply(to: topology, projectedPoints: projected.flatMap { $0.crs == crs ? $0.points : nil },
                                        keepingSource: keepingWork)
    }
}
