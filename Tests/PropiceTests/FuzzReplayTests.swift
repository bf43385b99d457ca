import Foundation
import PropiceFuzzing
import Testing
import PropiceTestSupport

/// Every input of `Tests/Fuzz/Seeds` (the fuzzers' seeds, and the inputs they found a fault
/// with, kept once fixed) replayed through the harness `scripts/fuzz` runs, each with the
/// outcome `Tests/Fuzz/outcomes.txt` lists for it (`target/file: read: …` or `refused: …`).
@Suite("Fuzz inputs replayed")
struct FuzzReplayTests {
    static let folder = Geodata.packageRoot + "/Tests/Fuzz"

    /// The listed outcomes, by `target/file`.
    static let expected: [String: String] = {
        let text = String(decoding: TemporaryFolder.read(path: folder + "/outcomes.txt"), as: UTF8.self)
        return Dictionary(uniqueKeysWithValues: text.split(separator: "\n").map { line in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), String(line[line.index(colon, offsetBy: 2)...]))
        })
    }()

    @Test("each input gives its listed outcome, and every input is listed", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let harness = try FuzzHarness(target: target, repository: Geodata.packageRoot)
        let seeds = Self.folder + "/Seeds/" + target.rawValue
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let key = target.rawValue + "/" + name
            let outcome = harness.run(TemporaryFolder.read(path: seeds + "/" + name))
            if outcome.description != Self.expected[key] {
                Issue.record("expected \(Self.expected[key] ?? "an entry in outcomes.txt"); found this line:\n\(key): \(outcome)")
            }
        }
        #expect(Self.expected.keys.filter { $0.hasPrefix(target.rawValue + "/") }.count == names.count, "outcomes.txt lists inputs that are gone")
    }
}
