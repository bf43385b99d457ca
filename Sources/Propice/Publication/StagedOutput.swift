import Foundation
import PropiceGeometry

/// An output folder written all at once: every file goes first into a staging folder inside
/// it, then `commit` removes the previous metadata, renames the files into place one by one
/// (each rename atomic), the metadata last, and removes the files of the previous build that
/// this one no longer writes. A build that fails or is killed before the commit leaves the
/// previous outputs whole; one killed during the commit leaves no `metadata.json`, which
/// tells readers (`propice serve`) that the folder is not a finished build. Whenever the
/// metadata is there, every file it lists is the one it describes.
///
/// While it commits, the folder holds a journal (`.propice-commit.json`) listing the files of
/// the previous build and of this one. A commit killed half-way leaves it; the next commit
/// removes the files it lists that are not written again, the metadata that listed them gone.
final class StagedOutput {
    let folder: String
    private let staging: String
    private(set) var files: [String] = []
    private var staged: Set<String> = []
    private var committed = false

    init(folder: String) throws {
        self.folder = folder
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
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(file: path, message: "cannot create the folder \(parent)")
        }
        // A file written again is listed once.
        if staged.insert(relative).inserted { files.append(relative) }
        return path
    }

    func write(_ bytes: [UInt8], to relative: String) throws {
        try AtomicOutput.write(bytes, to: try path(relative))
    }

    /// The size and SHA-256 of every staged file, by relative path.
    func checksums() throws -> [String: FileChecksum] {
        try Dictionary(uniqueKeysWithValues: files.map { ($0, try FileChecksum(path: staging + "/" + $0)) })
    }

    /// Moves every staged file into place, `last` after the others, and removes `stale` files
    /// (relative paths), and those of a commit killed half-way, that were not written again.
    func commit(last: String, stale: [String]) throws {
        let order = files.filter { $0 != last }.sorted() + (files.contains(last) ? [last] : [])
        let stale = Set(stale).union(try Self.journalled(in: folder))
        try AtomicOutput.write(Array(try JSONEncoder().encode(stale.union(files).sorted())), to: staging + "/" + Self.journal)
        guard rename(staging + "/" + Self.journal, folder + "/" + Self.journal) == 0 else {
            throw OutputError(file: folder + "/" + Self.journal, message: "cannot write the journal of the commit: \(systemErrorMessage())")
        }
        guard unlink(folder + "/" + last) == 0 || errno == ENOENT else {
            throw OutputError(file: folder + "/" + last, message: "cannot remove the previous build's metadata: \(systemErrorMessage())")
        }
        for relative in order {
            let target = folder + "/" + relative
            let parent = URL(fileURLWithPath: target).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            guard rename(staging + "/" + relative, target) == 0 else {
                throw OutputError(file: target, message: "cannot move the finished output into place: \(systemErrorMessage())")
            }
        }
        let written = Set(files)
        for relative in stale where !written.contains(relative) && !relative.contains("..") {
            try? FileManager.default.removeItem(atPath: folder + "/" + relative)
        }
        unlink(folder + "/" + Self.journal)
        committed = true
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

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
    }
}
