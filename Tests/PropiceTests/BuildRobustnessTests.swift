import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Propice
import PropiceGeometry
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `propice build` as a process: the same bytes whatever the number of workers or builds at
/// once, and a build killed at any moment never leaves a half-written output.
@Suite("propice build: determinism and atomicity", .serialized)
struct BuildRobustnessTests {
    /// Runs `propice build` on the copy into `output` with `PROPICE_THREADS` set; returns its status.
    static func build(_ project: DemoProjectCopy, config: String? = nil, output: String, threads: Int) async throws -> Int32 {
        let command = "PROPICE_THREADS=\(threads) \(PropiceExecutable.path) build --config \(config ?? project.configuration) --output \(output) --quiet"
        return try await onOwnThread { system(command) >> 8 }
    }

    @Test("one worker, sixteen workers and two builds at once give the same bytes")
    func sameBytesWhateverTheWorkers() async throws {
        let project = DemoProjectCopy()
        #expect(try await Self.build(project, output: project.folder.file("one"), threads: 1) == 0)
        #expect(try await Self.build(project, output: project.folder.file("sixteen"), threads: 16) == 0)
        let configuration = try ProjectConfiguration.load(path: project.configuration)
        let folders = [project.folder.file("a"), project.folder.file("b")]
        let failures = try await onOwnThread {
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do { _ = try ProjectBuild.run(configuration: configuration, output: folders[i]) } catch { failures.withLock { $0.append("\(error)") } }
            }
            return failures.withLock { $0 }
        }
        #expect(failures.isEmpty)
        let reference = BuiltOutput(folder: project.folder.file("one")).files()
        #expect(reference.count > 20)
        for name in ["sixteen", "a", "b"] {
            let files = BuiltOutput(folder: project.folder.file(name)).files()
            #expect(files.keys.sorted() == reference.keys.sorted(), "\(name) has other files")
            for (file, bytes) in reference where files[file] != bytes { Issue.record("\(name)/\(file) differs from the one-worker build") }
        }
    }

    @Test("a build killed at random moments leaves each file whole and the metadata true to the files; the next build completes")
    func killedBuilds() async throws {
        let project = DemoProjectCopy()
        // Two builds that differ in every layer: 6 decimals and 5.
        let five = project.variant("five.yaml", build: "precision: 5")
        let configs = [project.configuration, five]
        var versions: [[String: [UInt8]]] = []
        var slowest = 0.0
        for (i, config) in configs.enumerated() {
            let start = Date()
            #expect(try await Self.build(project, config: config, output: project.folder.file("v\(i)"), threads: 2) == 0)
            slowest = max(slowest, Date().timeIntervalSince(start))
            versions.append(BuiltOutput(folder: project.folder.file("v\(i)")).files())
        }
        #expect(versions[0]["metadata.json"] != versions[1]["metadata.json"])
        let output = project.output
        #expect(try await Self.build(project, output: output, threads: 2) == 0)

        // Half the kills anywhere in the build, half once it has staged a random number of its files.
        var generator = SeededGenerator(seed: 20261122)
        var stoppedWriting = 0, stoppedCommitting = 0
        for round in 0..<16 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: PropiceExecutable.path)
            process.arguments = ["build", "--config", configs[round % 2], "--output", output, "--quiet"]
            try process.run()
            let staged = round >= 8 ? Int.random(in: 1...versions[0].count / 2, using: &generator) : nil
            let delay = UInt32(Double.random(in: 0.05...1.1, using: &generator) * slowest * 1_000_000)
            try await onOwnThread {
                if let staged {
                    let staging = output + "/.propice-staging-\(process.processIdentifier)"
                    while process.isRunning && BuiltOutput(folder: staging).names().count < staged { usleep(1000) }
                } else {
                    usleep(delay)
                }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }

            let all = BuiltOutput(folder: output).files()
            if all.keys.contains(where: { $0.hasPrefix(".propice-staging-") }) { stoppedWriting += 1 }
            let files = all.filter { !$0.key.hasPrefix(".propice-") }
            for (name, bytes) in files where !versions.contains(where: { $0[name] == bytes }) {
                Issue.record("round \(round): \(name) is half-written (\(bytes.count) bytes)")
            }
            if let journal = all[StagedOutput.journal] {
                let listed = Set(try JSONDecoder().decode([String].self, from: Data(journal)))
                for name in files.keys where !listed.contains(name) { Issue.record("round \(round): the journal misses \(name)") }
            }
            guard let metadata = files["metadata.json"] else { stoppedCommitting += 1; continue }
            let version = try #require(versions.firstIndex { $0["metadata.json"] == metadata })
            for (name, bytes) in versions[version] where files[name] != bytes {
                Issue.record("round \(round): the metadata is build \(version)'s but \(name) is not")
            }
        }
        #expect(stoppedWriting >= 4, "builds were killed while they wrote")
        #expect(try await Self.build(project, output: output, threads: 2) == 0)
        #expect(BuiltOutput(folder: output).files() == versions[0] && BuiltOutput(folder: output).stagingFolders().isEmpty,
                "the next build completes and leaves no staging folder")
        print("killed builds: 16, \(stoppedWriting) while writing, \(stoppedCommitting) while moving files into place")
    }

    @Test("a commit stopped half-way (a file that cannot be moved into place) leaves no metadata.json; the next build removes what no build writes any more")
    func commitStoppedHalfWay() throws {
        let project = DemoProjectCopy()
        _ = try project.build()
        let before = BuiltOutput(folder: project.output).files()
        unlink(project.output + "/legend.json")
        mkdir(project.output + "/legend.json", 0o755)
        project.folder.write("out/legend.json/blocker", "")
        let five = project.variant("five.yaml", build: "precision: 5")
        #expect(throws: OutputError.self) { _ = try ProjectBuild.run(configuration: try ProjectConfiguration.load(path: five)) }
        let after = BuiltOutput(folder: project.output).files()
        #expect(after["metadata.json"] == nil, "a folder without its metadata is not taken for a finished build")
        #expect(after["epci_iml_100m.geojson"] != nil && after["epci_iml_100m.geojson"] != before["epci_iml_100m.geojson"],
                "files sorted before legend.json were moved into place")
        #expect(after["propice.topojson"] == before["propice.topojson"], "files sorted after it were not")

        // The next build drops the GeoPackage: the journal of the stopped commit names it.
        #expect(after.keys.contains(StagedOutput.journal))
        try FileManager.default.removeItem(atPath: project.output + "/legend.json")
        let withoutGeoPackage = project.variant("sans-gpkg.yaml", build: "formats: [geojson, topojson, csv, html]")
        _ = try ProjectBuild.run(configuration: try ProjectConfiguration.load(path: withoutGeoPackage))
        let next = Set(BuiltOutput(folder: project.output).names())
        #expect(!next.contains("propice.gpkg"), "the GeoPackage of the build before the stopped one is removed")
        #expect(!next.contains(StagedOutput.journal) && next.contains("metadata.json"))
    }

    @Test("a journal that is not a list of files stops the build before anything moves")
    func unreadableJournal() throws {
        let project = DemoProjectCopy()
        try project.copyFinishedBuild()
        project.folder.write("out/" + StagedOutput.journal, "{")
        let before = BuiltOutput(folder: project.output).files()
        let five = project.variant("five.yaml", build: "precision: 5")
        #expect(throws: OutputError.self) { _ = try ProjectBuild.run(configuration: try ProjectConfiguration.load(path: five)) }
        #expect(BuiltOutput(folder: project.output).files() == before)
    }
}
