import ArgumentParser
import PropicePostGIS

/// `propice publish`: a built folder into a PostGIS schema, atomically.
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publishes a built output folder into a PostGIS schema, atomically, styled for QGIS.",
        discussion: """
            Checks the folder against its metadata.json, then writes into the schema (propice \
            by default) one table per layer of propice.gpkg (typed columns, geom as \
            MultiPolygon in the layers' CRS, a GiST index, the code as primary key), scores, \
            the allocations of the targets, territoires (each EPCI's record as jsonb) and \
            metadonnees (the build's identifier and metadata.json); every table and column \
            commented; the layers' QGIS styles in public.layer_styles. The tables are loaded \
            into a staging schema, then one transaction puts it in place of the previous one: \
            readers see the previous build or the new one, a publish killed at any moment \
            leaves the previous build whole (at worst a staging schema, which the next publish \
            drops), two publishes into one schema wait for each other, and publishing the build \
            already there changes nothing.

            --to takes a postgresql:// URI or key=value pairs; left out, or for what it does \
            not say, libpq's environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSERVICE…) and \
            ~/.pgpass apply, as for psql. No password is ever printed.

            Exit codes: 0 published (or already there); 1 bad input, a database that cannot be \
            reached or refuses, or a right missing, with nothing changed; 64 bad usage.
            """
    )

    @Option(help: ArgumentHelp("The folder propice build wrote.", valueName: "DIR"))
    var output = "output/demo"

    @Option(help: ArgumentHelp("The database: a postgresql:// URI or key=value pairs (by default, libpq's PG… variables).",
                               valueName: "CONNECTION"))
    var to = ""

    @Option(help: ArgumentHelp("The schema to publish into: lower-case letters, digits and underscores.", valueName: "NAME"))
    var schema = "propice"

    @Flag(help: "Say nothing on standard error but errors (by default, the tables written).")
    var quiet = false

    func run() throws {
        try runReportingErrors {
            let report = try PostGISPublisher.publish(folder: output, to: to, schema: schema) { if !quiet { printError($0) } }
            if !quiet { printError(Self.summary(report)) }
        }
    }

    /// What a publish did, in one line.
    static func summary(_ report: PostGISPublisher.Report) -> String {
        guard !report.alreadyPublished else { return "\(report.target): schema \(report.schema) already holds build \(report.build): nothing changed" }
        let rows = report.tables.reduce(0) { $0 + $1.rows }
        return "\(report.target): schema \(report.schema) now holds build \(report.build): \(report.tables.count) tables, \(rows) rows"
    }
}
