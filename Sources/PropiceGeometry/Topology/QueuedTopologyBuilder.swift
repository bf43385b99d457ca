import Dispatch

/// A topology builder that works beside its caller: the geometries handed to it are added on
/// its own serial queue while the caller goes on (reading the rest of a file, say).
final class QueuedTopologyBuilder: @unchecked Sendable {
    /// Touched only on `queue`.
    private var builder: TopologyBuilder
    private let queue = DispatchQueue(label: "propice.topology")

    init(expectedPositions: Int) {
        builder = TopologyBuilder(expectedPositions: expectedPositions)
    }

    /// Adds the geometries, in order, after those handed over before.
    func add(_ geometries: [Geometry?]) {
        queue.async { for geometry in geometries { self.builder.add(geometry) } }
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
