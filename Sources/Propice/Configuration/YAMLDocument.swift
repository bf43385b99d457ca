import Foundation
import PropiceGeometry
import Yams

/// Decodes YAML files into declarations, with errors that name the file, the line and the
/// field at fault.
enum YAMLDocument {
    static func decode<T: Decodable>(_ type: T.Type, path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: path, message: "the file is not UTF-8") }
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as YamlError {
            throw InputError(file: path, message: "not valid YAML: \(error)")
        } catch let error as DecodingError {
            throw InputError(file: path, message: describe(error))
        }
    }

    /// The `.yaml` and `.yml` files of a folder, sorted by name; `kind` names the folder in
    /// errors ("source catalogue", "models").
    static func files(in folder: String, kind: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw InputError(file: folder, message: "cannot list the \(kind) folder")
        }
        let paths = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
        guard !paths.isEmpty else { throw InputError(file: folder, message: "the \(kind) folder has no .yaml file") }
        return paths
    }

    /// A decoding error as a sentence naming the field by its path (`indicators[2].unit`).
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        func at(_ keys: [CodingKey]) -> String { keys.isEmpty ? "" : "\(path(keys)): " }
        switch error {
        case .keyNotFound(let key, let context): return "\(at(context.codingPath))the field '\(key.stringValue)' is missing"
        case .typeMismatch(let type, let context): return "\(at(context.codingPath))expected \(typeName(type))"
        case .valueNotFound(let type, let context): return "\(at(context.codingPath))expected \(typeName(type)), found nothing"
        case .dataCorrupted(let context): return "\(at(context.codingPath))\(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a \(type)"
        }
    }
}
