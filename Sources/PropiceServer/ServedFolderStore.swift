import NIOConcurrencyHelpers
import PropiceGeometry

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
        // The memory the load used and freed (its file copies and parse), given back: a server
        // allocates little afterwards.
        FreedMemory.release()
    }

    var served: ServedFolder { current.withLockedValue { $0 } }

    /// Loads the folder again and serves it from then on; on an error, the previous load goes
    /// on being served and the error is thrown.
    func reload() throws -> ServedFolder {
        let loaded = try ServedFolder(folder: folder, maxAge: maxAge, previous: served)
        current.withLockedValue { $0 = loaded }
        FreedMemory.release()
        return loaded
    }
}
