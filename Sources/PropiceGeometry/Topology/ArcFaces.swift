extension Topology {
    /// The faces of the plane that some arcs divide it into, each as the references of the
    /// arcs around it with the face on their left: bounded faces come out counter-clockwise,
    /// the unbounded one (and any face around which arcs only hang) clockwise. At a node the
    /// sharpest left turn is taken, so an area pinched off at a node is a face of its own.
    func planarFaces(bounding arcs: [Int]) -> [[Int32]] {
        trace(arcs.flatMap { [Int32($0), ~Int32($0)] }, revisiting: true)
    }

    /// Follows arc references from node to node into closed paths, taking at each node the
    /// reference leaving it with the sharpest left turn. Without `revisiting`, only references
    /// not yet followed are candidates and a path ends where none is left; with it, every
    /// reference leaving the node is (going back along the same arc last), and a path ends
    /// when it comes to one already followed: each reference is then on the path of the face
    /// to its left.
    func trace(_ references: [Int32], revisiting: Bool) -> [[Int32]] {
        // The references leaving each node, in their order: the first by node, then each one's next
        // (-1 after the last), rather than an array per node. Nodes are numbered by position.
        var nodes = PositionNumbering(expected: references.count)
        let startNodes = references.map { Int(nodes.number(ends($0).start)) }
        var firstLeaving = [Int](repeating: -1, count: nodes.positions.count)
        var nextLeaving = [Int](repeating: -1, count: references.count)
        for i in references.indices.reversed() {
            nextLeaving[i] = firstLeaving[startNodes[i]]
            firstLeaving[startNodes[i]] = i
        }
        var used = [Bool](repeating: false, count: references.count)
        var paths: [[Int32]] = []
        for first in references.indices where !used[first] {
            var path: [Int32] = []
            var current = first
            while !used[current] {
                used[current] = true
                path.append(references[current])
                let (_, _, beforeEnd, end) = ends(references[current])
                let incoming = (end.x - beforeEnd.x, end.y - beforeEnd.y)
                var best: (index: Int, turn: Double)?
                var candidate = nodes.existingNumber(end).map { firstLeaving[Int($0)] } ?? -1
                while candidate >= 0 {
                    defer { candidate = nextLeaving[candidate] }
                    guard revisiting || !used[candidate] else { continue }
                    let turn = references[candidate] == ~references[current] ? -Double.pi
                        : turn(incoming, from: end, to: ends(references[candidate]).afterStart)
                    if best == nil || turn > best!.turn { best = (candidate, turn) }
                }
                guard let best else { break }
                current = best.index
            }
            paths.append(path)
        }
        return paths
    }
}
