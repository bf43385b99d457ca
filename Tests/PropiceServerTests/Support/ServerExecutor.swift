import Dispatch

/// Where the servers under test run their tasks: threads of a dispatch queue of their own,
/// not the few threads Swift's concurrency shares among all the tests. A test that blocks
/// one of those (a whole build, a process waited for) then cannot hold up a server's answers
/// past a client's deadline. Every task a server starts inherits the preference.
final class ServerExecutor: TaskExecutor {
    static let shared = ServerExecutor()
    private let queue = DispatchQueue(label: "propice-tests.server", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job), executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
