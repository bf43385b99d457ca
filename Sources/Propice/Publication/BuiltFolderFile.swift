import Foundation
import PropiceGeometry

/// A JSON file of a built folder (`metadata.json`, `legend.json`, `territoires/index.json`) read
/// back, with an error that names the file and the field at fault: `propice print`, `propice
/// query --html` and `propice publish` read them.
public enum BuiltFolderFile {
    /// The file `name` of `folder`, decoded.
    public static func decode<T: Decodable>(_ type: T.Type, _ folder: String, _ name: String) throws -> T {
        let path = folder + "/" + name
        guard let bytes = try? FileContents.read(path) else {
            throw InputError(file: path, message: "no built output here: run propice build first, or give its folder", remedy: .giveBuiltFolder)
        }
        return try decode(type, bytes: bytes, path: path, name: name)
    }

    /// The bytes of the file `name`, read from `path`, decoded.
    public static func decode<T: Decodable>(_ type: T.Type, bytes: [UInt8], path: String, name: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw InputError(file: path, message: "not the \(name) of a propice build: \(reason(error))")
        }
    }

    private static func reason(_ error: Error) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.enumerated().map { i, key in key.intValue.map { "[\($0)]" } ?? (i == 0 ? "" : ".") + key.stringValue }.joined()
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "\(at(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?: return "\(at(context.codingPath)) is not of the expected type"
        case .dataCorrupted(let context)? where !context.codingPath.isEmpty: return "\(at(context.codingPath)) is not valid"
        default: return "not JSON"
        }
    }
}
