@testable import PropiceGeometry
import Foundation
import Synchronization
import Testing

@Suite("Work spread over the cores")
struct ParallelMapTests {
    struct Failure: Error, Equatable { var element: Int }

    @Test("the heaviest elements are taken first; the results, and the error thrown, keep the array's order")
    func heaviestFirst() throws {
        let elements = Array(0..<40)
        let taken = Mutex<[(worker: pthread_t, element: Int)]>([])
        let results = elements.parallelMap(heaviestFirst: { $0 % 7 }) { element in
            taken.withLock { $0.append((pthread_self(), element)) }
            return element * 10
        }
        #expect(results == elements.map { $0 * 10 })
        // Workers take the elements in decreasing weight, ties in the array's order: each
        // worker's elements come in that order. (Across workers, the order in which they are
        // recorded depends on the scheduler: a worker may be paused between taking one and
        // recording it.)
        let expected = elements.sorted { ($0 % 7, -$0) > ($1 % 7, -$1) }
        let recorded = taken.withLock { $0 }
        #expect(recorded.map(\.element).sorted() == elements)
        for worker in Set(recorded.map(\.worker)) {
            let places = try recorded.filter { $0.worker == worker }.map { try #require(expected.firstIndex(of: $0.element)) }
            #expect(places == places.sorted(), "a worker took \(places) (places in the heaviest-first order)")
        }
        // Element 30 weighs more (2) than 15 (1): it fails first in time, yet 15 comes first in the array.
        #expect(throws: Failure(element: 15)) {
            try elements.parallelMap(heaviestFirst: { $0 == 30 ? 2 : $0 == 15 ? 1 : 0 }) { (element: Int) throws(Failure) -> Int in
                guard element != 15 && element != 30 else { throw Failure(element: element) }
                return element
            }
        }
    }

    @Test("a background computation runs on another thread while its creator works, lets go of what it captured once done; its value, or its error, is waited for and can be asked again")
    func background() throws {
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let computation = BackgroundComputation { () -> (thread: pthread_t, released: Bool, sum: Int) in
            started.signal()
            // Released by its creator, which must go on while this runs (run in the creator's
            // thread, this would wait out its 10 seconds and report it).
            let released = release.wait(timeout: .now() + 10) == .success
            return (pthread_self(), released, Array(1...100).parallelMap { $0 * 2 }.reduce(0, +))
        }
        #expect(started.wait(timeout: .now() + 10) == .success)
        release.signal()
        let result = computation.value()
        #expect(result.released)
        #expect(pthread_equal(result.thread, pthread_self()) == 0)
        #expect(result.sum == 10_100)
        #expect(computation.value().sum == 10_100)
        // What it captured is let go before its value is handed over.
        final class Token: Sendable { let number = 7 }
        weak var captured: Token?
        let holding: BackgroundComputation<Int, Never>
        do {
            let token = Token()
            captured = token
            holding = BackgroundComputation { token.number }
        }
        #expect(holding.value() == 7)
        #expect(captured == nil)
        let failing = BackgroundComputation { () throws(Failure) -> Int in throw Failure(element: 7) }
        #expect(throws: Failure(element: 7)) { try failing.value() }
        #expect(throws: Failure(element: 7)) { try failing.value() }
    }

    @Test("work cut into chunks over the cores comes back whole and in order, around the chunk size and far above it",
          arguments: [0, 1, 15, 16, 17, 31, 32, 33, 1_000, 100_003])
    func orderedChunks(count: Int) {
        let chunked = inOrderedChunks(of: count, minimumChunk: 16) { range in range.filter { $0 % 3 != 1 }.map { $0 * 2 } }
        #expect(chunked == (0..<count).filter { $0 % 3 != 1 }.map { $0 * 2 })
        let threads = Mutex(Set<pthread_t>())
        _ = inOrderedChunks(of: count, minimumChunk: 16) { range -> [Int] in
            threads.withLock { _ = $0.insert(pthread_self()) }
            return Array(range)
        }
        if count < 32 { #expect(threads.withLock { $0 } == [pthread_self()]) }
    }
}
