#if os(Linux)
import CMalloc
#endif

/// glibc maps every block over 128 KiB afresh and unmaps it when freed, so the arrays of a
/// large layer, allocated and freed step after step, are faulted in page by page each time
/// (a sixth of a dissolve's time). Serving blocks up to 8 MiB from the heap and not trimming
/// it lets later steps reuse the pages earlier ones freed. Larger blocks are still mapped
/// afresh and given back when freed: kept in the heap up to 32 MiB, the freed arrays of a
/// 10-million-vertex coverage held its peak at 590-605 MiB, against 565 now, for no time saved.
enum MallocTuning {
    static func reuseFreedMemory() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 8 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }

    /// One malloc arena for every thread: memory freed by the threads of one step (reading the
    /// sources) then serves the threads of the next (the geometry), so a build's peak is about
    /// its largest step's, not their sum. glibc fixes the limit when a second thread first
    /// allocates, so this is called before any thread starts: before the command is parsed
    /// (called later, the build of metropolitan France kept three arenas, 233 MiB against 190).
    /// A dissolve alone runs faster with the default.
    static func shareOneArena() {
        #if os(Linux)
        _ = mallopt(M_ARENA_MAX, 1)
        #endif
    }
}
