import Dispatch
import Synchronization

/// For every vertex of every arc, the largest tolerance at which it is still kept: a vertex
/// stays at tolerance `t` when its threshold is above `t`. Arc ends are never removed (their
/// threshold is infinite), and the thresholds of an arc only depend on that arc, so a border
/// shared by two neighbours is simplified the same way for both.
enum VertexThresholds {
    /// The thresholds, aligned with `topology.positions`, in the units of its coordinates.
    static func compute(_ topology: Topology, method: SimplificationMethod) -> [Double] {
        let arcCount = topology.arcCount
        let parts = max(1, min(arcCount, ProcessorCount.online * 8))
        let results = Mutex<[Int: [Double]]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let low = arcCount * part / parts, high = arcCount * (part + 1) / parts
            var thresholds: [Double] = []
            thresholds.reserveCapacity(topology.arcStarts[high] - topology.arcStarts[low])
            var workspace = Workspace()
            for arc in low..<high {
                let positions = topology.arc(arc)
                switch method {
                case .visvalingam: visvalingam(positions, weighted: true, into: &thresholds, workspace: &workspace)
                case .visvalingamUnweighted: visvalingam(positions, weighted: false, into: &thresholds, workspace: &workspace)
                case .douglasPeucker: thresholds += douglasPeucker(positions)
                }
            }
            results.withLock { $0[part] = thresholds }
        }
        return results.withLock { parts in (0..<parts.count).flatMap { parts[$0]! } }
    }

    /// What Visvalingam–Whyatt needs for an arc, kept from one arc to the next.
    struct Workspace {
        var previous: [Int] = []
        var next: [Int] = []
        var heap = IndexedMinHeap(capacity: 0)
    }

    /// Visvalingam–Whyatt: vertices leave by increasing effective area, the area of the triangle
    /// they make with their current neighbours, never less than that of a vertex removed before
    /// them. The threshold is the side of the square of that area.
    static func visvalingam(_ arc: ArraySlice<Position>, weighted: Bool) -> [Double] {
        var thresholds: [Double] = [], workspace = Workspace()
        visvalingam(arc, weighted: weighted, into: &thresholds, workspace: &workspace)
        return thresholds
    }

    /// Appends the arc's Visvalingam–Whyatt thresholds to `thresholds`.
    static func visvalingam(_ arc: ArraySlice<Position>, weighted: Bool, into thresholds: inout [Double], workspace: inout Workspace) {
        let count = arc.count, base = arc.startIndex, first = thresholds.count
        thresholds.append(contentsOf: repeatElement(.infinity, count: count))
        guard count > 2 else { return }
        func metric(_ a: Position, _ b: Position, _ c: Position) -> Double {
            let area = abs((a.x - b.x) * (c.y - b.y) - (c.x - b.x) * (a.y - b.y)) / 2
            guard weighted else { return area }
            // mapshaper's weighting: acute angles (spikes) count less, flat ones more.
            let ux = a.x - b.x, uy = a.y - b.y, vx = c.x - b.x, vy = c.y - b.y
            let lengths = ((ux * ux + uy * uy) * (vx * vx + vy * vy)).squareRoot()
            let cosine = lengths > 0 ? (ux * vx + uy * vy) / lengths : 0
            return area * (1 - 0.7 * cosine)
        }
        guard count > 3 else {
            thresholds[first + 1] = metric(arc[base], arc[base + 1], arc[base + 2]).squareRoot()
            return
        }
        workspace.previous.removeAll(keepingCapacity: true)
        workspace.previous.append(contentsOf: -1..<(count - 1))
        workspace.next.removeAll(keepingCapacity: true)
        workspace.next.append(contentsOf: 1...count)
        workspace.heap.reset(capacity: count)
        func metric(_ i: Int) -> Double {
            metric(arc[base + workspace.previous[i]], arc[base + i], arc[base + workspace.next[i]])
        }
        for i in 1..<(count - 1) { workspace.heap.insert(i, key: metric(i)) }
        var floor = 0.0
        while !workspace.heap.isEmpty {
            let (i, area) = workspace.heap.popMin()
            floor = max(floor, area)
            thresholds[first + i] = floor.squareRoot()
            let before = workspace.previous[i], after = workspace.next[i]
            workspace.next[before] = after
            workspace.previous[after] = before
            if before > 0 { workspace.heap.update(before, key: metric(before)) }
            if after < count - 1 { workspace.heap.update(after, key: metric(after)) }
        }
    }

    /// Douglas–Peucker: a vertex's threshold is its distance to the chord of the span that
    /// picked it, capped by the threshold of the vertex that split the span before.
    static func douglasPeucker(_ arc: ArraySlice<Position>) -> [Double] {
        let count = arc.count
        var thresholds = [Double](repeating: .infinity, count: count)
        guard count > 2 else { return thresholds }
        let p = Array(arc)
        var spans: [(Int, Int, Double)] = [(0, count - 1, .infinity)]
        while let (low, high, cap) = spans.popLast() {
            guard high - low > 1 else { continue }
            var farthest = low + 1, distance = -1.0
            // A closed arc's chord is a point: distance to that point then.
            let chord = Segment(a: p[low], b: p[high])
            for k in (low + 1)..<high {
                let d = chord.distance(to: p[k])
                if d > distance { distance = d; farthest = k }
            }
            let threshold = min(distance, cap)
            thresholds[farthest] = threshold
            spans.append((low, farthest, threshold))
            spans.append((farthest, high, threshold))
        }
        return thresholds
    }
}
