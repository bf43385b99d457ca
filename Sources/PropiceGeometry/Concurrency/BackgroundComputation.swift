import Foundation
import Synchronization

/// A computation run on a thread of its own from its creation, while the creator goes on with
/// other work; `value()` waits for it. Its own `parallelMap`s then spread over every core as
/// they would on the main thread (a computation nested in `inParallel`'s workers would get a
/// share of the cores only), so two steps that each leave a core idle at times fill each other's gaps.
public final class BackgroundComputation<T: Sendable, E: Error>: Sendable {
    private let result = Mutex<Result<T, E>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` at once on a new thread.
    public init(_ work: @escaping @Sendable () throws(E) -> T) {
        Thread { [self] in
            let outcome = Result { () throws(E) -> T in try work() }
            result.withLock { $0 = outcome }
            finished.signal()
        }.start()
    }

    /// The computation's result, or its error, once it has finished. A computation that
    /// cannot fail gives a call that cannot fail.
    public func value() throws(E) -> T {
        finished.wait()
        // Signalled again, so that a later call does not wait for ever.
        finished.signal()
        guard let outcome = result.withLock({ $0 }) else { preconditionFailure("BackgroundComputation signalled without a result") }
        return try outcome.get()
    }
}
