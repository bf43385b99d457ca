/// A figure a model computes from others: a ratio, a difference, a share of a figure, a
/// Loc'Avantages rent ceiling, or points given to the EPCI's legal nature.
///
/// ```yaml
/// - id: places_iml_pour_1000_menages
///   label: Places d'IML pour 1 000 ménages
///   unit: places pour 1 000 ménages
///   ratio: {numerator: places_iml, denominator: menages, scale: 1000}
/// - id: ecart_loyer_social
///   difference: [loyer_appartement_m2, loyer_social_reference]
/// - id: loyer_loc2
///   loc_avantages: {of: loyer_appartement_m2, level: loc2}
/// - id: caractere_urbain
///   nature: {ME: 1, CU: 1, CA: 0.7, CC: 0.2}
/// ```
public struct DerivedIndicator: Sendable, Equatable, Decodable {
    /// How the figure is computed; references name catalogue indicators, constants or derived
    /// indicators declared earlier.
    public enum Rule: Sendable, Equatable {
        case ratio(numerator: String, denominator: String, scale: Double)
        case difference(String, String)
        case product(of: String, factor: Double)
        /// Points for each legal nature of EPCI.
        case nature([EPCINature: Double])

        /// The indicators it reads.
        public var references: [String] {
            switch self {
            case .ratio(let a, let b, _), .difference(let a, let b): [a, b]
            case .product(let a, _): [a]
            case .nature: []
            }
        }
    }

    /// The Loc'Avantages conventions (Anah, 2022): rent ceilings 15 %, 30 % and 45 % below
    /// the local market rent.
    public enum LocAvantages: String, Sendable, Decodable, CaseIterable {
        case loc1, loc2, loc3

        /// The ceiling as a share of the market rent.
        public var share: Double {
            switch self {
            case .loc1: 0.85
            case .loc2: 0.70
            case .loc3: 0.55
            }
        }
    }

    public var id: String
    public var label: String
    public var unit: String
    public var rule: Rule

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, unit, ratio, difference, product, nature
        case locAvantages = "loc_avantages"
    }

    private struct Ratio: Decodable {
        var numerator: String, denominator: String, scale: Double?
    }

    private struct Product: Decodable {
        var of: String, factor: Double
    }

    private struct Ceiling: Decodable {
        var of: String, level: LocAvantages
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? id
        var rules: [Rule] = []
        if let r = try c.decodeIfPresent(Ratio.self, forKey: .ratio) { rules.append(.ratio(numerator: r.numerator, denominator: r.denominator, scale: r.scale ?? 1)) }
        if let d = try c.decodeIfPresent([String].self, forKey: .difference) {
            guard d.count == 2 else {
                throw DecodingError.dataCorruptedError(forKey: .difference, in: c, debugDescription: "derived \(id): a difference is written [minuend, subtrahend]")
            }
            rules.append(.difference(d[0], d[1]))
        }
        if let p = try c.decodeIfPresent(Product.self, forKey: .product) { rules.append(.product(of: p.of, factor: p.factor)) }
        if let l = try c.decodeIfPresent(Ceiling.self, forKey: .locAvantages) { rules.append(.product(of: l.of, factor: l.level.share)) }
        if let n = try c.decodeIfPresent([String: Double].self, forKey: .nature) {
            var points: [EPCINature: Double] = [:]
            for (code, value) in n {
                guard let nature = EPCINature(code: code) else {
                    throw DecodingError.dataCorruptedError(forKey: .nature, in: c, debugDescription: "derived \(id): '\(code)' is not an EPCI nature (CA, CC, CU, ME)")
                }
                points[nature] = value
            }
            let missing = EPCINature.allCases.filter { points[$0] == nil }
            guard missing.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .nature, in: c, debugDescription: "derived \(id): give points to every nature; missing \(missing.map(\.rawValue).joined(separator: ", "))")
            }
            rules.append(.nature(points))
        }
        guard rules.count == 1, let rule = rules.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                                                    debugDescription: "derived \(id): give exactly one of ratio, difference, product, loc_avantages or nature"))
        }
        self.rule = rule
        let isNature = if case .nature = rule { true } else { false }
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? (isNature ? "points" : "")
        guard !unit.isEmpty else {
            throw DecodingError.keyNotFound(CodingKeys.unit, .init(codingPath: c.codingPath, debugDescription: "derived \(id) needs its unit"))
        }
    }
}
