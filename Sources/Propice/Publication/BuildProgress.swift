import Foundation

/// Times the steps of a build and reports those that took a second or more (to standard
/// error, in the command-line tool), so that a long run says where it is.
public final class BuildProgress {
    private let report: (String) -> Void
    private var start = ContinuousClock.now

    public init(report: @escaping (String) -> Void) {
        self.report = report
    }

    /// Ends the step that began at the previous call (or at creation).
    public func step(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        start = now
        if seconds >= 1 { report("\(name): \(String(format: "%.1f", seconds)) s") }
    }
}
