/// What `LayerCoverageCheck` found.
public struct CoverageReport: Sendable, Equatable {
    public var featureCount: Int
    /// The property that named the features, nil when they were named by their index.
    public var codeField: String?
    /// The issues, located in longitude and latitude (WGS 84); areas in square metres of the work CRS.
    public var issues: [CoverageIssue]
    /// Areas in no polygon too large to be gaps: real holes in the coverage, located likewise.
    public var holes: [CoverageIssue]

    public var isClean: Bool { issues.isEmpty }

    /// The issues counted by kind, in the order of `CoverageIssue.Kind`: `1 gap, 2 overlaps`.
    public var issueCounts: String {
        CoverageIssue.Kind.allCases.compactMap { kind -> String? in
            let n = issues.count { $0.kind == kind }
            return n == 0 ? nil : "\(n) \(kind.rawValue)\(n > 1 && kind != .collinearBorders ? "s" : "")"
        }.joined(separator: ", ")
    }
}

/// Checks that a polygon layer is a clean coverage: no gap, no overlap, neighbours sharing
/// their border vertices.
public enum LayerCoverageCheck {
    /// - Parameters:
    ///   - codeField: the property naming the features in the report; by default the commune
    ///     code (`insee_com`, `INSEE_COM`, `code_insee`, `codgeo`…), else the feature's index.
    ///   - maxGapArea: the largest area in no polygon (square metres) reported as a gap; larger
    ///     ones are real holes. By default 1 km², which leaves Llívia out.
    ///   - topology: the work CRS, and the snapping applied before checking.
    public static func check(input: String, codeField: String? = nil, maxGapArea: Double = 1_000_000, topology: TopologyOptions = TopologyOptions(),
                             options: ConversionOptions = ConversionOptions()) throws -> CoverageReport {
        let coverage = try CoveragePipeline.read(input, options: options, topology: topology)
        let field = codeField ?? CodeField.detect(in: coverage.features)
        if let codeField { try coverage.features.requireProperty(codeField, input: input) }
        let codes = coverage.features.indices.map { i in
            field.flatMap { coverage.features[i].properties[$0]?.groupKey.map(CommuneCode.matchingKey) } ?? "#\(i)"
        }
        return try check(topology: coverage.topology, codes: codes, codeField: field, workCRS: topology.workCRS, maxGapArea: maxGapArea)
    }

    /// The report on a topology already built in `workCRS`, whose faces `codes` name.
    public static func check(topology: Topology, codes: [String], codeField: String?, workCRS: CRS,
                             maxGapArea: Double = 1_000_000) throws -> CoverageReport {
        let (issues, holes) = try CoverageCheck.issues(in: topology, codes: codes, maxGapArea: maxGapArea)
        let toWGS84 = try CoordinateTransformer(from: workCRS, to: .wgs84)
        func located(_ found: [CoverageIssue]) throws -> [CoverageIssue] {
            var locations = found.map(\.location)
            try toWGS84.transform(&locations)
            return zip(found, locations).map { issue, location in
                var issue = issue
                issue.location = location
                return issue
            }
        }
        return CoverageReport(featureCount: codes.count, codeField: codeField, issues: try located(issues), holes: try located(holes))
    }
}
