import Foundation
import Logging
import NIOConcurrencyHelpers
import PropiceGeometry

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
        JSONText.appendString(Self.timestamp(), to: &line)
        line += Array(#","niveau":"#.utf8)
        JSONText.appendString(event.level.rawValue, to: &line)
        line += Array(#","message":"#.utf8)
        JSONText.appendString("\(event.message)", to: &line)
        line += Array(#","source":"#.utf8)
        JSONText.appendString(label, to: &line)
        for key in fields.keys.sorted() {
            line.append(UInt8(ascii: ","))
            JSONText.appendString(key, to: &line)
            line.append(UInt8(ascii: ":"))
            switch fields[key]! {
            case .stringConvertible(let number as any BinaryInteger): line += Array("\(number)".utf8)
            case let value: JSONText.appendString("\(value)", to: &line)
            }
        }
        line += Array("}\n".utf8)
        Self.lock.withLock { _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) } }
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
