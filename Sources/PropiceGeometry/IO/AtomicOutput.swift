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
        if !folder.isEmpty { try Self.createFolder(folder, for: destination) }
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporaryPath = "\(folder).\(name).\(getpid())-\(tag).tmp"
        unlink(temporaryPath)
    }

    /// Creates the folder and its missing parents, as `mkdir -p` does.
    private static func createFolder(_ folder: String, for destination: String) throws {
        var path = folder.hasPrefix("/") ? "/" : ""
        for part in folder.split(separator: "/") {
            path += part + "/"
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw OutputError(file: destination, message: "cannot create the folder \(path): \(systemErrorMessage())")
            }
        }
    }

    /// Moves the temporary file onto the destination (`FileReplacement`).
    public func commit() throws {
        guard let outcome = FileReplacement.move(temporaryPath, onto: destination) else {
            let reason = systemErrorMessage()
            abandon()
            throw OutputError(file: destination, message: "cannot move the finished output into place: \(reason)")
        }
        committed = true
        // The previous content, exchanged with the new.
        if outcome == .exchanged { unlink(temporaryPath) }
    }

    /// Writes a whole file: the destination has either its previous content or all of `bytes`.
    public static func write(_ bytes: [UInt8], to destination: String) throws {
        let output = try AtomicOutput(destination: destination)
        try FileContents.write(bytes, to: output.temporaryPath)
        try output.commit()
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
public func systemErrorMessage() -> String {
    String(cString: strerror(errno))
}
