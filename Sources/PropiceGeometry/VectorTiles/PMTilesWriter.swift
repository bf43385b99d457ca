/// A PMTiles version 3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md)
/// of vector tiles, written as the specification lays it out: the 127-byte header, the root
/// directory (within the first 16 KiB), the JSON metadata, the leaf directories and the tile
/// data, directories and metadata gzip-compressed.
///
/// Tiles are added in increasing tile identifier order (the archive is clustered), already
/// compressed. A tile equal to one before it (up to `dedupedSize` bytes, where repeats are:
/// the sea, the inside of a large territory) is stored once, and a run of such tiles is one
/// directory entry. The tile data goes to a temporary file beside the output until `finish`
/// writes the archive, so memory holds only the directory.
public final class PMTilesWriter {
    /// What the header says of the tiles besides their directory.
    public struct Summary: Sendable {
        public var minZoom: Int
        public var maxZoom: Int
        /// West, south, east, north, in degrees.
        public var bounds: (west: Double, south: Double, east: Double, north: Double)
        public var centerZoom: Int

        public init(minZoom: Int, maxZoom: Int, bounds: (west: Double, south: Double, east: Double, north: Double), centerZoom: Int) {
            self.minZoom = minZoom
            self.maxZoom = maxZoom
            self.bounds = bounds
            self.centerZoom = centerZoom
        }
    }

    struct Entry: Equatable {
        var tileID: UInt64
        var offset: UInt64
        var length: UInt64
        /// The tiles of consecutive identifiers it stands for; 0 for a leaf directory.
        var runLength: UInt64
    }

    /// Tiles up to this size are compared with those stored before.
    static let dedupedSize = 4096
    static let headerSize = 127
    /// The header and the root directory fit in this many bytes, as readers fetch them in one request.
    static let rootSpace = 16_384

    private let destination: String
    private let data: AtomicOutput
    private let sink: FileByteSink
    private var buffer: [UInt8] = []
    private var entries: [Entry] = []
    private var stored: [StoredTile: (offset: UInt64, length: UInt64)] = [:]
    private var dataLength: UInt64 = 0
    private var addressed: UInt64 = 0
    private var contents: UInt64 = 0

    public init(path: String) throws {
        destination = path
        data = try AtomicOutput(destination: path + ".tiles")
        sink = try FileByteSink(path: data.temporaryPath)
    }

    /// Adds a tile (compressed as the header will say), after every tile of smaller identifier.
    public func add(zoom: Int, x: Int, y: Int, bytes: [UInt8]) throws {
        let id = PMTilesTileID.id(zoom: zoom, x: x, y: y)
        if let last = entries.last, id < last.tileID + last.runLength {
            throw OutputError(file: destination, message: "tile \(zoom)/\(x)/\(y) added out of order")
        }
        addressed += 1
        let known = bytes.count <= Self.dedupedSize ? stored[StoredTile(bytes: bytes)] : nil
        if let known, let last = entries.last, last.offset == known.offset, last.tileID + last.runLength == id {
            entries[entries.count - 1].runLength += 1
            return
        }
        let place = known ?? (offset: dataLength, length: UInt64(bytes.count))
        if known == nil {
            buffer += bytes
            dataLength += UInt64(bytes.count)
            contents += 1
            if bytes.count <= Self.dedupedSize { stored[StoredTile(bytes: bytes)] = place }
            if buffer.count >= FileByteSink.blockSize { try sink.drain(&buffer) }
        }
        entries.append(Entry(tileID: id, offset: place.offset, length: place.length, runLength: 1))
    }

