import Foundation
import Testing
@testable import Propice
@testable import PropicePostGIS
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Readers see one whole build or another, never a mixture, and a publish killed at any
/// moment leaves the previous build whole.
@Suite("propice publish: atomic")
struct PublishAtomicityTests {
    /// What a reader sees in one statement: the build and the rows of tables of every kind.
    static let snapshot = """
        SELECT m.build, (SELECT count(*) FROM propice.communes_100m), (SELECT count(*) FROM propice.epci_iml_100m),
          (SELECT count(*) FROM propice.scores), (SELECT count(*) FROM propice.territoires),
          (SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'propice')
        FROM propice.metadonnees m
        """

    static func state(_ connection: PostgreSQLConnection) throws -> [String] {
        try connection.query(snapshot).flatMap { $0.map { $0 ?? "NULL" } }
    }

    /// The Occitanie and demo builds, and a new database's connection string and connection.
    static func twoBuildsAndADatabase() throws -> (builds: [String], target: String, connection: PostgreSQLConnection) {
        let builds = [try BuiltFolders.occitanie.get(), try BuiltFolders.demo.get()]
        let target = try TestCluster.superuser(try TestCluster.database())
        return (builds, target, try PostgreSQLConnection(target))
    }

    @Test("a reader in a loop during twenty publishes of two builds in turn sees only whole builds")
    func readerDuringPublishes() async throws {
        let (builds, target, connection) = try Self.twoBuildsAndADatabase()
        var whole: Set<[String]> = []
        for folder in builds {
            _ = try await onOwnThread { try PostGISPublisher.publish(folder: folder, to: target, schema: "propice") }
            whole.insert(try Self.state(connection))
        }
        #expect(whole.count == 2, "the two builds differ")

        let stop = Flag()
        // The reader starts at once on a thread of its own: a task could wait for one of the
        // pool's threads, held by other tests' builds, until the publishes were over.
        let reader = StartedThread { () -> (seen: [[String]], errors: [String]) in
            var seen: [[String]] = [], errors: [String] = []
            do {
                let connection = try PostgreSQLConnection(target)
                while !stop.isSet {
                    do { seen.append(try Self.state(connection)) } catch { errors.append("\(error)") }
                }
            } catch { errors.append("\(error)") }
            return (seen, errors)
        }
        let published = try await onOwnThread {
            try (0..<20).map { try PostGISPublisher.publish(folder: builds[$0 % 2], to: target, schema: "propice").alreadyPublished }
        }
        stop.set()
        let (seen, errors) = try await reader.value
        #expect(published.allSatisfy { !$0 }, "each publish changed the build")
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(seen.count >= 20)
        #expect(Set(seen).isSubset(of: whole), "a mixture: \(Set(seen).subtracting(whole).prefix(3))")
        #expect(Set(seen) == whole, "both builds seen")
    }

    @Test("sixteen publishes killed at seeded random moments leave a whole build; the next publish cleans up the staging schema")
    func killedPublishes() async throws {
        let (builds, target, connection) = try Self.twoBuildsAndADatabase()
        var whole: [String: [String]] = [:], slowest = 0.0
        for folder in builds {
            let start = Date()
            let run = PropiceExecutable.run("publish --quiet --output '\(folder)' --to '\(target)'")
            #expect(run.status == 0, "\(run.stderr)")
            slowest = max(slowest, Date().timeIntervalSince(start))
            let state = try Self.state(connection)
            whole[state[0]] = state
        }
        let expected = whole, longest = slowest
        let outcomes = try await onOwnThread { () -> [String] in
            let connection = try PostgreSQLConnection(target)
            var random = SeededGenerator(seed: 24), outcomes: [String] = []
            for attempt in 0..<16 {
                let before = try Self.state(connection)[0]
                let process = Process()
                process.executableURL = URL(fileURLWithPath: PropiceExecutable.path)
                process.arguments = ["publish", "--quiet", "--output", builds[attempt % 2], "--to", target]
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32(random.uniform() * longest * 1.1 * 1e6))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let after = try Self.state(connection)
                outcomes.append(after[0] == before ? "kept" : "published")
                guard expected[after[0]] == after else { throw Mixture(state: after) }
            }
            return outcomes
        }
        #expect(outcomes.contains("kept"), "\(outcomes)")
        let last = PropiceExecutable.run("publish --output '\(builds[0])' --to '\(target)'")
        #expect(last.status == 0, "\(last.stderr)")
        let final = try Self.state(connection)
        #expect(whole[final[0]] == final)
        #expect(try connection.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'propice%'") == [["propice"]])
    }

    @Test("a publish of the build already in place still drops the staging schema a killed publish left")
    func leftoverStagingWithBuildInPlace() async throws {
        let (builds, target, connection) = try Self.twoBuildsAndADatabase()
        _ = try await onOwnThread { try PostGISPublisher.publish(folder: builds[1], to: target, schema: "propice") }
        let before = try Self.state(connection)
        let staging = "propice" + PublishSettings.stagingSuffix
        try connection.execute("CREATE SCHEMA \(staging); CREATE TABLE \(staging).communes_100m (code text)")
        let report = try await onOwnThread { try PostGISPublisher.publish(folder: builds[1], to: target, schema: "propice") }
        #expect(report.alreadyPublished)
        #expect(try Self.state(connection) == before)
        #expect(try connection.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'propice%'") == [["propice"]])
    }

    @Test("a publish waits while another holds the schema's advisory lock, changing nothing, then goes on")
    func serialised() async throws {
        let (builds, target, connection) = try Self.twoBuildsAndADatabase()
        _ = try await onOwnThread { try PostGISPublisher.publish(folder: builds[1], to: target, schema: "propice") }
        let before = try Self.state(connection)
        // The lock another publish into the schema would hold.
        try connection.execute("SELECT pg_advisory_lock(hashtextextended('propice publish propice', 0))")
        let folder = TemporaryFolder(), log = folder.file("stderr.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PropiceExecutable.path)
        process.arguments = ["publish", "--output", builds[0], "--to", target]
        try #require(FileManager.default.createFile(atPath: log, contents: nil))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        var waited = false
        for _ in 0..<300 where !waited {
            usleep(100_000)
            waited = String(decoding: TemporaryFolder.read(path: log), as: UTF8.self).contains("another publish into schema propice is running")
        }
        #expect(waited, "no wait said: \(String(decoding: TemporaryFolder.read(path: log), as: UTF8.self))")
        #expect(process.isRunning)
        #expect(try Self.state(connection) == before, "the waiting publish changed the schema")
        try connection.execute("SELECT pg_advisory_unlock(hashtextextended('propice publish propice', 0))")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: TemporaryFolder.read(path: log), as: UTF8.self))")
        #expect(try Self.state(connection) != before)
    }

    struct Mixture: Error { var state: [String] }
}

/// A flag one task sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
