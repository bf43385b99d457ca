#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Propice
import PropiceGeometry
import PropiceTestSupport

/// Hand-made EPCI figures, a catalogue that declares them (one EPCI-level source), and models
/// written in YAML and read through `ModelLibrary`, as from `geodata/models/`.
struct ScoringFixture {
    /// The EPCI's SIRENs (200000001, 200000002, … by default) and natures (CC by default).
    var codes: [String]
    var natures: [EPCINature]
    /// Each indicator's figure per EPCI; nil is missing.
    var figures: [String: [Double?]]
    /// Bounds of withheld figures, and completeness other than 1, per indicator and EPCI.
    var bounds: [String: [ClosedRange<Double>?]] = [:]
    var completeness: [String: [Double]] = [:]
    var synthetic = false

    init(_ figures: [String: [Double?]], codes: [String]? = nil) {
        let count = figures.values.first?.count ?? 0
        self.figures = figures
        self.codes = codes ?? (1...max(count, 1)).prefix(count).map { String(200_000_000 + $0) }
        natures = Array(repeating: .cc, count: count)
    }

    /// The EPCI figures as the aggregation step gives them.
    var aggregates: EPCIIndicators {
        let epci = codes.indices.map { i in
            Territories.EPCI(code: EPCICode(codes[i])!, name: "EPCI \(codes[i])", nature: natures[i], departements: [DepartementCode("01")!], regions: ["84"], communes: [])
        }
        var values: [String: [IndicatorAggregate]] = [:]
        for (id, column) in figures {
            values[id] = column.indices.map { i in
                guard let value = column[i] else { return .unknown }
                let range = bounds[id]?[i] ?? value...value
                return IndicatorAggregate(value: value, lower: range.lowerBound, upper: range.upperBound,
                                          completeness: completeness[id]?[i] ?? 1, estimated: false)
            }
        }
        return EPCIIndicators(epci: epci, values: values)
    }

    /// Writes the catalogue and the model, reads them back and scores the EPCI.
    func scores(_ model: String) throws -> ModelScores {
        let folder = TemporaryFolder()
        let library = try library(model, in: folder)
        return ModelScores(figures: ModelFigures(model: library.models[0], indicators: aggregates, catalogue: try catalogue(in: folder)))
    }

    /// Reads the model against the fixture's catalogue.
    func library(_ model: String, in folder: TemporaryFolder = TemporaryFolder()) throws -> ModelLibrary {
        let catalogue = try catalogue(in: folder)
        mkdir(folder.file("models"), 0o755)
        folder.write("models/essai.yaml", model)
        return try ModelLibrary(folder: folder.file("models"), catalogue: catalogue)
    }

    private func catalogue(in folder: TemporaryFolder) throws -> SourceCatalogue {
        mkdir(folder.file("sources"), 0o755)
        let entries = figures.keys.sorted().map { "  - {id: \($0), column: \($0), label: Libellé \($0), unit: u}" }
        folder.write("sources/essai.yaml", """
            id: essai
            title: Essai
            producer: essai
            vintage: "2024"
            synthetic: \(synthetic)
            path: essai.csv
            level: epci
            key: siren
            indicators:
            \(entries.joined(separator: "\n"))
            """)
        return try SourceCatalogue(folder: folder.file("sources"))
    }
}
