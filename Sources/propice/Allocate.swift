import ArgumentParser
import Propice
import PropiceGeometry

/// `propice allocate`: the regional targets split among EPCI and départements.
struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Splits the regional targets among the EPCI and départements, for every milestone.",
        discussion: """
            Reads the configuration's targets file (targets:; geodata/demo.yaml, the fictional \
            demo, by default; geodata/occitanie.yaml names geodata/objectifs-occitanie-2023-2027.yaml), \
            its sources and models, and splits each programme's target by its key: in proportion \
            to a need figure (need), to need × score (need_score), or by score-class quotas \
            (class_quotas); within the floors (per département, per EPCI of the top classes) and \
            caps (a share of a figure; nothing where the model says so); in whole numbers by the \
            largest remainder, so that EPCI, départements and the région add up exactly every \
            year, and cumulative figures never decrease. Prints each programme's parts per \
            département and writes, into the output folder, allocation_<programme>_epci.csv and \
            allocation_<programme>_departements.csv with the key's figures.

            Exit codes: 0 success; 1 bad input, or targets that cannot be split within their \
            floors and caps (the message says which); 64 bad usage.
            """
    )

    @OptionGroup var project: ConfigurationOption

    @Option(name: .customLong("programme"), help: ArgumentHelp("A programme to split, by id (repeatable; all by default).", valueName: "ID"))
    var programmes: [String] = []

    @Option(help: ArgumentHelp("The folder of the CSV tables (the configuration's build.output by default).", valueName: "DIR"))
    var output: String?

    func run() throws {
        try runReportingErrors {
            try project.withConfiguration { configuration in
                guard let path = configuration.targets else {
                    throw InputError(file: configuration.path, message: "targets: the configuration names no targets file")
                }
                let targets = try TargetsFile.load(path: path)
                let inputs = try IndicatorInputs(configuration: configuration)
                let aggregates = try inputs.aggregated()
                let library = try ModelLibrary(folder: configuration.models, catalogue: inputs.catalogue)
                let scores = try library.models.map { ModelScores(figures: try library.figures(of: $0, indicators: aggregates, catalogue: inputs.catalogue)) }
                let allocations = try TargetAllocation.programmes(targets, only: programmes, inputs: inputs, indicators: aggregates, scores: scores)
                let folder = output ?? configuration.build.output ?? "output/\(configuration.stem)"
                for allocation in allocations {
                    let names = AllocationTable.fileNames(allocation)
                    try AtomicOutput.write(Array(AllocationTable.epci(allocation).utf8), to: "\(folder)/\(names.epci)")
                    try AtomicOutput.write(Array(AllocationTable.departements(allocation).utf8),
                                           to: "\(folder)/\(names.departements)")
                }
                print(allocations.map(AllocationTable.summary).joined(separator: "\n\n"))
            }
        }
    }
}
