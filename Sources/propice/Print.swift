import ArgumentParser
import Propice
import PropiceGeometry

/// `propice print`: a built folder's print maps drawn again, without recomputing.
struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Draws the print maps of a built output folder again (cartes/), from its GeoPackage.",
        discussion: """
            Reads metadata.json, legend.json and the coarsest band of propice.gpkg in the folder \
            propice build wrote (with the gpkg format), and draws each model's A4 map into \
            cartes/<model>.pdf, .svg and .png, as the build does, without reading the sources or \
            scoring again: at another resolution, or in a format the build left out. Drawn alike, \
            the files are the build's own, byte for byte. metadata.json then lists the files \
            drawn with their new checksums; the other files are left as they are.

            Exit codes: 0 success; 1 bad input (no built folder, no GeoPackage) or a failed \
            output; 64 bad usage.
            """
    )

    @Option(help: ArgumentHelp("The folder propice build wrote.", valueName: "DIR"))
    var output = "output/demo"

    @Option(help: ArgumentHelp("The formats to draw, separated by commas: pdf, svg, png (by default, those the build wrote).",
                               valueName: "LIST"),
            transform: Print.formats)
    var formats: [BuildSettings.Format]?

    @Option(help: ArgumentHelp("The PNG's resolution, in dots per inch (\(BuildSettings.dpiRange.lowerBound) to \(BuildSettings.dpiRange.upperBound)).",
                               valueName: "N"))
    var dpi = 300

    @Flag(help: "Say nothing on standard error but errors (by default, the files drawn).")
    var quiet = false

    func validate() throws {
        if formats?.isEmpty == true { throw ValidationError("--formats takes at least one of pdf, svg and png") }
        guard BuildSettings.dpiRange.contains(dpi) else {
            throw ValidationError("--dpi is from \(BuildSettings.dpiRange.lowerBound) to \(BuildSettings.dpiRange.upperBound), not \(dpi)")
        }
    }

    func run() throws {
        try runReportingErrors {
            let drawn = try FolderPrint.run(folder: output, formats: formats, dpi: dpi)
            guard !quiet else { return }
            for (file, checksum) in drawn.sorted(by: { $0.key < $1.key }) { printError(String(format: "%10d  %@", checksum.bytes, file)) }
        }
    }

    private static func formats(_ text: String) throws -> [BuildSettings.Format] {
        try text.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let format = BuildSettings.Format(rawValue: trimmed), format.isPrinted else {
                throw ValidationError("--formats takes pdf, svg and png, not '\(trimmed)'")
            }
            return format
        }
    }
}
