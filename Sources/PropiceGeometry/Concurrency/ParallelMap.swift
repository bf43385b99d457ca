import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// The elements transformed by `ProcessorCount.online` workers (`PROPICE_THREADS`), in
    /// order. When some fail, the error of the first failing element (in array order) is
    /// thrown, whatever finished first. A transform that cannot fail makes a call that cannot fail.
    public func parallelMap<T: Sendable, E: Error>(_ transform: @Sendable (Element) throws(E) -> T) throws(E) -> [T] {
        let results = Mutex<[Result<T, E>?]>(Array<Result<T, E>?>(repeating: nil, count: count))
        let next = Atomic<Int>(0), count = count
        DispatchQueue.concurrentPerform(iterations: Swift.min(ProcessorCount.online, count)) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                let result = Result { () throws(E) -> T in try transform(self[i]) }
                results.withLock { $0[i] = result }
            }
        }
        // Every index below count was taken by one worker and its result stored.
        return try results.withLock { $0 }.compactMap { $0 }.map { result throws(E) in try result.get() }
    }

    /// `parallelMap`, the elements taken by decreasing `weight` (their cost), so that the last
    /// ones taken, which may leave a core idle, are the cheapest. Results, and the error thrown,
    /// are in the array's order, as with `parallelMap`.
    public func parallelMap<T: Sendable, E: Error>(heaviestFirst weight: (Element) -> Int,
                                                   _ transform: @Sendable (Element) throws(E) -> T) throws(E) -> [T] {
        let weights = map(weight)
        let order = indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        let results = order.parallelMap { i in Result { () throws(E) -> T in try transform(self[i]) } }
        var position = [Int](repeating: 0, count: count)
        for (taken, i) in order.enumerated() { position[i] = taken }
        return try indices.map { i throws(E) in try results[position[i]].get() }
    }
}

/// Runs two computations at once and returns both results; the first one's error wins.
public func inParallel<A: Sendable, B: Sendable>(_ a: @Sendable () throws -> A, _ b: @Sendable () throws -> B) throws -> (A, B) {
    let first = Mutex<Result<A, any Error>?>(nil), second = Mutex<Result<B, any Error>?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { let r = Result { try a() }; first.withLock { $0 = r } } else { let r = Result { try b() }; second.withLock { $0 = r } }
    }
    return (try first.withLock { $0 }!.get(), try second.withLock { $0 }!.get())
}
