import ArgumentParser
import Foundation
import Propice
import PropiceGeometry

/// `propice score`: runs the scoring models on a configuration and prints rankings or one
/// EPCI's explanation.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Scores every EPCI with the configuration's models and prints the ranking or one EPCI's explanation.",
        discussion: """
            Reads the configuration's sources and models (the YAML files of its models folder, \
            geodata/models by default), scores every EPCI, classes it, and runs each model's \
            Monte Carlo sensitivity analysis (weights drawn around the model's, withheld figures \
            drawn within their bounds). Prints each model's top EPCI with their median rank, \
            5–95 % rank interval and probability of being in class 1, or with --epci the full \
            explanation of one EPCI. Exits 1 on bad input, naming the file and the field.
            """
    )

    @OptionGroup var project: ConfigurationOption

    @Option(name: .customLong("model"), help: ArgumentHelp("A model to run, by id (repeatable; all by default).", valueName: "ID"))
    var models: [String] = []

    @Option(help: "How many EPCI each ranking shows.")
    var top = 10

    @Option(help: ArgumentHelp("Explain this EPCI (its 9-digit SIREN) instead of printing rankings.", valueName: "SIREN"))
    var epci: EPCICode?

    @Option(help: "Monte Carlo draws per model (the model's own number by default; 0 skips the analysis).")
    var draws: Int?

    @Option(help: "The Monte Carlo seed (the model's own by default).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Also write every model's scores as CSV: one row per model and EPCI.", valueName: "CSV"))
    var csv: String?

    @Flag(help: "Print the time each step took on standard error.")
    var timings = false

    func validate() throws {
        if let draws, draws < 0 { throw ValidationError("--draws cannot be negative") }
    }

    func run() throws {
        try runReportingErrors {
            var clock = ContinuousClock.now
            func step(_ name: String) {
                guard timings else { return }
                let now = ContinuousClock.now, elapsed = now - clock
                printError(String(format: "%@: %.3f s", name, Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)))
                clock = now
            }
            try project.withConfiguration { configuration in
                let inputs = try IndicatorInputs(configuration: configuration)
                let aggregates = try inputs.aggregated()
                let library = try ModelLibrary(folder: configuration.models, catalogue: inputs.catalogue)
                let chosen = try models.isEmpty ? library.models : models.map { id in
                    guard let model = library[id] else {
                        throw InputError(file: configuration.models, message: "no model '\(id)'; the models are \(library.models.map(\.id).joined(separator: ", "))")
                    }
                    return model
                }
                step("reading and aggregating")
                let scores = try chosen.map { ModelScores(figures: try library.figures(of: $0, indicators: aggregates, catalogue: inputs.catalogue)) }
                step("scoring")
                let analysed = scores.map { AnalysedScores($0, draws: draws, seed: seed) }
                step("sensitivity")
                if let csv { try ScoresTable.write(analysed, to: csv) }
                if let code = epci {
                    guard let row = scores.first?.row(of: code), let territory = scores.first?.results[row] else {
                        throw InputError(file: configuration.membership, message: "no EPCI \(code) among the \(aggregates.epci.count) EPCI studied")
                    }
                    print(analysed.map { ScoreReport.explanation($0.published(row), name: territory.name, code: territory.code.value) }.joined(separator: "\n\n"))
                } else {
                    print(analysed.map { ScoreReport.ranking($0, top: top) }.joined(separator: "\n\n"))
                }
            }
        }
    }
}
