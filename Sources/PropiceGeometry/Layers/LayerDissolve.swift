/// Dissolves a polygon coverage into groups (communes into EPCI, say) through its topology,
/// optionally simplified, and writes the groups as a layer.
public enum LayerDissolve {
    /// - Parameters:
    ///   - grouping: a property of the features, or a membership table.
    ///   - attributes: properties copied or summed onto the groups.
    ///   - skipping: group values that group nothing; by default INSEE's `ZZZZZZZZZ`, the EPCI
    ///     code of the communes that belong to none. Features without a group are left out.
    ///   - topology: the work CRS, snapping and simplification.
    /// - Returns: the report of the written layer, one feature per group in the order of each
    ///   group's first feature, with the group's key, then the copied and summed properties.
    public static func dissolve(input: String, output: String, grouping: Grouping, attributes: GroupAttributes = GroupAttributes(),
                                skipping: Set<String> = ["ZZZZZZZZZ"], topology: TopologyOptions = TopologyOptions(),
                                options: ConversionOptions = ConversionOptions()) throws -> ConversionReport {
        _ = try GeometryFileFormat(path: output)
        var coverage = try CoveragePipeline.read(input, options: options, topology: topology, output: output)
        // The groups are found on a thread of their own while the arcs are generalised; an
        // error of theirs still comes first, as when they were found first.
        let members = coverage.features
        let grouped = BackgroundComputation { () throws -> [String?] in
            try grouping.groups(of: members, input: input).map { $0.flatMap { skipping.contains($0) ? nil : $0 } }
        }
        let planned = Result { try OutputPlan(output: output, sourceCRS: coverage.sourceCRS, options: options) }
        let generalised = Result { try CoveragePipeline.generalised(&coverage, topology: topology, output: planned.get()) }
        let groups = try grouped.value()
        let plan = try planned.get()
        let (arcs, generalisation) = try generalised.get()
        let features = try arcs.dissolve(by: groups).map { group in
            let first = coverage.features[group.faces[0]]
            let key: PropertyValue = if case .field(let field) = grouping, let value = first.properties[field] { value } else { .string(group.key) }
            return Feature(properties: try attributes.properties(key: (grouping.outputField, key), members: group.faces,
                                                          of: coverage.features, input: input),
                    geometry: group.geometry)
        }
        let report = try CoveragePipeline.write(features, coverage: coverage, input: input, to: output, plan: plan,
                                                options: options, generalisation: generalisation)
        releaseInBackground((consume features, consume coverage, consume arcs, consume groups))
        return report
    }
}
