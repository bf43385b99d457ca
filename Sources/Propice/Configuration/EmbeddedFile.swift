import Foundation

/// A file embedded in the library at build time (see the `EmbedResources` plugin).
enum EmbeddedFile {
    /// The names of the embedded files under a prefix (`geodata/`), sorted.
    static func names(under prefix: String) -> [String] {
        embeddedFiles.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The bytes of an embedded file; nil for a name not embedded.
    static func bytes(_ name: String) -> Data? {
        embeddedFiles[name].flatMap { Data(base64Encoded: $0) }
    }

    /// A text file of the page's (`MapPage/…`), without the line break that ends the file.
    static func text(_ name: String) -> String {
        let text = bytes(name).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
