#if os(Linux)
import CMalloc
#endif

/// glibc maps every block over 128 KiB afresh and unmaps it when freed, so the arrays of a
/// large layer, allocated and freed step after step, are faulted in page by page each time
/// (a sixth of a dissolve's time). Serving blocks up to 32 MiB from the heap and not trimming
/// it lets later steps reuse the pages earlier ones freed.
enum MallocTuning {
    static func reuseFreedMemory() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }
}
