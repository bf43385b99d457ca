import CPROJ
import Dispatch
import Synchronization

/// Reprojects positions from one CRS to another through PROJ, in batches.
///
/// Owns its PROJ context: use one transformer per task (the identity needs none). Geographic CRS are in longitude,
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
        sourceIsGeographic = try Self.isGeographic(source)
        targetIsGeographic = try Self.isGeographic(target)
        guard source != target else {
            context = nil
            operation = nil
            return
        }
        let context = proj_context_create()
        proj_log_level(context, PJ_LOG_ERROR)
        guard let raw = proj_create_crs_to_crs(context, source.description, target.description, nil) else {
            proj_context_destroy(context)
            throw CRSError(message: "no transformation from \(source) to \(target)")
        }
        let operation = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard operation != nil else {
            proj_context_destroy(context)
            throw CRSError(message: "cannot order the axes of \(source) → \(target) as longitude, latitude")
        }
        self.context = context
        self.operation = operation
    }

    deinit {
        if let operation { proj_destroy(operation) }
        if let context { proj_context_destroy(context) }
    }

    /// Whether each CRS asked about so far is geographic: PROJ's database is asked once per CRS.
    private static let geographic = Mutex<[CRS: Bool]>([:])

    /// Whether the CRS is geographic (longitude, latitude), asking PROJ's database; an unknown
    /// code throws with PROJ's own message.
    static func isGeographic(_ crs: CRS) throws -> Bool {
        if let known = geographic.withLock({ $0[crs] }) { return known }
        guard let context = proj_context_create() else { throw CRSError(message: "cannot create a PROJ context") }
        proj_log_level(context, PJ_LOG_ERROR)
        let answer = Result { try isGeographic(crs, context) }
        proj_context_destroy(context)
        geographic.withLock { $0[crs] = try? answer.get() }
        return try answer.get()
    }

    private static func isGeographic(_ crs: CRS, _ context: OpaquePointer) throws -> Bool {
        let messages = ProjLogCapture(context: context)
        guard let object = proj_create(context, crs.description) else {
            let reason = messages.text ?? String(cString: proj_context_errno_string(context, proj_context_errno(context)))
            throw CRSError(message: "unknown CRS \(crs): \(reason)")
        }
        defer { proj_destroy(object) }
        switch proj_get_type(object) {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS, PJ_TYPE_GEOGRAPHIC_CRS:
            return true
        case PJ_TYPE_PROJECTED_CRS, PJ_TYPE_GEOCENTRIC_CRS, PJ_TYPE_COMPOUND_CRS, PJ_TYPE_ENGINEERING_CRS:
            return false
        default:
            throw CRSError(message: "\(crs) is not a coordinate reference system")
        }
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

    /// Reprojects every ring of the geometry in place. The identity only checks the positions,
    /// without touching (and so copying) the rings.
    public func transform(_ geometry: inout Geometry) throws {
        guard operation == nil else { return try geometry.updateRings { try transform(&$0) } }
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
