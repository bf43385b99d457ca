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
