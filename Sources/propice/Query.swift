import ArgumentParser
import Foundation
import Propice
import PropiceGeometry

/// `propice query`: a planner's question about one territory, answered from a built folder.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Prints one EPCI's explanation for every model, read from a built output folder.",
        discussion: """
            Finds the EPCI by SIREN or by name, without accents, case, punctuation or the legal \
            form (CC, CA, CU, Communauté de communes, Métropole): "toulouse metropole" finds \
            Toulouse Métropole. Reads territoires/ in the folder propice build wrote, without \
            recomputing: score, class, rank, sensitivity, and every indicator's figure, points \
            and completeness. With --json, prints the record as the build wrote it \
            (geodata/schemas/territoire.schema.json); with --html, the EPCI's sheet, one A4 page \
            in French, as the build writes territoires/<SIREN>.html.

            Exit codes: 0 found; 1 bad input (no built folder); 2 no EPCI matches; 3 several \
            EPCI match (they are listed on standard error); 64 bad usage.
            """
    )

    @Argument(help: ArgumentHelp("The EPCI's SIREN or name.", valueName: "SIREN|NAME"))
    var territory: String

    @Option(help: ArgumentHelp("The folder propice build wrote.", valueName: "DIR"))
    var output = "output/demo"

    @Flag(help: "Print the record as JSON.")
    var json = false

    @Flag(help: "Print the EPCI's sheet, an HTML page (one A4 page when printed).")
    var html = false

    func validate() throws {
        if json && html { throw ValidationError("give --json or --html, not both") }
    }

    func run() throws {
        let found: (record: TerritoryRecord, json: Data)
        do {
            found = try runReportingErrors { try TerritoryQuery(folder: output).record(territory) }
        } catch let failure as TerritoryQuery.Failure {
            printError("error: \(failure)")
            if case .ambiguous = failure { throw ExitCode(3) }
            throw ExitCode(2)
        }
        if html {
            let page = try runReportingErrors { try TerritoryQuery(folder: output).sheet(found.record) }
            FileHandle.standardOutput.write(Data(page.utf8))
        } else if json {
            FileHandle.standardOutput.write(found.json)
        } else {
            print(TerritoryQuery.text(found.record))
        }
    }
}
