/// The faces that follow each arc of a topology, in face order, a face once per run of its
/// references to the arc: held in two flat arrays rather than an array per arc (a hundred
/// thousand small allocations for France's communes).
struct FacesOfArcs {
    /// Arc a's faces are `faces[starts[a]..<starts[a + 1]]`.
    private var starts: [Int]
    private var faces: [Int]

    init(_ topology: Topology) {
        var counts = [Int](repeating: 0, count: topology.arcCount + 1)
        var last = [Int](repeating: -1, count: topology.arcCount)
        Self.forEachFace(of: topology, last: &last) { arc, _ in counts[arc + 1] += 1 }
        for a in counts.indices.dropFirst() { counts[a] += counts[a - 1] }
        starts = counts
        var next = counts, faces = [Int](repeating: 0, count: counts[topology.arcCount])
        last = [Int](repeating: -1, count: topology.arcCount)
        Self.forEachFace(of: topology, last: &last) { arc, face in
            faces[next[arc]] = face
            next[arc] += 1
        }
        self.faces = faces
    }

    /// The faces that follow arc `arc`.
    subscript(arc: Int) -> ArraySlice<Int> { faces[starts[arc]..<starts[arc + 1]] }

    /// Calls `body` with each arc and a face that follows it, in face order, once per face's run
    /// of references to the arc (`last` holds, per arc, the face last seen).
    private static func forEachFace(of topology: Topology, last: inout [Int], _ body: (Int, Int) -> Void) {
        for (f, face) in topology.faces.enumerated() {
            for reference in face.polygons.joined().joined() {
                let arc = Topology.arcIndex(reference)
                guard last[arc] != f else { continue }
                last[arc] = f
                body(arc, f)
            }
        }
    }
}
