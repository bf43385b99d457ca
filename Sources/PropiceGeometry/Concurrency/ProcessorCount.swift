#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The number of processors available, for sizing worker pools.
enum ProcessorCount {
    /// Processors online, at least 1 and at most 8: beyond that a pipeline is bound by its reader.
    static var online: Int {
        min(8, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }
}
