/// Dissolves a polygon coverage by the value of a property (communes into EPCI, say), through
/// the coverage's topology, and writes the groups as a layer.
public enum LayerDissolve {
    /// - Parameters:
    ///   - field: the property whose value groups the features; features without it (or with
    ///     null) are left out.
    ///   - skipping: values that group nothing; by default INSEE's `ZZZZZZZZZ`, the EPCI code
    ///     of the communes that belong to none.
    ///   - workCRS: the metric CRS the topology is built in; Lambert-93 by default.
    /// - Returns: the report of the written layer, one feature per group, whose only property
    ///   is `field`, in the order of each group's first feature.
    public static func dissolve(input: String, output: String, field: String, skipping: Set<String> = ["ZZZZZZZZZ"], workCRS: CRS = .lambert93,
                                options: ConversionOptions = ConversionOptions()) throws -> ConversionReport {
        let outputFormat = try GeometryFileFormat(path: output)
        let reader = try LayerConversion.openReader(input, layer: options.layer)
        let sourceCRS = try LayerConversion.resolveSourceCRS(declared: reader.declaredCRS, option: options.sourceCRS, input: input)
        let toWork = try CoordinateTransformer(from: sourceCRS, to: workCRS)
        guard !toWork.targetIsGeographic else {
            throw InputError(file: input, message: "dissolving works in a metric CRS, and \(workCRS) is geographic")
        }
        var features: [Feature] = []
        while let batch = try FeatureBatch.read(from: reader, firstIndex: features.count, limit: LayerConversion.batchSize) {
            features += try batch.reprojected(by: toWork, file: input).features
        }
        let values = features.map { $0.properties[field] ?? .null }
        guard features.isEmpty || features.contains(where: { $0.properties[field] != nil }) else {
            throw InputError(file: input, message: "no feature has a property named '\(field)'")
        }
        let groups = try Topology(coverage: features.map(\.geometry)).dissolve(by: values.map { $0.groupKey.flatMap { skipping.contains($0) ? nil : $0 } })
        var remaining = groups[...]
        return try LayerConversion.write(from: workCRS, input: input, layerName: reader.layerName, to: output, format: outputFormat, options: options) {
            let batch = remaining.prefix(LayerConversion.batchSize)
            guard !batch.isEmpty else { return nil }
            let first = batch.startIndex
            remaining = remaining.dropFirst(batch.count)
            return FeatureBatch(firstIndex: first, features: batch.map { group in
                Feature(properties: Properties([(field, values[group.faces[0]])]), geometry: group.geometry)
            })
        }
    }
}

extension PropertyValue {
    /// The value as a grouping key: strings as they are, numbers and booleans as written in JSON;
    /// nil for null, which groups nothing.
    var groupKey: String? {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .real(let d): d.description
        case .bool(let b): b ? "true" : "false"
        case .json(let text): text
        case .null: nil
        }
    }
}
