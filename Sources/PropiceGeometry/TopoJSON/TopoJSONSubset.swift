/// Extracts topologies holding some of a TopoJSON file's objects: each keeps the file's
/// `transform`, its objects as written (members other than arcs captured as compact JSON), and
/// only the arcs they reference, renumbered in the order they are first referenced. A pipeline
/// can ask for one layer of one band without downloading the others.
public enum TopoJSONSubset {
    /// One topology per list of object names, read in one pass from `bytes`, the text of the
    /// file at `path` (which errors name). An object name the file lacks is an error naming the
    /// file's objects.
    public static func extract(_ bytes: UnsafeRawBufferPointer, path: String, objects wanted: [[String]]) throws -> [[UInt8]] {
        var scanner = try JSONScanner(source: ByteSource(path: path, bytes: bytes, startOffset: 0))
        var transform: String?
        var objects: [String: ParsedObject] = [:]
        var arcs: [[UInt8]] = []
        try scanner.expect(UInt8(ascii: "{"), "a TopoJSON object")
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let name = try scanner.readString()
                try scanner.expect(UInt8(ascii: ":"), "':' after a member name")
                switch name {
                case "type":
                    let start = scanner.offset
                    guard try scanner.readString() == "Topology" else { throw scanner.error(at: start, "not a TopoJSON file: its type is not \"Topology\"") }
                case "transform": transform = try scanner.captureValue()
                case "objects": objects = try readObjects(&scanner)
                case "arcs":
                    try scanner.expect(UInt8(ascii: "["), "the array of arcs")
                    if try !scanner.consume(UInt8(ascii: "]")) {
                        repeat {
                            var arc: [UInt8] = []
                            _ = try scanner.captureRawValue(into: &arc)
                            arcs.append(arc)
                        } while try scanner.nextElement(close: UInt8(ascii: "]"))
                    }
                default: try scanner.skipValue()
                }
            } while try scanner.nextElement(close: UInt8(ascii: "}"))
        }
        try scanner.expectEnd()
        return try wanted.map { names in
            try assemble(names.map { name in
                guard let object = objects[name] else {
                    throw InputError(file: path, message: "no object '\(name)' in this TopoJSON file; it has \(objects.keys.sorted().joined(separator: ", "))")
                }
                return (name, object)
            }, arcs: arcs, transform: transform, path: path)
        }
    }

    /// An object as read: its JSON text in pieces, between which go the renumbered arcs of
    /// `references` (one list per `arcs` member met, in order).
    private struct ParsedObject {
        var pieces: [[UInt8]] = [[]]
        var references: [ArcReferences] = []
    }

    /// The value of an `arcs` member: nested arrays of arc indices (`~i` is `-i-1`).
    private indirect enum ArcReferences {
        case index(Int)
        case list([ArcReferences])
    }

    private static func readObjects(_ scanner: inout JSONScanner) throws -> [String: ParsedObject] {
        var objects: [String: ParsedObject] = [:]
        try scanner.expect(UInt8(ascii: "{"), "the objects of the topology")
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let name = try scanner.readString()
                try scanner.expect(UInt8(ascii: ":"), "':' after an object's name")
                var object = ParsedObject()
                try readGeometry(&scanner, into: &object, depth: 0)
                objects[name] = object
            } while try scanner.nextElement(close: UInt8(ascii: "}"))
        }
        return objects
    }

    /// A geometry object, copied member by member: `arcs` parsed, `geometries` followed, the
    /// rest captured.
    private static func readGeometry(_ scanner: inout JSONScanner, into object: inout ParsedObject, depth: Int) throws {
        guard depth < 32 else { throw scanner.error(at: scanner.offset, "geometry collections are nested more than 32 deep") }
        try scanner.expect(UInt8(ascii: "{"), "a TopoJSON geometry object")
        object.pieces[object.pieces.count - 1].append(UInt8(ascii: "{"))
        var first = true
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let name = try scanner.readString()
                try scanner.expect(UInt8(ascii: ":"), "':' after a member name")
                var text: [UInt8] = first ? [] : [UInt8(ascii: ",")]
                first = false
                JSONText.appendString(name, to: &text)
                text.append(UInt8(ascii: ":"))
                object.pieces[object.pieces.count - 1].append(contentsOf: text)
                switch name {
                case "arcs":
                    object.references.append(try readReferences(&scanner, depth: 0))
                    object.pieces.append([])
                case "geometries":
                    try scanner.expect(UInt8(ascii: "["), "the array of a collection's geometries")
                    object.pieces[object.pieces.count - 1].append(UInt8(ascii: "["))
                    if try !scanner.consume(UInt8(ascii: "]")) {
                        var firstGeometry = true
                        repeat {
                            if !firstGeometry { object.pieces[object.pieces.count - 1].append(UInt8(ascii: ",")) }
                            firstGeometry = false
                            try readGeometry(&scanner, into: &object, depth: depth + 1)
                        } while try scanner.nextElement(close: UInt8(ascii: "]"))
                    }
                    object.pieces[object.pieces.count - 1].append(UInt8(ascii: "]"))
                default:
                    object.pieces[object.pieces.count - 1].append(contentsOf: Array(try scanner.captureValue().utf8))
                }
            } while try scanner.nextElement(close: UInt8(ascii: "}"))
        }
        object.pieces[object.pieces.count - 1].append(UInt8(ascii: "}"))
    }

    private static func readReferences(_ scanner: inout JSONScanner, depth: Int) throws -> ArcReferences {
        guard depth < 8 else { throw scanner.error(at: scanner.offset, "arc references are nested more than 8 deep") }
        if try scanner.consume(UInt8(ascii: "[")) {
            var list: [ArcReferences] = []
            if try !scanner.consume(UInt8(ascii: "]")) {
                repeat { list.append(try readReferences(&scanner, depth: depth + 1)) } while try scanner.nextElement(close: UInt8(ascii: "]"))
            }
            return .list(list)
        }
        let start = scanner.offset
        guard let index = try scanner.readNumber("an arc index").integer, let value = Int(exactly: index) else {
            throw scanner.error(at: start, "an arc index is not an integer")
        }
        return .index(value)
    }

    private static func assemble(_ objects: [(String, ParsedObject)], arcs: [[UInt8]], transform: String?, path: String) throws -> [UInt8] {
        var renumbered: [Int: Int] = [:]
        var kept: [Int] = []
        func write(_ references: ArcReferences, to out: inout [UInt8]) throws {
            switch references {
            case .index(let value):
                let arc = value < 0 ? ~value : value
                guard arc < arcs.count else { throw InputError(file: path, message: "an object references arc \(arc), but the file has \(arcs.count) arcs") }
                let new: Int
                if let known = renumbered[arc] { new = known } else {
                    new = kept.count
                    renumbered[arc] = new
                    kept.append(arc)
                }
                JSONText.appendInteger(Int64(value < 0 ? ~new : new), to: &out)
            case .list(let list):
                out.append(UInt8(ascii: "["))
                for (i, item) in list.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    try write(item, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        var out = Array(#"{"type":"Topology""#.utf8)
        if let transform { out.append(contentsOf: Array(#","transform":"#.utf8) + Array(transform.utf8)) }
        out.append(contentsOf: #","objects":{"#.utf8)
        for (o, (name, object)) in objects.enumerated() {
            if o > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            for (p, piece) in object.pieces.enumerated() {
                out.append(contentsOf: piece)
                if p < object.references.count { try write(object.references[p], to: &out) }
            }
        }
        out.append(contentsOf: #"},"arcs":["#.utf8)
        for (k, arc) in kept.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: arcs[arc])
        }
        out.append(contentsOf: "]}\n".utf8)
        return out
    }
}
