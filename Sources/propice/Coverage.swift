import ArgumentParser
import Foundation
import PropiceGeometry

/// `propice coverage`: diagnostics of polygon coverages.
struct Coverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Diagnoses polygon coverages.",
        subcommands: [Check.self]
    )

    /// `propice coverage check`: gaps, overlaps and unmatched borders, with the codes involved.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Reports gaps, overlaps and unmatched borders of a polygon coverage; exits 1 unless it is clean.",
            discussion: """
                Reports, each with a point (longitude, latitude) and the codes of the polygons \
                involved: gaps (areas enclosed by the coverage but in no polygon), overlaps (areas \
                in two polygons or more), crossings (borders crossing between vertices), \
                t-junctions (a vertex within 1 mm of a neighbour's border that has no vertex there) \
                and collinear-borders (borders running along each other with different vertices). \
                An area in no polygon larger than --max-gap-area is a real hole (Llívia, the \
                Spanish enclave in the Pyrénées-Orientales) and is listed as such, not as a gap. \
                Exits 0 when the coverage is clean, 1 when it is not, 2 on bad input.
                """
        )

        @Argument(help: "The coverage (.geojson, .json or .gpkg).")
        var input: String

        @Option(help: ArgumentHelp("The property that names the polygons. Default: insee_com, code_insee, codgeo… else the feature's index.", valueName: "FIELD"))
        var code: String?

        @Option(help: ArgumentHelp("The largest area in no polygon reported as a gap, in square metres; larger ones are holes.", valueName: "M2"))
        var maxGapArea: Double = 1_000_000

        @Flag(help: "Print the report as JSON.")
        var json = false

        @OptionGroup var work: WorkArguments

        @OptionGroup var inputOptions: InputOptions

        func run() throws {
            let report = try runReportingErrors(exitCode: 2) {
                try LayerCoverageCheck.check(input: input, codeField: code, maxGapArea: maxGapArea,
                                             topology: work.topologyOptions,
                                             options: ConversionOptions(sourceCRS: inputOptions.sourceCRS?.crs, layer: inputOptions.layer))
            }
            print(json ? report.json(input: input) : report.text(input: input))
            if !report.isClean { throw ExitCode(1) }
        }
    }
}

extension CoverageReport {
    func text(input: String) -> String {
        func line(_ kind: String, _ issue: CoverageIssue) -> String {
            let area = issue.area.map { String(format: "  %.1f m²", $0) } ?? ""
            return String(format: "%@  %.6f, %.6f", kind, issue.location.x, issue.location.y) + area + "  " + issue.codes.joined(separator: " ")
        }
        var lines = holes.map { line("hole", $0) } + issues.map { line($0.kind.rawValue, $0) }
        if isClean {
            lines.append("\(input): a clean coverage of \(featureCount) polygons: no gap, no overlap, every border shared vertex for vertex")
        } else {
            lines.append("\(input): \(issues.count) issues in \(featureCount) polygons: \(issueCounts)")
        }
        return lines.joined(separator: "\n")
    }

    func json(input: String) -> String {
        struct Issue: Encodable {
            var kind: String, longitude: Double, latitude: Double, codes: [String], area_m2: Double?
        }
        struct Report: Encodable {
            var input: String, features: Int, code_field: String?, clean: Bool, issues: [Issue], holes: [Issue]
        }
        func encoded(_ issue: CoverageIssue, kind: String) -> Issue {
            Issue(kind: kind, longitude: (issue.location.x * 1e6).rounded() / 1e6, latitude: (issue.location.y * 1e6).rounded() / 1e6,
                  codes: issue.codes, area_m2: issue.area.map { ($0 * 100).rounded() / 100 })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let report = Report(input: input, features: featureCount, code_field: codeField, clean: isClean,
                            issues: issues.map { encoded($0, kind: $0.kind.rawValue) }, holes: holes.map { encoded($0, kind: "hole") })
        return String(decoding: try! encoder.encode(report), as: UTF8.self)
    }
}
