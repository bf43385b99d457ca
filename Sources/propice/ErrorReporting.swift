import ArgumentParser
import PropiceGeometry
import PropicePostGIS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a line to standard error.
func printError(_ message: String) {
    let line = Array((message + "\n").utf8)
    line.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

/// Runs `body`; an error from the input, the output or a CRS is printed as one line on
/// standard error and ends the command with `exitCode` (1 unless the command gives 1 a meaning).
func runReportingErrors<T>(exitCode: Int32 = 1, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        printError("error: \(error)" + (error.remedy.map { " with " + option($0) } ?? ""))
    } catch let error as OutputError {
        printError("error: \(error)")
    } catch let error as CRSError {
        printError("error: \(error)")
    } catch let error as TopologyError {
        printError("error: \(error)")
    } catch let error as PostgreSQLError {
        printError("error: \(error)")
    }
    throw ExitCode(exitCode)
}

/// The option of the command line that carries out a remedy.
private func option(_ remedy: InputError.Remedy) -> String {
    switch remedy {
    case .nameLayer: "--layer"
    case .nameMatchProperty: "--match"
    case .giveBuiltFolder: "--output"
    }
}
