import CGzip

/// A deflate stream (RFC 1951) through zlib, fed piece by piece, in a zlib (RFC 1950) or gzip
/// (RFC 1952) wrapper. The same bytes, fed alike, give the same output.
public final class Deflater {
    public enum Wrapper: Sendable { case zlib, gzip }

    /// The stream's state stays at one address: zlib checks that it does not move.
    private let stream: UnsafeMutablePointer<z_stream>
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var output: [UInt8] = []
    private var finished = false

    /// `level` from 1 (fastest) to 9 (smallest).
    public init(wrapper: Wrapper, level: Int32) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 bits of window, +16 for the gzip wrapper; 8 is zlib's default memory level.
        let status = deflateInit2_(stream, min(max(level, 1), 9), Z_DEFLATED, wrapper == .gzip ? 15 + 16 : 15, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // Only a lack of memory or a zlib other than the headers' fails here.
        precondition(status == Z_OK, "zlib could not start a deflate stream (\(status))")
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `bytes` after those already given.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "the deflate stream is finished")
        run(bytes, flush: Z_NO_FLUSH)
    }

    /// Ends the stream and returns the whole compressed output.
    public func finish() -> [UInt8] {
        if !finished {
            run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
            finished = true
        }
        return output
    }

    /// `bytes` compressed whole.
    public static func compress(_ bytes: UnsafeRawBufferPointer, wrapper: Wrapper, level: Int32) -> [UInt8] {
        let deflater = Deflater(wrapper: wrapper, level: level)
        deflater.write(bytes)
        return deflater.finish()
    }

    private func run(_ bytes: UnsafeRawBufferPointer, flush: Int32) {
        var remaining = bytes
        repeat {
            // zlib's counts are 32-bit: a larger input goes in slices.
            let slice = min(remaining.count, Int(UInt32.max >> 1))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: remaining.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = uInt(slice)
            remaining = UnsafeRawBufferPointer(rebasing: remaining[slice...])
            let last = remaining.isEmpty ? flush : Z_NO_FLUSH
            var status: Int32
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = uInt(out.count)
                    return deflate(stream, last)
                }
                // Z_BUF_ERROR only says that no progress was possible, which the loop's end handles.
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "zlib failed to deflate (\(status))")
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.pointee.avail_out))])
            } while stream.pointee.avail_out == 0 || (last == Z_FINISH && status != Z_STREAM_END)
        } while !remaining.isEmpty
    }
}
