import Foundation
import PropiceGeometry
import Synchronization

/// An output folder written all at once: every file goes first into a staging folder inside
/// it, then `commit` removes the previous metadata, moves the files into place one by one
/// (each move atomic, `FileReplacement`), the metadata last, and removes the files of the
/// previous build that this one no longer writes. A file written whole whose bytes are those of
/// the file in place is not staged: the file in place is kept (a rebuild then creates files only
/// where something changed, and a copy by `rsync` sends only those). A build that fails or is
/// killed before the commit leaves the previous outputs whole; one killed during the commit
/// leaves no `metadata.json`, which tells readers (`propice serve`) that the folder is not a
/// finished build. Whenever the metadata is there, every file it lists is the one it describes.
///
/// While it commits, the folder holds a journal (`.propice-commit.json`) listing the files of
/// the previous build and of this one. A commit killed half-way leaves it; the next commit
/// removes the files it lists that are not written again, the metadata that listed them gone.
///
/// Files may be staged from several threads at once.
final class StagedOutput: Sendable {
    let folder: String
    /// The file moved into place last, whose presence tells that the folder is a finished build
    /// (the metadata): always staged, never kept.
    let last: String
    private let staging: String
    private let state = Mutex(State())

    private struct State {
        /// The staged files, in the order they were first staged.
        var files: [String] = []
        var staged: Set<String> = []
        /// The checksums of the files written whole by `write`.
        var known: [String: FileChecksum] = [:]
        /// The files written whole with the bytes of the file in place, which stays.
        var kept: Set<String> = []
        /// The folders created, in the staging folder and in the output folder.
        var created: Set<String> = []
        var committed = false
    }

    /// The staged files, in the order they were first staged.
    var files: [String] { state.withLock { $0.files } }

    init(folder: String, last: String) throws {
        self.folder = folder
        self.last = last
        staging = folder + "/.propice-staging-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            Self.removeAbandonedStaging(in: folder)
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(file: folder, message: "cannot create the output folder: \(error.localizedDescription)")
        }
    }

    /// Where to write `relative` before the commit; its folders are created.
    func path(_ relative: String) throws -> String {
        let path = staging + "/" + relative
        try createParent(of: path, in: staging)
        // A file written again is listed once, and its checksum is taken from the disk.
        state.withLock { state in
            if state.staged.insert(relative).inserted { state.files.append(relative) }
            state.known[relative] = nil
            state.kept.remove(relative)
        }
        return path
    }

    /// Writes `relative` through `write`, handed its path (see `path`), then takes its checksum.
    func write(_ relative: String, with write: (String) throws -> Void) throws {
        try write(try path(relative))
        try recordChecksum(of: relative)
    }

    /// Takes the checksum of a file written through `path` from the disk now, on the core of the
    /// job that wrote it, rather than with the others once every job has finished.
    func recordChecksum(of relative: String) throws {
        let checksum = try FileChecksum(path: staging + "/" + relative)
        state.withLock { $0.known[relative] = checksum }
    }

    /// Writes a whole file into the staging folder, which nobody reads before the commit, unless
    /// the file in place holds these bytes already (and is not `last`); its checksum is taken
    /// from the bytes in hand.
    func write(_ bytes: [UInt8], to relative: String) throws {
        let checksum = FileChecksum(of: bytes)
        if relative != last, IdenticalFile.holds(folder + "/" + relative, bytes) {
            state.withLock { state in
                if state.staged.insert(relative).inserted { state.files.append(relative) }
                state.known[relative] = checksum
                state.kept.insert(relative)
            }
            return
        }
        try FileContents.write(bytes, to: try path(relative))
        state.withLock { $0.known[relative] = checksum }
    }

    /// The size and SHA-256 of every staged file, by relative path; those written through `path`
    /// are read back, in parallel.
    func checksums() throws -> [String: FileChecksum] {
        let (files, known) = state.withLock { ($0.files, $0.known) }
        let unread = files.filter { known[$0] == nil }
        let staging = staging
        let read = try unread.parallelMap { try FileChecksum(path: staging + "/" + $0) }
        return known.merging(zip(unread, read), uniquingKeysWith: { _, read in read })
    }

    /// Creates the folders above `path` up to `root`, each once per build.
    private func createParent(of path: String, in root: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let parent = String(path[..<slash])
        guard parent != root else { return }
        // Under the lock, so that no thread writes into a folder another is still creating.
        try state.withLock { state in
            guard state.created.insert(parent).inserted else { return }
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                state.created.remove(parent)
                throw OutputError(file: path, message: "cannot create the folder \(parent)")
            }
        }
    }

    /// Moves every staged file into place, `last` after the others, and removes `stale` files
    /// (relative paths), and those of a commit killed half-way, that were not written again.
    func commit(stale: [String]) throws {
        let (files, kept) = state.withLock { ($0.files, $0.kept) }
        let order = files.filter { $0 != last && !kept.contains($0) }.sorted() + (files.contains(last) ? [last] : [])
        let stale = Set(stale).union(try Self.journalled(in: folder))
        try AtomicOutput.write(Array(try JSONEncoder().encode(stale.union(files).sorted())), to: staging + "/" + Self.journal)
        guard rename(staging + "/" + Self.journal, folder + "/" + Self.journal) == 0 else {
            throw OutputError(file: folder + "/" + Self.journal, message: "cannot write the journal of the commit: \(systemErrorMessage())")
        }
        guard unlink(folder + "/" + last) == 0 || errno == ENOENT else {
            throw OutputError(file: folder + "/" + last, message: "cannot remove the previous build's metadata: \(systemErrorMessage())")
        }
        var previous: [String] = []
        for relative in order {
            let target = folder + "/" + relative
            try createParent(of: target, in: folder)
            guard let outcome = FileReplacement.move(staging + "/" + relative, onto: target) else {
                throw OutputError(file: target, message: "cannot move the finished output into place: \(systemErrorMessage())")
            }
            if outcome == .exchanged { previous.append(relative) }
        }
        let written = Set(files)
        for relative in stale where !written.contains(relative) && !relative.contains("..") {
            try? FileManager.default.removeItem(atPath: folder + "/" + relative)
        }
        unlink(folder + "/" + Self.journal)
        // The previous build's files, exchanged into the staging folder, removed on every core:
        // freeing their pages is most of what a commit over a previous build costs.
        let staging = staging
        _ = previous.parallelMap { unlink(staging + "/" + $0) }
        state.withLock { $0.committed = true }
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// The journal of a commit in progress, or killed half-way.
    static let journal = ".propice-commit.json"

    /// The files listed by the journal a killed commit left in `folder`, if any.
    private static func journalled(in folder: String) throws -> [String] {
        let path = folder + "/" + journal
        guard access(path, F_OK) == 0 else { return [] }
        guard let bytes = try? FileContents.read(path), let files = try? JSONDecoder().decode([String].self, from: Data(bytes)) else {
            throw OutputError(file: path, message: "the journal of an interrupted build is not a list of files: remove it (and, by hand, any file the build no longer writes)")
        }
        return files
    }

    /// Removes the staging folders of builds whose process is gone (killed before they finished).
    private static func removeAbandonedStaging(in folder: String) {
        let prefix = ".propice-staging-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Removes the staging folder of a build that will not commit, now rather than when the
    /// last reference goes (which may be on another thread, after the error is out).
    func abandon() {
        if !state.withLock({ $0.committed }) { try? FileManager.default.removeItem(atPath: staging) }
    }

    deinit { abandon() }
}
