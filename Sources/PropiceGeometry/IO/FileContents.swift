/// Whole small files (tables, YAML and JSON documents, Leaflet's files) read with the C
/// library, with errors that say why: no such file, a folder, or the system's reason.
public enum FileContents {
    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        let source = try ByteSource(path: path, chunkSize: 1 << 16)
        var bytes: [UInt8] = []
        if let size = ByteSource.size(of: path) { bytes.reserveCapacity(size) }
        while try source.next() {
            bytes.append(contentsOf: UnsafeBufferPointer(start: source.buffer, count: source.count))
        }
        return bytes
    }
}
