import ArgumentParser
import Propice
import PropiceGeometry

@main
struct PropiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propice",
        abstract: "Scores French EPCI for the Logement d'abord programmes and writes web-ready map layers.",
        discussion: """
            Exit codes: 0 success; 1 bad input or a failed output (the message names the file \
            and where), or for `coverage check` a coverage that is not clean (bad input is then 2); \
            64 bad usage.
            """,
        version: PropiceVersion.current,
        subcommands: [Build.self, Print.self, Query.self, Allocate.self, Convert.self, Dissolve.self, Coverage.self, Synth.self, Validate.self, Score.self, Serve.self, Publish.self]
    )

    static func main() async {
        MallocTuning.reuseFreedMemory()
        // The arena limit holds only if set before a second thread allocates: before parsing.
        if CommandLine.arguments.dropFirst().first == Build._commandName { MallocTuning.shareOneArena() }
        do {
            try EnvironmentSettings.check()
        } catch {
            printError("error: \(error)")
            Self.exit(withError: ExitCode.failure)
        }
        await main(nil)
    }
}
