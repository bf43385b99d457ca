import CPROJ
import Synchronization

/// What PROJ's database answers once per process: whether a CRS is geographic, and the
/// operation from one CRS to another. Every question goes through one context of its own,
/// under a lock; each transformer then clones its operation into its own context.
///
/// Creating a context and opening the database took some 6 ms, finding an operation from one
/// CRS to another about 3 ms more, and every transformer did both (one per core for each
/// layer); a clone takes a tenth of a millisecond and transforms the same bits.
enum ProjCatalogue {
    private struct Pair: Hashable {
        var source: CRS
        var target: CRS
    }

    /// Its pointers are reached only under `state`'s lock.
    private struct State: @unchecked Sendable {
        /// Created at the first question; lives as long as the process.
        var context: OpaquePointer?
        var geographic: [CRS: Bool] = [:]
        /// Operations normalised to longitude, latitude order, in `context`.
        var operations: [Pair: OpaquePointer] = [:]
    }

    private static let state = Mutex(State())

    /// Calls `body` with the catalogue's context, under its lock: the only way to reach it.
    static func withContext<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try state.withLock { state in try body(try sharedContext(&state)) }
    }

    /// Whether the CRS is geographic (longitude, latitude); an unknown code throws with PROJ's own message.
    static func isGeographic(_ crs: CRS) throws -> Bool {
        try state.withLock { state in
            if let known = state.geographic[crs] { return known }
            let answer = try isGeographic(crs, try sharedContext(&state))
            state.geographic[crs] = answer
            return answer
        }
    }

    /// The operation from `source` to `target`, longitude first, as an object of `context`
    /// that the caller destroys.
    static func operation(from source: CRS, to target: CRS, in context: OpaquePointer) throws -> OpaquePointer {
        var clone: OpaquePointer?
        try state.withLock { state in
            let pair = Pair(source: source, target: target)
            let shared = try sharedContext(&state)
            let operation: OpaquePointer
            if let known = state.operations[pair] {
                operation = known
            } else {
                operation = try normalisedOperation(pair, shared)
                state.operations[pair] = operation
            }
            clone = proj_clone(context, operation)
        }
        guard let clone else {
            throw CRSError(message: "PROJ cannot copy the transformation from \(source) to \(target) for another thread")
        }
        return clone
    }

    private static func sharedContext(_ state: inout State) throws -> OpaquePointer {
        if let context = state.context { return context }
        guard let context = proj_context_create() else { throw CRSError(message: "cannot create a PROJ context") }
        proj_log_level(context, PJ_LOG_ERROR)
        state.context = context
        return context
    }

    private static func normalisedOperation(_ pair: Pair, _ context: OpaquePointer) throws -> OpaquePointer {
        guard let raw = proj_create_crs_to_crs(context, pair.source.description, pair.target.description, nil) else {
            throw CRSError(message: "no transformation from \(pair.source) to \(pair.target)")
        }
        defer { proj_destroy(raw) }
        guard let operation = proj_normalize_for_visualization(context, raw) else {
            throw CRSError(message: "cannot order the axes of \(pair.source) → \(pair.target) as longitude, latitude")
        }
        return operation
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
}
