#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment variables propice reads, each checked against its documented range:
/// `PROPICE_THREADS` (1 to 64 workers) and `SOURCE_DATE_EPOCH` (whole seconds since 1970,
/// up to the last second of 9999, the latest date a GeoPackage timestamp can hold).
/// `check()` runs when a command starts, so a value out of range stops it there.
public enum EnvironmentSettings {
    public static let threads = 1...64
    public static let sourceDateEpoch = 0...253_402_300_799

    /// An error naming the first variable set to a value outside its range.
    public static func check() throws {
        _ = try workerThreads()
        _ = try sourceDate()
    }

    /// `PROPICE_THREADS`, nil when unset.
    static func workerThreads() throws -> Int? {
        try value("PROPICE_THREADS", in: threads, what: "a number of worker threads")
    }

    /// `SOURCE_DATE_EPOCH`, nil when unset.
    static func sourceDate() throws -> Int? {
        try value("SOURCE_DATE_EPOCH", in: sourceDateEpoch, what: "a count of seconds since 1970-01-01 up to 9999-12-31")
    }

    private static func value(_ name: String, in range: ClosedRange<Int>, what: String) throws -> Int? {
        guard let raw = getenv(name) else { return nil }
        let text = String(cString: raw)
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let n = Int(text), range.contains(n) else {
            throw InputError(file: "environment variable \(name)",
                             message: "'\(text)' is not \(what) (\(range.lowerBound) to \(range.upperBound))")
        }
        return n
    }
}
