import Foundation

/// Writes a Swift file holding files' bytes in base64, for the `EmbedResources` plugin:
/// `EmbedFiles OUTPUT NAME=PATH...`.
@main
enum EmbedFiles {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let output = arguments.first else {
            FileHandle.standardError.write(Data("usage: EmbedFiles OUTPUT NAME=PATH...\n".utf8))
            exit(64)
        }
        var text = "// Generated at build time by the EmbedResources plugin: not committed, not to be edited.\n\n"
            + "/// The files embedded in the library, by name, their bytes in base64.\n"
            + "let embeddedFiles: [String: String] = [\n"
        for argument in arguments.dropFirst() {
            guard let equals = argument.firstIndex(of: "=") else {
                FileHandle.standardError.write(Data("EmbedFiles: '\(argument)' is not NAME=PATH\n".utf8))
                exit(64)
            }
            let name = String(argument[..<equals]), path = String(argument[argument.index(after: equals)...])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let literal = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            text += "    \"\(literal)\": \"\(bytes.base64EncodedString())\",\n"
        }
        text += "]\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }
}
