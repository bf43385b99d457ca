/// A file written in blocks under a temporary name beside its destination and renamed onto it
/// by `finish()`: the caller encodes into a buffer of its own and hands it over with `drain`,
/// which writes it once it passes a block, so memory stays bounded whatever the file's size.
public final class StreamedOutput {
    private let output: AtomicOutput
    private let sink: FileByteSink

    public init(path: String) throws {
        output = try AtomicOutput(destination: path)
        sink = try FileByteSink(path: output.temporaryPath)
    }

    /// Writes and empties the buffer (keeping its capacity) once it holds a block or more.
    public func drain(_ bytes: inout [UInt8]) throws {
        if bytes.count >= FileByteSink.blockSize { try sink.drain(&bytes) }
    }

    /// Writes what is left of the buffer, closes the file and renames it into place.
    public func finish(_ bytes: inout [UInt8]) throws {
        try sink.drain(&bytes)
        try sink.close()
        try output.commit()
    }
}
