import ArgumentParser
import Propice
import PropiceGeometry

/// `propice validate`: reads every source of a configuration and says what it found.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Reads every declared indicator source and reports what was matched, migrated, left out and withheld.",
        discussion: """
            Reads the configuration's COG tables and every source of its catalogue with the file \
            habits it declares, brings the codes to the configuration's COG and aggregates the \
            indicators to EPCI. Prints, per source: rows read, territories matched, codes \
            migrated and unmatched, masked cells, the communes studied without a row, and per \
            indicator how many EPCI have a complete figure. Exits 1 on the first bad input, \
            naming the file, line and column.
            """
    )

    @OptionGroup var project: ConfigurationOption

    @Option(help: ArgumentHelp("Also write the EPCI figures as CSV: one row per EPCI and indicator, with bounds and completeness.", valueName: "CSV"))
    var table: String?

    func run() throws {
        try runReportingErrors {
            try project.withConfiguration { configuration in
                let inputs = try IndicatorInputs(configuration: configuration)
                let aggregates = try inputs.aggregated()
                if let table { try aggregates.writeCSV(to: table) }
                print(ValidationReport(inputs: inputs, aggregates: aggregates).text, terminator: "")
            }
        }
    }
}
