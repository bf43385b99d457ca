#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `propice` executable built beside the test bundle, as users run it (the test targets
/// that run it depend on the `propice` target, so `swift test` builds it first).
public enum PropiceExecutable {
    /// Its path: `propice` in the folder of the running test bundle.
    public static let path: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        return path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/propice"
    }()

    /// Runs propice with arguments (a shell's words) and `environment` (`NAME=value …`) set;
    /// its exit status and standard error, standard output left out.
    public static func run(_ arguments: String, environment: String = "") -> (status: Int32, stderr: String) {
        let folder = TemporaryFolder()
        let errors = folder.file("stderr.txt")
        let status = system("\(environment) \(path) \(arguments) >/dev/null 2>\(errors)")
        return (status >> 8, String(decoding: TemporaryFolder.read(path: errors), as: UTF8.self))
    }
}