    /// Writes the archive with its metadata (a JSON object) and renames it into place.
    public func finish(metadata: [UInt8], summary: Summary) throws {
        try sink.drain(&buffer)
        try sink.close()
        let compressedMetadata = Self.gzip(metadata)
        let (root, leaves) = try Self.directories(entries, rootLimit: Self.rootSpace - Self.headerSize, file: destination)
        var header = LittleEndianBytes()
        header.append(Array("PMTiles".utf8))
        header.append(3 as UInt8)
        let rootOffset = UInt64(Self.headerSize)
        let metadataOffset = rootOffset + UInt64(root.count)
        let leavesOffset = metadataOffset + UInt64(compressedMetadata.count)
        let dataOffset = leavesOffset + UInt64(leaves.count)
        for value in [rootOffset, UInt64(root.count), metadataOffset, UInt64(compressedMetadata.count), leavesOffset, UInt64(leaves.count),
                      dataOffset, dataLength, addressed, UInt64(entries.count), contents] {
            header.append(value)
        }
        // Clustered, gzip directories, gzip tiles, vector tiles.
        header.append([1, 2, 2, 1])
        header.append(UInt8(clamping: summary.minZoom))
        header.append(UInt8(clamping: summary.maxZoom))
        let e7 = { (degrees: Double) in Int32(clamping: Int64((degrees * 1e7).rounded())) }
        for value in [summary.bounds.west, summary.bounds.south, summary.bounds.east, summary.bounds.north] { header.append(e7(value)) }
        header.append(UInt8(clamping: summary.centerZoom))
        header.append(e7((summary.bounds.west + summary.bounds.east) / 2))
        header.append(e7((summary.bounds.south + summary.bounds.north) / 2))
        precondition(header.bytes.count == Self.headerSize, "the PMTiles header is 127 bytes")

        let output = try StreamedOutput(path: destination)
        var bytes = header.bytes + root + compressedMetadata + leaves
        try output.drain(&bytes)
        let source = try ByteSource(path: data.temporaryPath)
        while try source.next() {
            bytes += UnsafeBufferPointer(start: source.buffer, count: source.count)
            try output.drain(&bytes)
        }
        try output.finish(&bytes)
        data.abandon()
    }

    /// The root directory and the leaf directories, compressed: every entry in the root if it
    /// fits in `rootLimit` bytes, else leaves of 4096 entries or more (growing until the root
    /// listing them fits).
    static func directories(_ entries: [Entry], rootLimit: Int, file: String) throws -> (root: [UInt8], leaves: [UInt8]) {
        let whole = gzip(serialise(entries))
        if whole.count <= rootLimit { return (whole, []) }
        var leafSize = 4096
        while leafSize <= entries.count * 2 {
            var leaves: [UInt8] = [], rootEntries: [Entry] = []
            for start in stride(from: 0, to: entries.count, by: leafSize) {
                let leaf = gzip(serialise(Array(entries[start..<min(start + leafSize, entries.count)])))
                rootEntries.append(Entry(tileID: entries[start].tileID, offset: UInt64(leaves.count), length: UInt64(leaf.count), runLength: 0))
                leaves += leaf
            }
            let root = gzip(serialise(rootEntries))
            if root.count <= rootLimit { return (root, leaves) }
            leafSize += leafSize / 5
        }
        throw OutputError(file: file, message: "\(entries.count) tile entries do not fit in a PMTiles root and leaf directories")
    }

    /// A directory as the specification serialises it: the count, then the identifiers (as
    /// differences), run lengths, lengths and offsets (0 for one that follows the entry before),
    /// each a varint column.
    static func serialise(_ entries: [Entry]) -> [UInt8] {
        var out = ProtobufWriter()
        out.varint(UInt64(entries.count))
        var lastID: UInt64 = 0
        for entry in entries {
            out.varint(entry.tileID - lastID)
            lastID = entry.tileID
        }
        for entry in entries { out.varint(entry.runLength) }
        for entry in entries { out.varint(entry.length) }
        for (i, entry) in entries.enumerated() {
            if i > 0, entry.offset == entries[i - 1].offset + entries[i - 1].length {
                out.varint(0)
            } else {
                out.varint(entry.offset + 1)
            }
        }
        return out.bytes
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { Deflater.compress($0, wrapper: .gzip, level: 9) }
    }
}

/// Little-endian fixed-size values appended to bytes (the PMTiles header).
struct LittleEndianBytes {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ values: [UInt8]) { bytes += values }
    mutating func append(_ value: UInt8) { bytes.append(value) }
    mutating func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func append(_ value: Int32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
}

/// A tile's bytes as a dictionary key, hashed in one pass over its memory rather than byte by byte.
struct StoredTile: Hashable {
    let bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
