import Synchronization

/// The vertices' thresholds of one topology, per simplification method, computed at the first
/// generalisation that needs them and handed to the next: the zoom bands of a coverage share them.
final class ThresholdCache: Sendable {
    private let computed = Mutex<[SimplificationMethod: [Double]]>([:])

    /// The thresholds of `topology`'s vertices by `method`; `topology` is always the same one.
    func thresholds(of topology: Topology, method: SimplificationMethod) -> [Double] {
        computed.withLock { computed in
            if let known = computed[method] { return known }
            let thresholds = VertexThresholds.compute(topology, method: method)
            computed[method] = thresholds
            return thresholds
        }
    }
}
