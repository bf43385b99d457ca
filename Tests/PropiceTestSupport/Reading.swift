import PropiceGeometry

/// Every feature of a file, for tests.
public func readAll(_ path: String, layer: String? = nil) throws -> [Feature] {
    let reader = try LayerConversion.openReader(path, layer: layer)
    var features: [Feature] = []
    while let feature = try reader.next() { features.append(feature) }
    return features
}

/// The error a throwing call raised, for asserting its text.
public func inputError(_ body: () throws -> Void) -> InputError? {
    do {
        try body()
        return nil
    } catch let error as InputError {
        return error
    } catch {
        return nil
    }
}

/// A square ring from (x, y) with side `size`, counter-clockwise unless `clockwise`.
public func square(_ x: Double, _ y: Double, _ size: Double, clockwise: Bool = false) -> Ring {
    let ring = Ring(positions: [Position(x: x, y: y), Position(x: x + size, y: y), Position(x: x + size, y: y + size),
                                Position(x: x, y: y + size), Position(x: x, y: y)])
    return clockwise ? Ring(positions: ring.positions.reversed()) : ring
}

extension TextTable {
    /// Every row's fields, for tests.
    public var rows: [[String]] { (0..<count).map { row in (0..<columns.count).map { self[row, $0] } } }
}
