import Propice
import PropiceGeometry

/// Reads a YAML document as one of the four kinds propice reads (variant modulo 4): a
/// project configuration, a source declaration, a scoring model (against the demo's
/// catalogue) or a targets file.
struct ConfigurationFuzzReader: FuzzReader {
    private let catalogue: SourceCatalogue

    init(repository: String) throws {
        catalogue = try SourceCatalogue(folder: repository + "/geodata/sources")
    }

    func read(variant: UInt8, content: ArraySlice<UInt8>, scratch: FuzzScratch) throws -> String {
        switch variant % 4 {
        case 0:
            let configuration = try ProjectConfiguration.load(path: try scratch.write(content, to: "configuration.yaml"))
            return "configuration \(configuration.name), \(configuration.build.bands.count) bands"
        case 1:
            let read = try SourceCatalogue(folder: folder(content, "catalogue", scratch))
            return "source \(read.sources[0].id), \(read.sources[0].indicators.count) indicators"
        case 2:
            let read = try ModelLibrary(folder: folder(content, "models", scratch), catalogue: catalogue)
            return "model \(read.models[0].id), \(read.models[0].indicators.count) indicators"
        default:
            let read = try TargetsFile.load(path: try scratch.write(content, to: "targets.yaml"))
            return "targets: \(read.programmes.count) programmes"
        }
    }

    /// A folder holding the document alone.
    private func folder(_ content: ArraySlice<UInt8>, _ name: String, _ scratch: FuzzScratch) throws -> String {
        _ = try scratch.write(content, to: name + "/document.yaml")
        return scratch.folder + "/" + name
    }
}
