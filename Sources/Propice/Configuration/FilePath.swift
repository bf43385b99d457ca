import Foundation

/// Paths of a configuration's files.
enum FilePath {
    /// The path itself when absolute, else the path taken from `folder`, without `.` or `..`.
    static func resolve(_ path: String, against folder: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }
}
