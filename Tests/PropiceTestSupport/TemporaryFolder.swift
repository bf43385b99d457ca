#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new empty folder under /tmp, removed with everything in it when released.
public final class TemporaryFolder {
    public let path: String

    /// Makes the folder.
    public init() {
        var template = Array("/tmp/propice-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    /// The path of a file in the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes text to a file in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    /// Writes raw bytes to a file in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let path = file(name)
        let f = fopen(path, "wb")!
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        return path
    }

    /// The bytes of a file in the folder; none when it cannot be read.
    public func read(_ name: String) -> [UInt8] { Self.read(path: file(name)) }

    /// The bytes of a file anywhere; none when it cannot be read.
    public static func read(path: String) -> [UInt8] {
        guard let f = fopen(path, "rb") else { return [] }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The names of the files in the folder, sorted.
    public func names() -> [String] { Self.names(in: path) ?? [] }

    /// The entries of a folder, sorted; nil when `folder` is no folder.
    private static func names(in folder: String) -> [String]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    deinit {
        Self.remove(path)
    }

    private static func remove(_ path: String) {
        if let names = names(in: path) {
            names.forEach { remove(path + "/" + $0) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
