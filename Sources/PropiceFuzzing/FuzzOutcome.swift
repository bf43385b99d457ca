/// What a reader made of one fuzz input: read (with a summary of what it found) or refused
/// with a clear error. Its description is stable from run to run, so that
/// `Tests/Fuzz/outcomes.txt` can list it.
public enum FuzzOutcome: Equatable, Sendable, CustomStringConvertible {
    case read(String)
    case refused(String)

    public var description: String {
        switch self {
        case .read(let summary): "read: \(summary)"
        case .refused(let message): "refused: \(message)"
        }
    }
}
