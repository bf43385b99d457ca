#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CRename

/// A finished file moved onto its destination in one atomic step: a reader of the destination
/// finds either its previous file or the new one, never neither.
///
/// Over a regular file the two are exchanged (Linux's `renameat2` with `RENAME_EXCHANGE`), and
/// the previous file, now at the source's path, is the caller's to remove. A plain `rename` over
/// an existing file makes ext4 allocate and start writing the new file's data at once, in the
/// renaming thread (its `auto_da_alloc`): 0.2 s of a France build written over the previous one.
/// Exchanged, the data is written in the background, as when the destination is new.
public enum FileReplacement {
    /// Where the previous file went.
    public enum Outcome: Equatable, Sendable {
        /// The destination was new, or not a regular file: renamed over.
        case renamed
        /// The previous file is now at the source's path.
        case exchanged
    }

    /// Moves `source` onto `destination`; nil on failure, with `errno` set by the rename.
    public static func move(_ source: String, onto destination: String) -> Outcome? {
        if isRegularFile(destination), propice_exchange_paths(source, destination) == 0 {
            if isRegularFile(source) { return .exchanged }
            // Something else (a folder, say) put there since: exchanged back, and renamed over
            // below, which fails as it should, rather than that thing taken for the previous file.
            _ = propice_exchange_paths(source, destination)
        }
        // No regular file there, exchange unsupported (EINVAL from the file system, ENOSYS from
        // the kernel), or the destination gone since: a plain rename.
        return rename(source, destination) == 0 ? .renamed : nil
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
