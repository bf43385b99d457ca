import Foundation
import Synchronization

/// Times the steps of a build and reports those that took a second or more (to standard
/// error, in the command-line tool), so that a long run says where it is. Work done beside
/// another on a second thread is timed by `measured`.
public final class BuildProgress: Sendable {
    private let report: @Sendable (String) -> Void
    private let start = Mutex(ContinuousClock.now)

    public init(report: @escaping @Sendable (String) -> Void) {
        self.report = report
    }

    /// Ends the step that began at the previous call (or at creation).
    public func step(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = start.withLock { start in
            defer { start = now }
            return now - start
        }
        reportIfLong(name, elapsed)
    }

    /// Runs `work`, reporting its own time; the current step goes on.
    public func measured<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let began = ContinuousClock.now
        defer { reportIfLong(name, ContinuousClock.now - began) }
        return try work()
    }

    private func reportIfLong(_ name: String, _ elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if seconds >= 1 { report("\(name): \(String(format: "%.1f", seconds)) s") }
    }
}
