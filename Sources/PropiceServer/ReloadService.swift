import Logging
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// Reloads the folder on each SIGHUP, on a thread of its own so that requests go on being
/// answered meanwhile; a folder that does not load is logged and the previous one kept.
struct ReloadService: Service {
    let store: ServedFolderStore
    let logger: Logger

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            let start = ContinuousClock.now
            do {
                let served = try await NIOThreadPool.singleton.runIfActive { try store.reload() }
                logger.info("dossier rechargé", metadata: [
                    "dossier": .string(store.folder), "build": .string(served.build), "epci": .stringConvertible(served.territories.count),
                    "duree_ms": .stringConvertible((ContinuousClock.now - start).wholeMicroseconds / 1000),
                ])
            } catch {
                logger.error("rechargement refusé : le build précédent reste servi", metadata: ["erreur": .string("\(error)")])
            }
        }
    }
}
