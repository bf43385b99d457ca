import Foundation
import Synchronization

/// A computation run on a thread of its own from its creation, while the creator goes on with
/// other work; `value()` waits for it. Its own `parallelMap`s then spread over every core as
/// they would on the main thread (a computation nested in `inParallel`'s workers would get a
/// share of the cores only), so two steps that each leave a core idle at times fill each other's gaps.
/// What the computation captured is let go as soon as it finishes, before its value is handed
/// over: a staged output it wrote to is then gone with the creator's last reference.
public final class BackgroundComputation<T: Sendable, E: Error>: Sendable {
    private let work: Mutex<(@Sendable () throws(E) -> T)?>
    private let result = Mutex<Result<T, E>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` at once on a new thread.
    public init(_ work: @escaping @Sendable () throws(E) -> T) {
        self.work = Mutex(work)
        Thread { [self] in
            let outcome = run()
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

    /// Runs the work, taken out of `work`, so that it and its captures are released on return.
    private func run() -> Result<T, E> {
        guard let work = work.withLock({ $0.take() }) else { preconditionFailure("BackgroundComputation run twice") }
        return Result { () throws(E) -> T in try work() }
    }
}
