import Dispatch
import Synchronization

/// Maps a stream of inputs over one thread per worker state and hands the outputs back in
/// input order, on the calling thread.
///
/// Each state (a PROJ transformer, say) is used by its own thread only, which keeps C
/// contexts confined to one task. At most two inputs per worker are in flight, so memory stays
/// bounded whatever the stream's length. The first error, from `next`, `work` or `consume`,
/// stops the stream and is rethrown once the threads are idle.
func orderedParallelMap<State: AnyObject, Input: Sendable, Output: Sendable>(
    states: [State],
    next: () throws -> Input?,
    work: @escaping @Sendable (State, Input) throws -> Output,
    consume: (Output) throws -> Void
) throws {
    precondition(!states.isEmpty, "orderedParallelMap needs at least one worker state")
    let queues = states.indices.map { DispatchQueue(label: "propice.worker.\($0)") }
    let slots = DispatchSemaphore(value: 2 * states.count)
    let finished = DispatchGroup()
    let results = Mutex<[Int: Result<Output, any Error>]>([:])
    var submitted = 0
    var consumed = 0

    /// Consumes the outputs that are ready, in order; with `waiting`, waits for each.
    func drain(waiting: Bool) throws {
        while consumed < submitted {
            if waiting { finished.wait() }
            guard let result = results.withLock({ $0.removeValue(forKey: consumed) }) else { return }
            consumed += 1
            try consume(try result.get())
        }
    }

    do {
        while let input = try next() {
            slots.wait()
            let index = submitted
            let state = Confined(states[index % states.count])
            finished.enter()
            queues[index % states.count].async {
                let result = Result { try work(state.value, input) }
                results.withLock { $0[index] = result }
                slots.signal()
                finished.leave()
            }
            submitted += 1
            try drain(waiting: false)
        }
        try drain(waiting: true)
    } catch {
        finished.wait()
        throw error
    }
}
