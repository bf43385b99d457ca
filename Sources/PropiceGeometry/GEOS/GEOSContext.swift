import CGEOS

/// A GEOS context with its error handler, for one task. GEOS reports errors through the
/// handler; the last message is kept for the error thrown.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private(set) var lastError: String?

    init() throws {
        guard let handle = GEOS_init_r() else { throw GEOSError(message: "cannot create a GEOS context") }
        self.handle = handle
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue().lastError = String(cString: message)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { GEOS_finish_r(handle) }

    /// The coordinates of a GEOS point, or nil when GEOS cannot read them (an empty point).
    func position(ofPoint point: OpaquePointer) -> Position? {
        var x = 0.0, y = 0.0
        guard GEOSGeomGetX_r(handle, point, &x) == 1, GEOSGeomGetY_r(handle, point, &y) == 1 else { return nil }
        return Position(x: x, y: y)
    }

    /// The error for a failed call: GEOS's own message when it gave one.
    func error(_ operation: String) -> GEOSError {
        defer { lastError = nil }
        return GEOSError(message: "\(operation) failed: \(lastError ?? "GEOS gave no reason")")
    }
}

/// A failure inside GEOS, with its message.
public struct GEOSError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
