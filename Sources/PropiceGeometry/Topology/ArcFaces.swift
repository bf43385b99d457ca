extension Topology {
    /// The faces of the plane that some arcs divide it into, each as the references of the
    /// arcs around it with the face on their left: bounded faces come out counter-clockwise,
    /// the unbounded one (and any face around which arcs only hang) clockwise. At a node the
    /// sharpest left turn is taken, so an area pinched off at a node is a face of its own.
    func faces(bounding arcs: [Int]) -> [[Int32]] {
        let halfEdges = arcs.flatMap { [Int32($0), ~Int32($0)] }
        var leaving: [Position: [Int]] = [:]
        for (i, reference) in halfEdges.enumerated() { leaving[ends(reference).start, default: []].append(i) }
        var used = [Bool](repeating: false, count: halfEdges.count)
        var faces: [[Int32]] = []
        for first in halfEdges.indices where !used[first] {
            var face: [Int32] = []
            var current = first
            while !used[current] {
                used[current] = true
                face.append(halfEdges[current])
                let (_, _, beforeEnd, end) = ends(halfEdges[current])
                let incoming = (end.x - beforeEnd.x, end.y - beforeEnd.y)
                var best: (index: Int, turn: Double)?
                for candidate in leaving[end] ?? [] {
                    // Going back along the same arc is the last resort (a dangling arc).
                    let turn = halfEdges[candidate] == ~halfEdges[current] ? -Double.pi
                        : turn(incoming, from: end, to: ends(halfEdges[candidate]).afterStart)
                    if best == nil || turn > best!.turn { best = (candidate, turn) }
                }
                guard let best else { break }
                current = best.index
            }
            faces.append(face)
        }
        return faces
    }
}
