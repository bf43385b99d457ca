import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dissolving faces into groups by choosing arcs: the arcs between two faces of the same group
/// are dropped, the others are chained into rings around each group.
extension Topology {
    /// A group's dissolved geometry.
    public struct DissolvedGroup: Sendable, Equatable {
        public var key: String
        /// The indices of the faces in the group, ascending.
        public var faces: [Int]
        /// A Polygon, or a MultiPolygon when the group has several parts. Enclaves of other
        /// groups are holes.
        public var geometry: Geometry
        /// The same polygons and rings as references to the topology's arcs, as TopoJSON writes them.
        public var arcs: TopologyFace
    }

    /// Dissolves the faces by group: `groups[i]` is face `i`'s group, nil to leave it out
    /// (it then counts as outside, like the sea). Groups come in the order of their first face.
    public func dissolve(by groups: [String?]) throws -> [DissolvedGroup] {
        guard groups.count == faces.count else {
            throw TopologyError(message: "dissolving needs one group per face: \(groups.count) groups for \(faces.count) faces")
        }
        var groupIndex: [String: Int32] = [:]
        var keys: [String] = []
        var members: [[Int]] = []
        let faceGroup: [Int32] = groups.enumerated().map { face, key in
            guard let key else { return -1 }
            if let known = groupIndex[key] {
                members[Int(known)].append(face)
                return known
            }
            groupIndex[key] = Int32(keys.count)
            keys.append(key)
            members.append([face])
            return Int32(keys.count - 1)
        }

        // The groups on each side of every arc; an arc with the same group on both sides is inside it.
        var sides = [(Int32, Int32)](repeating: (-1, -1), count: arcCount)
        var seen = [Int](repeating: 0, count: arcCount)
        for (face, group) in faceGroup.enumerated() where group >= 0 {
            forEachReference(of: face) { reference in
                let arc = Self.arcIndex(reference)
                if seen[arc] == 0 { sides[arc].0 = group } else { sides[arc].1 = group }
                seen[arc] += 1
            }
        }

        // Each group on its own, on one thread per core.
        let sidesOfArcs = sides, uses = seen, memberLists = members, groupKeys = keys
        let parts = max(1, min(groupKeys.count, ProcessorCount.online * 8))
        let results = Mutex<[Int: Result<[DissolvedGroup], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let result = Result {
                try (groupKeys.count * part / parts..<groupKeys.count * (part + 1) / parts).map { g in
                    let group = Int32(g)
                    var boundary: [Int32] = []
                    for face in memberLists[g] {
                        forEachReference(of: face) { reference in
                            let arc = Self.arcIndex(reference)
                            if !(uses[arc] == 2 && sidesOfArcs[arc] == (group, group)) { boundary.append(reference) }
                        }
                    }
                    let (geometry, arcs) = try assemble(chain(boundary), key: groupKeys[g])
                    return DissolvedGroup(key: groupKeys[g], faces: memberLists[g], geometry: geometry, arcs: arcs)
                }
            }
            results.withLock { $0[part] = result }
        }
        return try results.withLock { r in try (0..<parts).flatMap { try r[$0]!.get() } }
    }

    /// Calls `body` with each arc reference of face `index`, ring after ring.
    @inline(__always) private func forEachReference(of index: Int, _ body: (Int32) -> Void) {
        faces.withUnsafeBufferPointer { faces in
            for polygon in faces[index].polygons {
                for ring in polygon { ring.withUnsafeBufferPointer { for reference in $0 { body(reference) } } }
            }
        }
    }

    /// The first and last positions of a reference's path, and the positions next to them.
    func ends(_ reference: Int32) -> (start: Position, afterStart: Position, beforeEnd: Position, end: Position) {
        let arc = arc(Self.arcIndex(reference))
        let first = arc[arc.startIndex], second = arc[arc.startIndex + 1]
        let last = arc[arc.endIndex - 1], secondLast = arc[arc.endIndex - 2]
        return reference >= 0 ? (first, second, secondLast, last) : (last, secondLast, second, first)
    }

    /// Chains directed boundary arcs into closed rings of arc references. Where several arcs
    /// leave a node (a group touching itself at a point), the sharpest left turn is taken, which
    /// keeps each ring simple. Every node must have as many arcs leaving as arriving.
    func chain(_ boundary: [Int32]) -> [[Int32]] {
        trace(boundary, revisiting: false)
    }

    /// The signed angle from the incoming direction to the segment `node → next`: positive to the left.
    func turn(_ incoming: (Double, Double), from node: Position, to next: Position) -> Double {
        let out = (next.x - node.x, next.y - node.y)
        return atan2(incoming.0 * out.1 - incoming.1 * out.0, incoming.0 * out.0 + incoming.1 * out.1)
    }

    /// Sorts rings of arc references into exteriors (counter-clockwise) and holes, each hole
    /// to the smallest exterior around it; returns the geometry and its arc references.
    private func assemble(_ chains: [[Int32]], key: String) throws -> (Geometry, TopologyFace) {
        var exteriors: [(ring: Ring, references: [Int32], box: BoundingBox, area: Double, holes: [Int])] = []
        var holes: [(ring: Ring, references: [Int32])] = []
        for references in chains {
            let ring = ring(references)
            let doubleArea = ring.signedDoubleArea
            if doubleArea > 0 { exteriors.append((ring, references, ring.boundingBox, doubleArea / 2, [])) }
            else if doubleArea < 0 { holes.append((ring, references)) }
        }
        for (h, hole) in holes.enumerated() {
            // The middle of the hole's first segment lies inside its exterior, never on it:
            // two rings of one group cannot share a segment.
            let a = hole.ring.positions[0], b = hole.ring.positions[1]
            let probe = Position(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
            let around = exteriors.indices
                .filter { exteriors[$0].box.contains(probe) && exteriors[$0].ring.contains(probe) }
                .min { exteriors[$0].area < exteriors[$1].area }
            guard let around else {
                throw TopologyError(message: "dissolving \(key): a hole near (\(probe.x), \(probe.y)) lies in no exterior ring; is the coverage clean?")
            }
            exteriors[around].holes.append(h)
        }
        let polygons = exteriors.map { Polygon(exterior: $0.ring, holes: $0.holes.map { holes[$0].ring }) }
        guard !polygons.isEmpty else { throw TopologyError(message: "dissolving \(key) left no surface") }
        let face = TopologyFace(kind: polygons.count == 1 ? .polygon : .multiPolygon,
                                polygons: exteriors.map { [$0.references] + $0.holes.map { holes[$0].references } })
        return (polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(MultiPolygon(polygons: polygons)), face)
    }
}
