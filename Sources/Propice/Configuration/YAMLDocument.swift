import Foundation
import PropiceGeometry
import Yams

/// Decodes YAML files into declarations, with errors that name the file, the line and the
/// field at fault.
enum YAMLDocument {
    static func decode<T: Decodable>(_ type: T.Type, path: String) throws -> T {
        guard let text = String(validating: try FileContents.read(path), as: UTF8.self) else {
            throw InputError(file: path, message: "the file is not UTF-8")
        }
        guard text.contains(where: { !$0.isWhitespace }) else { throw InputError(file: path, message: "the file is empty") }
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as YamlError {
            throw syntaxError(error, path: path)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, let yaml = context.underlyingError as? YamlError {
                throw syntaxError(yaml, path: path)
            }
            throw InputError(file: path, message: describe(error))
        }
    }

    /// A YAML syntax error on one line, at the line and column where libyaml stopped.
    private static func syntaxError(_ error: YamlError, path: String) -> InputError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return InputError(file: path, location: .line(mark.line, column: mark.column), message: "not valid YAML: \(problem)\(during)")
        default:
            let text = "\(error)".split(separator: "\n").joined(separator: " ")
            return InputError(file: path, message: "not valid YAML: \(text)")
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
