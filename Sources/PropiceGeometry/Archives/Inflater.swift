import CGzip

/// Inflates a whole gzip (RFC 1952) member through zlib, within a bound on its output, so
/// that a small input cannot make a reader hold gigabytes.
public enum Inflater {
    /// The inflated bytes of `bytes`; an error naming `file` when they are not one whole gzip
    /// member or inflate to more than `limit` bytes.
    public static func gunzip(_ bytes: UnsafeRawBufferPointer, limit: Int, file: String) throws -> [UInt8] {
        var stream = z_stream()
        // 15 bits of window, +16: the gzip wrapper only.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(file: file, message: "zlib could not start an inflate stream")
        }
        defer { inflateEnd(&stream) }
        guard bytes.count <= Int(UInt32.max) else { throw InputError(file: file, message: "a gzip member of more than 4 GiB") }
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = uInt(bytes.count)
        var output: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                return (status, out.count - Int(stream.avail_out))
            }
            guard output.count + produced <= limit else {
                throw InputError(file: file, message: "a gzip member inflates to more than \(limit) bytes")
            }
            output += chunk[..<produced]
            if status == Z_STREAM_END {
                guard stream.avail_in == 0 else { throw InputError(file: file, message: "bytes after the end of a gzip member") }
                return output
            }
            guard status == Z_OK, produced > 0 || stream.avail_in > 0 else {
                let reason = status == Z_OK || status == Z_BUF_ERROR ? "it ends early" : stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw InputError(file: file, message: "not a whole gzip member: \(reason)")
            }
        }
    }
}
