import Dispatch

/// A `TopologyBuilder` fed from one thread and run on another, so that rings are numbered
/// while the next features are read. At most `pending` hand-overs wait their turn: a reader
/// faster than the numbering waits for it rather than holding the rest of the file's
/// geometries in memory.
final class QueuedTopologyBuilder: @unchecked Sendable {
    /// Touched only on `queue`.
    private var builder: TopologyBuilder
    private let queue = DispatchQueue(label: "propice.topology")
    private let slots: DispatchSemaphore

    init(expectedPositions: Int, pending: Int = 4) {
        builder = TopologyBuilder(expectedPositions: expectedPositions)
        slots = DispatchSemaphore(value: pending)
    }

    /// Adds the geometries, in order, after those handed over before; waits while `pending`
    /// hand-overs are still to be added.
    func add(_ geometries: [Geometry?]) {
        slots.wait()
        queue.async {
            for geometry in geometries { self.builder.add(geometry) }
            self.slots.signal()
        }
    }

    /// The distinct positions of every geometry handed over, once they are all added.
    func points() -> [Position] {
        queue.sync { builder.points }
    }

    /// The topology of every geometry handed over, once they are all added.
    func build() -> Topology {
        queue.sync { builder.build() }
    }
}
