#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Timestamps written into outputs. They come from the inputs, never from the clock, so the
/// same inputs give the same bytes; `SOURCE_DATE_EPOCH` overrides them, as for reproducible builds.
public enum FileTimestamp {
    /// The file's modification time (or `SOURCE_DATE_EPOCH`) as `YYYY-MM-DDTHH:MM:SS.000Z`.
    public static func modificationTime(of path: String) -> String {
        var seconds = 0
        if let epoch = try? EnvironmentSettings.sourceDate() {
            seconds = epoch
        } else {
            var info = stat()
            if stat(path, &info) == 0 { seconds = Int(info.st_mtim.tv_sec) }
        }
        return iso8601(secondsSince1970: seconds)
    }

    /// UTC calendar time of a count of seconds since 1970, by the civil-from-days algorithm.
    static func iso8601(secondsSince1970 seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)).000Z"
    }
}
