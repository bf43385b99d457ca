import Foundation

/// A private folder for the files one harness writes its inputs to, removed with the harness.
final class FuzzScratch {
    let folder: String

    init() throws {
        // One slash between the folders, as the loaders write the paths they name in messages.
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("propice-fuzz-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        folder = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes `bytes` to `name` inside the folder (creating its parent folders) and returns its path.
    func write(_ bytes: ArraySlice<UInt8>, to name: String) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `text` with the folder's path taken out, so that messages compare across runs.
    func anonymised(_ text: String) -> String {
        text.replacingOccurrences(of: folder + "/", with: "")
    }
}
