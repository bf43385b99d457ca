import Foundation
#if PROPICE_FUZZER
import CFuzzerDriver
import PropiceFuzzing

/// The repository: four folders above this file's.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The harness of the target named by `PROPICE_FUZZ_TARGET`.
nonisolated(unsafe) private let harness: FuzzHarness = {
    let name = ProcessInfo.processInfo.environment["PROPICE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("PROPICE_FUZZ_TARGET is one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'")
    }
    do {
        return try FuzzHarness(target: target, repository: repository)
    } catch {
        fatalError("the \(name) harness cannot start: \(error)")
    }
}()

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    _ = harness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
})
#else
FileHandle.standardError.write(Data("propice-fuzz runs only as scripts/fuzz builds it (-sanitize=fuzzer -DPROPICE_FUZZER)\n".utf8))
exit(2)
#endif
