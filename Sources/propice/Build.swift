import ArgumentParser
import Foundation
import Propice
import PropiceGeometry
import PropicePostGIS

/// `propice build`: the whole pipeline, from a configuration's files to its map layers.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Scores every EPCI and writes the web-ready layers, the metadata and the interactive map.",
        discussion: """
            Reads the configuration's sources, models and commune polygons (the embedded \
            fictional demo, made from the checkout's geodata/demo.yaml, by default), scores every EPCI with every model, \
            simplifies the borders once per zoom band and writes into the output folder: an EPCI \
            layer per model and band (epci_<model>_<band>.geojson, RFC 7946), the communes and \
            départements of each band sharing the same borders, propice.topojson and propice.gpkg \
            with every layer, scores.csv, metadata.json (sources, vintages, rows, SHA-256, models, \
            version), legend.json, territoires/ (one record per EPCI, read by propice query) and \
            index.html with Leaflet beside it. Every file is staged and moved into place once all \
            are written: a failed build leaves the previous outputs whole. The same inputs give \
            the same bytes. When the configuration's build: section has publish: {to, schema}, \
            the folder is then published into that PostGIS schema as propice publish does.

            Exit codes: 0 success; 1 bad input or a failed output (one line on standard error \
            naming the file and where); 64 bad usage.
            """
    )

    @OptionGroup var project: ConfigurationOption

    @Option(help: ArgumentHelp("The output folder (the configuration's build.output by default).", valueName: "DIR"))
    var output: String?

    @Flag(help: "Say nothing on standard error but errors (by default, steps of a second or more and the files written).")
    var quiet = false

    func run() throws {
        try runReportingErrors {
            try project.withConfiguration { configuration in
                let quiet = quiet
                let progress = BuildProgress { if !quiet { printError($0) } }
                let result = try ProjectBuild.run(configuration: configuration, output: output, progress: progress)
                if let publish = configuration.build.publish {
                    let report = try PostGISPublisher.publish(folder: result.folder, to: publish.to, schema: publish.schema) { if !quiet { printError($0) } }
                    if !quiet { printError(Publish.summary(report)) }
                }
                guard !quiet else { return }
                let top = result.files.filter { !$0.key.hasPrefix("territoires/") && !$0.key.hasPrefix("leaflet/") }.sorted { $0.key < $1.key }
                for (file, checksum) in top { printError(String(format: "%10d  %@", checksum.bytes, file)) }
                let records = result.files.filter { $0.key.hasPrefix("territoires/") }
                printError(String(format: "%10d  territoires/ (%d files)", records.values.reduce(0) { $0 + $1.bytes }, records.count))
                printError("\(result.folder): \(result.epci) EPCI, models \(result.models.joined(separator: ", "))")
            }
        }
    }
}
