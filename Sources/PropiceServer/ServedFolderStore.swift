import NIOConcurrencyHelpers
#if os(Linux)
import CMalloc
#endif

/// The folder being served, swapped whole on reload: a request takes the folder current when
/// it starts and keeps it to its end, so that a reload drops no request and mixes no builds.
final class ServedFolderStore: Sendable {
    let folder: String
    let maxAge: Int
    private let current: NIOLockedValueBox<ServedFolder>

    /// Loads the folder; an error here stops the server from starting.
    init(folder: String, maxAge: Int) throws {
        self.folder = folder
        self.maxAge = maxAge
        current = NIOLockedValueBox(try ServedFolder(folder: folder, maxAge: maxAge))
        Self.releaseFreedMemory()
    }

    var served: ServedFolder { current.withLockedValue { $0 } }

    /// Loads the folder again and serves it from then on; on an error, the previous load goes
    /// on being served and the error is thrown.
    func reload() throws -> ServedFolder {
        let loaded = try ServedFolder(folder: folder, maxAge: maxAge, previous: served)
        current.withLockedValue { $0 = loaded }
        Self.releaseFreedMemory()
        return loaded
    }

    /// Gives back to the system the memory a load used and freed (its file copies and parse),
    /// which glibc would otherwise keep for a process that allocates little afterwards.
    private static func releaseFreedMemory() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
