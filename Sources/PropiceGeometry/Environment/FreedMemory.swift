#if os(Linux)
import CMalloc
#endif

/// The memory a step freed, given back to the system: glibc keeps freed pages for later
/// allocations (and `propice` tells it never to trim them), so a process whose next step needs
/// less than the last would otherwise keep the last step's peak resident.
public enum FreedMemory {
    /// Returns every whole free page of every malloc arena to the system.
    public static func release() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
