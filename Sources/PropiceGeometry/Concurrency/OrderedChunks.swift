import Dispatch
import Synchronization

/// What `body` makes of `0..<count` cut into consecutive chunks, one chunk at a time on every
/// core, joined in the chunks' order: the same elements in the same order as `body(0..<count)`.
/// Fewer than two chunks of `minimumChunk` run on the caller alone.
func inOrderedChunks<T: Sendable>(of count: Int, minimumChunk: Int = 8192, _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
    let parts = min(ProcessorCount.online * 4, count / max(minimumChunk, 1))
    guard parts > 1 else { return body(0..<count) }
    let chunks = Mutex([[T]](repeating: [], count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        let chunk = body((count * part / parts)..<(count * (part + 1) / parts))
        chunks.withLock { $0[part] = chunk }
    }
    return chunks.withLock { Array($0.joined()) }
}
