#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written under a temporary name beside its destination and renamed onto it
/// by `commit()`. Until then the destination keeps its previous content; an output dropped
/// without a commit removes its temporary file.
public final class AtomicOutput {
    public let destination: String
    /// Where the content is written before the rename; same folder, so the rename is atomic.
    public let temporaryPath: String
    private var committed = false

    public init(destination: String) throws {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let folder = slash.map { String(destination[...$0]) } ?? ""
        let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        guard !name.isEmpty else { throw OutputError(file: destination, message: "the output path names a folder, not a file") }
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporaryPath = "\(folder).\(name).\(getpid())-\(tag).tmp"
        unlink(temporaryPath)
    }

    /// Renames the temporary file onto the destination.
    public func commit() throws {
        guard rename(temporaryPath, destination) == 0 else {
            let reason = systemErrorMessage()
            abandon()
            throw OutputError(file: destination, message: "cannot move the finished output into place: \(reason)")
        }
        committed = true
    }

    /// Removes the temporary file; the destination is left as it was.
    public func abandon() {
        unlink(temporaryPath)
    }

    deinit {
        if !committed { abandon() }
    }
}

/// The text of the C library's current `errno`.
func systemErrorMessage() -> String {
    String(cString: strerror(errno))
}
