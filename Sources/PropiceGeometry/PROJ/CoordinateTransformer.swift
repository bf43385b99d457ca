import CPROJ
import Dispatch
import Synchronization

/// Reprojects positions from one CRS to another through PROJ, in batches.
///
/// Owns its PROJ context, with a copy of the operation `ProjCatalogue` found: use one
/// transformer per task (the identity needs none). Geographic CRS are in longitude,
/// latitude order. Non-finite input and positions PROJ cannot transform are errors, never NaN
/// or infinity in the output.
public final class CoordinateTransformer {
    public let source: CRS
    public let target: CRS
    /// PROJ's context, for a transformer that moves positions; nil for the identity.
    private let context: OpaquePointer?
    private let operation: OpaquePointer?
    /// Whether the source and target CRS are geographic (longitude, latitude in degrees).
    public let sourceIsGeographic: Bool
    public let targetIsGeographic: Bool

    public init(from source: CRS, to target: CRS) throws {
        self.source = source
        self.target = target
        sourceIsGeographic = try ProjCatalogue.isGeographic(source)
        targetIsGeographic = try ProjCatalogue.isGeographic(target)
        guard source != target else {
            context = nil
            operation = nil
            return
        }
        guard let context = proj_context_create() else { throw CRSError(message: "cannot create a PROJ context") }
        proj_log_level(context, PJ_LOG_ERROR)
        do {
            operation = try ProjCatalogue.operation(from: source, to: target, in: context)
        } catch {
            proj_context_destroy(context)
            throw error
        }
        self.context = context
    }

    deinit {
        if let operation { proj_destroy(operation) }
        if let context { proj_context_destroy(context) }
    }

    /// Reprojects the positions in place.
    public func transform(_ positions: inout [Position]) throws {
        try positions.withUnsafeMutableBufferPointer { try transform($0) }
    }

    /// Reprojects the positions in place.
    func transform(_ positions: UnsafeMutableBufferPointer<Position>) throws {
        try checkSource(positions)
        guard let operation, let start = positions.baseAddress, !positions.isEmpty else { return }
        let stride = MemoryLayout<Position>.stride
        let count = positions.count
        UnsafeMutableRawPointer(start).withMemoryRebound(to: Double.self, capacity: 2 * count) { x in
            _ = proj_trans_generic(operation, PJ_FWD, x, stride, count, x + 1, stride, count, nil, 0, 0, nil, 0, 0)
        }
        if let bad = positions.firstIndex(where: { !$0.isFinite }) {
            throw CRSError(message: "a position (number \(bad) of its ring) is outside the domain of \(source) → \(target)")
        }
        if targetIsGeographic { try Self.checkGeographic(positions, crs: target, side: "target") }
    }

    /// The positions reprojected on one thread per core, each with a transformer of its own,
    /// into one copy of them.
    public static func transform(_ positions: [Position], from source: CRS, to target: CRS) throws -> [Position] {
        let parts = max(1, min(ProcessorCount.online, positions.count / 10_000 + 1))
        let failures = Mutex<[Int: any Error]>([:])
        var result = positions
        result.withUnsafeMutableBufferPointer { buffer in
            // Each part reprojects its own range of the buffer, and none other.
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let low = buffer.count * part / parts, high = buffer.count * (part + 1) / parts
                do {
                    try CoordinateTransformer(from: source, to: target).transform(UnsafeMutableBufferPointer(rebasing: buffer[low..<high]))
                } catch {
                    failures.withLock { $0[part] = error }
                }
            }
        }
        if let first = failures.withLock({ $0.min { $0.key < $1.key }?.value }) { throw first }
        return result
    }

    /// Whether the transformer leaves positions as they are (source and target are one CRS).
    public var isIdentity: Bool { operation == nil }

    /// Reprojects every ring of the geometry in place. The identity only checks the positions,
    /// without touching (and so copying) the rings.
    public func transform(_ geometry: inout Geometry) throws {
        guard isIdentity else { return try geometry.updateRings { try transform(&$0) } }
        try check(geometry)
    }

    /// Checks the geometry's positions as `transform` does, without moving them.
    public func check(_ geometry: Geometry) throws {
        for polygon in geometry.polygons {
            try checkSource(polygon.exterior.positions)
            for hole in polygon.holes { try checkSource(hole.positions) }
        }
    }

    /// Checks that the positions are finite, and within range when the source is geographic.
    private func checkSource(_ positions: some Collection<Position>) throws {
        if sourceIsGeographic { try Self.checkGeographic(positions, crs: source, side: "source") } else { try Self.checkFinite(positions) }
    }

    private static func checkFinite(_ positions: some Collection<Position>) throws {
        if let bad = positions.first(where: { !$0.isFinite }) {
            throw CRSError(message: "position (\(bad.x), \(bad.y)) is not finite")
        }
    }

    private static func checkGeographic(_ positions: some Collection<Position>, crs: CRS, side: String) throws {
        try checkFinite(positions)
        if let bad = positions.first(where: { abs($0.x) > 180 || abs($0.y) > 90 }) {
            throw CRSError(message: "position (\(bad.x), \(bad.y)) is outside the range of the \(side) CRS \(crs) (longitude −180…180, latitude −90…90): is the \(side) CRS right?")
        }
    }
}
