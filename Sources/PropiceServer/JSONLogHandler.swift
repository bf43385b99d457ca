import Foundation
import Logging
import NIOConcurrencyHelpers

/// A swift-log handler writing one JSON object per line to standard error: `horodatage` (UTC,
/// ISO 8601 with milliseconds), `niveau`, `message`, `source` and the metadata's keys (numbers
/// given as integers stay numbers), so that a log collector can index every field of the
/// access log.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    let label: String
    private static let lock = NIOLock()

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        var line = Array(#"{"horodatage":"#.utf8)
        Self.append(Self.timestamp(), to: &line)
        line += Array(#","niveau":"#.utf8)
        Self.append(event.level.rawValue, to: &line)
        line += Array(#","message":"#.utf8)
        Self.append("\(event.message)", to: &line)
        line += Array(#","source":"#.utf8)
        Self.append(label, to: &line)
        for key in fields.keys.sorted() {
            line.append(UInt8(ascii: ","))
            Self.append(key, to: &line)
            line.append(UInt8(ascii: ":"))
            switch fields[key]! {
            case .stringConvertible(let number as any BinaryInteger): line += Array("\(number)".utf8)
            case let value: Self.append("\(value)", to: &line)
            }
        }
        line += Array("}\n".utf8)
        Self.lock.withLock { _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) } }
    }

    /// `text` as a JSON string.
    private static func append(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for unit in text.utf8 {
            switch unit {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", unit).utf8)
            default: out.append(unit)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, Int32(now.tv_nsec / 1_000_000))
    }
}
