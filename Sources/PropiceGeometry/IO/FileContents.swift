/// Whole small files (tables, YAML and JSON documents, Leaflet's files) read and written with
/// the C library, with errors that say why: no such file, a folder, not a regular file, too large,
/// or the system's reason.
public enum FileContents {
    /// The largest file read whole: 1 GiB, the largest table propice reads.
    public static let maximumSize = 1 << 30

    /// The bytes of the file at `path`, a regular file of at most `maximumSize` bytes.
    public static func read(_ path: String) throws -> [UInt8] {
        let source = try ByteSource(path: path, chunkSize: 1 << 16)
        func tooLarge(_ size: Int) -> InputError {
            InputError(file: path, message: "is \(size) bytes or more, more than the \(maximumSize) propice reads whole")
        }
        guard source.size <= maximumSize else { throw tooLarge(source.size) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.size)
        while try source.next() {
            guard bytes.count + source.count <= maximumSize else { throw tooLarge(bytes.count + source.count) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: source.buffer, count: source.count))
        }
        return bytes
    }

    /// Writes `bytes` as the file at `path`, created or emptied, in place: for a file nobody
    /// reads before it is finished (in a staging folder); `AtomicOutput.write` otherwise.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let sink = try FileByteSink(path: path)
        try sink.writeAll(bytes)
        try sink.close()
    }
}
