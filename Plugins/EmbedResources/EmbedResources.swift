import Foundation
import PackagePlugin

/// Embeds files into the `Propice` library at build time, so that the built tool needs
/// nothing beside it: the demo (the checkout's `geodata/demo.yaml`, its targets, source
/// catalogue, models and fictional files under `geodata/demo`), named `geodata/…`, and the
/// map page's HTML and scripts (`Sources/Propice/Resources/MapPage`), named `MapPage/…`. The
/// files stay where they are, the only copy.
@main
struct EmbedResources: BuildToolPlugin {
    /// The demo's parts, relative to `geodata`: files, or folders taken whole.
    static let demo = ["demo.yaml", "objectifs-demo.yaml", "sources", "models", "demo"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let geodata = context.package.directoryURL.appending(path: "geodata")
        let resources = context.package.directoryURL.appending(path: "Sources/Propice/Resources")
        let files = try Self.demo.flatMap { try Self.files(in: geodata, under: $0).map { ("geodata/" + $0, geodata.appending(path: $0)) } }
            + (try Self.files(in: resources, under: "MapPage")).map { ($0, resources.appending(path: $0)) }
        let sorted = files.sorted { $0.0 < $1.0 }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(displayName: "Embedding the demo and the map page",
                              executable: try context.tool(named: "EmbedFiles").url,
                              arguments: [output.path] + sorted.map { "\($0.0)=\($0.1.path)" },
                              inputFiles: sorted.map(\.1), outputFiles: [output])]
    }

    /// The regular files of a part, relative to `root`, notes (`.md`) left out.
    static func files(in root: URL, under part: String) throws -> [String] {
        let url = root.appending(path: part)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [part] }
        return try FileManager.default.subpathsOfDirectory(atPath: url.path).filter { name in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appending(path: name).path, isDirectory: &folder) && !folder.boolValue
                && !name.hasSuffix(".md")
        }.map { part + "/" + $0 }
    }
}
