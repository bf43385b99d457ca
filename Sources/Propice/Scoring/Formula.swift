/// A model indicator's figure for one EPCI, as a formula over the catalogue's figures (its
/// base columns). NaN is a missing figure; ±infinity an unbounded end of an interval.
indirect enum Formula: Sendable {
    case base(Int)
    case constant(Double)
    case nature([EPCINature: Double])
    case ratio(Formula, Formula, scale: Double)
    case difference(Formula, Formula)
    case product(Formula, factor: Double)

    /// The figure, given each base column's figure; a zero denominator gives NaN.
    func value(nature: EPCINature, _ base: (Int) -> Double) -> Double {
        switch self {
        case .base(let i): return base(i)
        case .constant(let x): return x
        case .nature(let points): return points[nature] ?? .nan
        case .ratio(let a, let b, let scale):
            let d = b.value(nature: nature, base)
            return d == 0 ? .nan : a.value(nature: nature, base) / d * scale
        case .difference(let a, let b): return a.value(nature: nature, base) - b.value(nature: nature, base)
        case .product(let a, let factor): return a.value(nature: nature, base) * factor
        }
    }

    /// The figure of every row into `result` (replaced): `value(nature:_:)` row by row, with
    /// `natures[row]` and `base[b][row]`, the same operations on each row, but each part of the
    /// formula taken once for all the rows. `scratch` lends the columns of the parts and keeps
    /// them for the next call.
    func values(natures: [EPCINature], base: [[Double]], into result: inout [Double], scratch: inout [[Double]]) {
        result.removeAll(keepingCapacity: true)
        switch self {
        case .base(let i):
            result.append(contentsOf: base[i])
        case .constant(let x):
            result.append(contentsOf: repeatElement(x, count: natures.count))
        case .nature(let points):
            for nature in natures { result.append(points[nature] ?? .nan) }
        case .ratio(let a, let b, let scale):
            b.values(natures: natures, base: base, into: &result, scratch: &scratch)
            var numerators = scratch.popLast() ?? []
            a.values(natures: natures, base: base, into: &numerators, scratch: &scratch)
            for row in result.indices { result[row] = result[row] == 0 ? .nan : numerators[row] / result[row] * scale }
            scratch.append(numerators)
        case .difference(let a, let b):
            a.values(natures: natures, base: base, into: &result, scratch: &scratch)
            var subtracted = scratch.popLast() ?? []
            b.values(natures: natures, base: base, into: &subtracted, scratch: &scratch)
            for row in result.indices { result[row] -= subtracted[row] }
            scratch.append(subtracted)
        case .product(let a, let factor):
            a.values(natures: natures, base: base, into: &result, scratch: &scratch)
            for row in result.indices { result[row] *= factor }
        }
    }

    /// The bounds of the figure, given each base column's bounds, by interval arithmetic. A
    /// ratio whose denominator may be zero is unbounded.
    func interval(nature: EPCINature, _ base: (Int) -> (Double, Double)) -> (lower: Double, upper: Double) {
        switch self {
        case .base(let i): return base(i)
        case .constant, .nature:
            let x = value(nature: nature) { _ in .nan }
            return (x, x)
        case .ratio(let a, let b, let scale):
            let (al, au) = a.interval(nature: nature, base), (bl, bu) = b.interval(nature: nature, base)
            guard bl > 0 || bu < 0 else { return (-.infinity, .infinity) }
            let corners = [al / bl, al / bu, au / bl, au / bu].map { $0 * scale }.filter { !$0.isNaN }
            return (corners.min() ?? .nan, corners.max() ?? .nan)
        case .difference(let a, let b):
            let (al, au) = a.interval(nature: nature, base), (bl, bu) = b.interval(nature: nature, base)
            return (al - bu, au - bl)
        case .product(let a, let factor):
            let (l, u) = a.interval(nature: nature, base)
            return factor >= 0 ? (l * factor, u * factor) : (u * factor, l * factor)
        }
    }

    /// The base columns it reads.
    var bases: [Int] {
        switch self {
        case .base(let i): [i]
        case .constant, .nature: []
        case .ratio(let a, let b, _), .difference(let a, let b): a.bases + b.bases
        case .product(let a, _): a.bases
        }
    }
}
