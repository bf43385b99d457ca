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
        return try decode(type, text: text, path: path)
    }

    /// Decodes `text`, a document that errors name `path`.
    static func decode<T: Decodable>(_ type: T.Type, text: String, path: String) throws -> T {
        guard text.contains(where: { !$0.isWhitespace }) else { throw InputError(file: path, message: "the file is empty") }
        let root: Node
        do {
            guard let node = try Parser(yaml: text).singleRoot() else { throw InputError(file: path, message: "the file is empty") }
            root = node
        } catch let error as YamlError {
            throw syntaxError(error, path: path)
        }
        let decoder = YAMLNodeDecoder()
        do {
            return try decoder.decode(type, from: root)
        } catch let error as YAMLNodeDecoder.UnknownKey {
            throw unknownKey(error, path: path)
        } catch let error as DecodingError {
            if case .keyNotFound(let key, let context) = error, let misspelt = decoder.misspelling(of: key, in: context.codingPath) {
                throw unknownKey(misspelt, path: path)
            }
            throw InputError(file: path, location: location(decoder.mark(for: codingPath(of: error))), message: describe(error))
        }
    }

    private static func unknownKey(_ error: YAMLNodeDecoder.UnknownKey, path: String) -> InputError {
        let at = error.codingPath.isEmpty ? "" : "\(YAMLNodeDecoder.path(error.codingPath)): "
        return InputError(file: path, location: location(error.mark), message: at + error.message)
    }

    private static func location(_ mark: Mark?) -> InputError.Location? { mark.map { .line($0.line, column: $0.column) } }

    private static func codingPath(of error: DecodingError) -> [CodingKey] {
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath
        @unknown default: []
        }
    }

    /// A YAML syntax error on one line, at the line and column where libyaml stopped.
    private static func syntaxError(_ error: YamlError, path: String) -> InputError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return InputError(file: path, location: .line(mark.line, column: mark.column), message: "not valid YAML: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return InputError(file: path, location: .line(context.mark.line, column: context.mark.column),
                              message: "the key \(keys) is given twice in the same mapping: which to read is ambiguous")
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
        func at(_ keys: [CodingKey]) -> String { keys.isEmpty ? "" : "\(YAMLNodeDecoder.path(keys)): " }
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
