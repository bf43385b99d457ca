#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The number of processors available, for sizing worker pools.
enum ProcessorCount {
    /// `PROPICE_THREADS` when set (1 to 64: fewer cores on a shared server, or more workers
    /// than cores to test that the output does not depend on them); else the processors
    /// online, at least 1 and at most 8: beyond that a pipeline is bound by its reader. A
    /// value out of range stops a command at its start (`EnvironmentSettings.check()`).
    static let online: Int = {
        if let n = try? EnvironmentSettings.workerThreads() { return n }
        return min(8, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }()
}
