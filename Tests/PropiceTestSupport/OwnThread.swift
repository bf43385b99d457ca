import Foundation

/// Runs blocking work (a process waited for, whole builds) on a thread of its own and awaits
/// its result. A test that blocks instead holds one of the few threads Swift's concurrency
/// shares among all the tests, on which the server's tests answer their requests: two long
/// ones at once starved those requests past their deadline. The work returns values; the
/// test checks them once back on its task.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Blocking work started at once on a thread of its own, its result awaited later: unlike a
/// task, it does not wait for one of the shared pool's threads, which other tests' work may
/// hold, before it starts (a reader that must run while the test does something else).
public final class StartedThread<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error> = .failure(CancellationError())

    public init(_ work: @escaping @Sendable () throws -> T) {
        Thread {
            self.result = Result { try work() }
            self.done.signal()
        }.start()
    }

    /// The work's result, once it has finished.
    public var value: T {
        get async throws {
            try await onOwnThread {
                self.done.wait()
                return try self.result.get()
            }
        }
    }
}
