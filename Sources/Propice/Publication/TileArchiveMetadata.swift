import Foundation
import PropiceGeometry

extension TileArchive {
    /// The archive's JSON metadata, as PMTiles and TileJSON readers expect: the name, the
    /// attribution (each source with its producer and vintage, and the notice when inputs are
    /// synthetic or fictional), and `vector_layers` with their fields and zoom levels.
    struct ArchiveMetadata: Encodable {
        struct VectorLayer: Encodable {
            var id: String
            var description: String
            var minzoom: Int
            var maxzoom: Int
            var fields: [String: String]
        }

        var name: String
        var description: String
        var attribution: String
        var version: String
        var type = "overlay"
        var format = "pbf"
        var generator: String
        var vectorLayers: [VectorLayer]

        enum CodingKeys: String, CodingKey {
            case name, description, attribution, version, type, format, generator
            case vectorLayers = "vector_layers"
        }
    }

    static func archiveMetadata(_ layers: [TileLayer], settings: TileSettings, metadata: BuildMetadata) throws -> [UInt8] {
        let value = ArchiveMetadata(
            name: metadata.mapTitle, description: metadata.notice ?? metadata.mapTitle, attribution: attribution(metadata),
            version: metadata.software.version, generator: "\(metadata.software.name) \(metadata.software.version)",
            vectorLayers: layers.map { layer in
                ArchiveMetadata.VectorLayer(id: layer.name, description: layer.description, minzoom: min(layer.minZoom, settings.zoom.upperBound),
                                            maxzoom: settings.zoom.upperBound, fields: Dictionary(layer.fields, uniquingKeysWith: { first, _ in first }))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Each source as "producer, title (vintage)", then the notice, if any.
    static func attribution(_ metadata: BuildMetadata) -> String {
        let sources = metadata.sources.map { "\($0.producer), \($0.title) (\($0.vintage))" + ($0.synthetic ? " [SYNTHÉTIQUE]" : "") }
        return (["propice"] + sources + (metadata.notice.map { ["⚠ " + $0] } ?? [])).joined(separator: " ; ")
    }

    /// What a map's corner has room for: the producers' bodies once each ("INSEE" for
    /// "INSEE, Filosofi"), the file that details the sources, then the notice, if any.
    static func shortAttribution(_ metadata: BuildMetadata) -> String {
        var producers: [String] = []
        for source in metadata.sources {
            // propice's own synthetic stand-ins: the attribution names propice first anyway.
            let body = source.producer.prefix { $0 != "," && $0 != "(" }.trimmingCharacters(in: .whitespaces)
            if !body.isEmpty, body != "propice", !producers.contains(body) { producers.append(body) }
        }
        let sources = "sources : " + producers.joined(separator: ", ") + " (titres, millésimes et licences dans metadata.json)"
        return (["propice", sources] + (metadata.notice.map { ["⚠ " + $0] } ?? [])).joined(separator: " ; ")
    }
}
