/// Finds the tiles of a PMTiles version 3 archive held in memory, as `PMTilesWriter` writes
/// them and the specification lays them out: the header, the root and the leaf directories
/// (gzip-compressed or not) read and checked once, so that finding a tile is a search in
/// memory. Every offset and length comes from the file: each is checked against the archive's
/// bytes before use, and a malformed archive is an error naming `file`.
public struct PMTilesReader: Sendable {
    /// The header's fields a tile server needs.
    public struct Header: Sendable, Equatable {
        public var minZoom: Int
        public var maxZoom: Int
        /// 0 unknown, 1 none, 2 gzip, 3 brotli, 4 zstd.
        public var tileCompression: UInt8
        /// 1 MVT.
        public var tileType: UInt8
    }

    struct Entry: Sendable, Equatable {
        var tileID: UInt64
        var offset: UInt64
        var length: UInt64
        var runLength: UInt64
    }

    public let header: Header
    let file: String
    let rootDirectory: [Entry]
    /// Each leaf directory, by its offset in the leaf directories.
    let leaves: [UInt64: [Entry]]
    let dataOffset: Int, dataLength: UInt64

    /// The most a directory may inflate to.
    static let maximumDirectorySize = 64 << 20
    /// How many directories a lookup may descend through.
    static let maximumDepth = 4

    /// Reads the header and the directories of `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer, file: String) throws {
        self.file = file
        guard bytes.count >= 127, Array(bytes[0..<7]) == Array("PMTiles".utf8) else {
            throw InputError(file: file, message: "not a PMTiles archive: it does not start with 'PMTiles'")
        }
        guard bytes[7] == 3 else { throw InputError(file: file, message: "PMTiles version \(bytes[7]), not 3") }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } }
        let (rootOffset, rootLength) = (u64(8), u64(16))
        let (leavesOffset, leavesLength, dataStart) = (u64(40), u64(48), u64(56))
        dataLength = u64(64)
        let compression = bytes[97]
        header = Header(minZoom: Int(bytes[100]), maxZoom: Int(bytes[101]), tileCompression: bytes[98], tileType: bytes[99])
        for (name, offset, length) in [("root directory", rootOffset, rootLength), ("leaf directories", leavesOffset, leavesLength),
                                       ("tile data", dataStart, dataLength)] {
            guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else {
                throw InputError(file: file, message: "the header places the \(name) beyond the archive's \(bytes.count) bytes")
            }
        }
        dataOffset = Int(dataStart)
        rootDirectory = try Self.directory(bytes, offset: rootOffset, length: rootLength, compression: compression, file: file)
        var leaves: [UInt64: [Entry]] = [:]
        var pending = rootDirectory.filter { $0.runLength == 0 }.map { (entry: $0, depth: 1) }
        while let (entry, depth) = pending.popLast() {
            guard leaves[entry.offset] == nil else { continue }
            guard depth < Self.maximumDepth else {
                throw InputError(file: file, message: "the directories nest deeper than \(Self.maximumDepth) levels")
            }
            guard entry.offset <= leavesLength, entry.length <= leavesLength - entry.offset else {
                throw InputError(file: file, message: "a leaf directory lies beyond the leaf directories")
            }
            let leaf = try Self.directory(bytes, offset: leavesOffset + entry.offset, length: entry.length, compression: compression, file: file)
            leaves[entry.offset] = leaf
            pending += leaf.filter { $0.runLength == 0 }.map { ($0, depth + 1) }
        }
        self.leaves = leaves
    }

    /// The range of the tile's bytes in the archive, as stored (compressed as `header` says);
    /// nil when the archive has no such tile.
    public func tile(zoom: Int, x: Int, y: Int) throws -> Range<Int>? {
        guard (0...TileGrid.maximumZoom).contains(zoom), x >= 0, y >= 0, x < 1 << zoom, y < 1 << zoom else { return nil }
        let id = PMTilesTileID.id(zoom: zoom, x: x, y: y)
        var entries = rootDirectory
        for _ in 0..<Self.maximumDepth {
            guard let entry = Self.find(id, in: entries) else { return nil }
            if entry.runLength > 0 {
                guard entry.offset <= dataLength, entry.length <= dataLength - entry.offset else {
                    throw InputError(file: file, message: "tile \(zoom)/\(x)/\(y) lies beyond the tile data")
                }
                let start = dataOffset + Int(entry.offset)
                return start..<(start + Int(entry.length))
            }
            guard let leaf = leaves[entry.offset] else { return nil }
            entries = leaf
        }
        throw InputError(file: file, message: "the directories nest deeper than \(Self.maximumDepth) levels")
    }

    /// The entry whose tiles include `id`: the last of identifier at most `id`, if its run
    /// reaches `id` (or it is a leaf directory).
    static func find(_ id: UInt64, in entries: [Entry]) -> Entry? {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].tileID <= id { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let entry = entries[low - 1]
        if entry.runLength == 0 || id - entry.tileID < entry.runLength { return entry }
        return nil
    }

    /// The directory at `offset`: inflated, then its columns of varints.
    static func directory(_ bytes: UnsafeRawBufferPointer, offset: UInt64, length: UInt64, compression: UInt8, file: String) throws -> [Entry] {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<Int(offset + length)])
        let plain: [UInt8]
        switch compression {
        case 1: plain = Array(raw)
        case 2: plain = try Inflater.gunzip(raw, limit: Self.maximumDirectorySize, file: file)
        default: throw InputError(file: file, message: "directories compressed with method \(compression): propice reads gzip or none")
        }
        var reader = VarintReader(bytes: plain, file: file)
        let count = try reader.next()
        // Each entry takes at least four bytes: a larger count is a lie.
        guard count <= UInt64(plain.count / 4) else { throw InputError(file: file, message: "a directory claims \(count) entries in \(plain.count) bytes") }
        var entries = [Entry](repeating: Entry(tileID: 0, offset: 0, length: 0, runLength: 0), count: Int(count))
        var last: UInt64 = 0
        for i in entries.indices {
            let (sum, overflow) = last.addingReportingOverflow(try reader.next())
            guard !overflow else { throw InputError(file: file, message: "a directory's tile identifiers overflow") }
            entries[i].tileID = sum
            last = sum
        }
        for i in entries.indices { entries[i].runLength = try reader.next() }
        for i in entries.indices { entries[i].length = try reader.next() }
        for i in entries.indices {
            let value = try reader.next()
            if value == 0 {
                guard i > 0 else { throw InputError(file: file, message: "a directory's first entry has no offset") }
                let (next, overflow) = entries[i - 1].offset.addingReportingOverflow(entries[i - 1].length)
                guard !overflow else { throw InputError(file: file, message: "a directory's offsets overflow") }
                entries[i].offset = next
            } else {
                entries[i].offset = value - 1
            }
        }
        return entries
    }
}

/// The unsigned LEB128 varints of a PMTiles directory, read in turn.
struct VarintReader {
    let bytes: [UInt8]
    let file: String
    var position = 0

    mutating func next() throws -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw InputError(file: file, message: "a directory ends within a number")
    }
}
