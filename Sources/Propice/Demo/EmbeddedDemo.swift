import Foundation
import PropiceGeometry

/// The demo built into the tool: the checkout's `geodata/demo.yaml`, its targets, catalogue,
/// models and fictional files, embedded at build time (the `EmbedResources` plugin), so that
/// `propice build` runs the demo from any folder.
public enum EmbeddedDemo {
    /// Each file's modification time once written: the COG's vintage, 1 January 2025, so that
    /// what reads it (the GeoPackage's last change) gives the same bytes on every run.
    static let modificationDate = Date(timeIntervalSince1970: 1_735_689_600)

    /// Writes the demo's files into a new temporary folder and loads its configuration, its
    /// output folder `output/demo` beside the caller. Remove `folder` once done.
    public static func load() throws -> (configuration: ProjectConfiguration, folder: String) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "propice-demo-\(UUID().uuidString)").path
        do {
            for name in EmbeddedFile.names(under: "geodata/") {
                let path = String(name.dropFirst("geodata/".count))
                guard let bytes = EmbeddedFile.bytes(name) else {
                    throw OutputError(file: path, message: "the embedded demo's file is damaged: rebuild propice")
                }
                let url = URL(fileURLWithPath: folder + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: url)
                try FileManager.default.setAttributes([.modificationDate: modificationDate], ofItemAtPath: url.path)
            }
        } catch let error as OutputError {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw OutputError(file: folder, message: "cannot write the embedded demo's files: \(error.localizedDescription)")
        }
        do {
            var configuration = try ProjectConfiguration.load(path: folder + "/demo.yaml")
            configuration.build.output = nil
            return (configuration, folder)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }
}
