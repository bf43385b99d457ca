/// A hard rule an EPCI must meet before it is scored.
///
/// ```yaml
/// - {indicator: population, min: 10000}   # fails: "hors critères" (or min and max)
/// - {required: demandes_sans_abri_ou_hebergees}   # missing: "données insuffisantes"
/// ```
public enum ModelConstraint: Sendable, Equatable, Decodable {
    /// The figure must lie within the bounds; an EPCI outside is excluded.
    case bounds(indicator: String, min: Double?, max: Double?)
    /// The figure must be present; an EPCI without it has insufficient data.
    case required(String)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case indicator, min, max, required
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch (try c.decodeIfPresent(String.self, forKey: .indicator), try c.decodeIfPresent(String.self, forKey: .required)) {
        case (let id?, nil):
            let low = try c.decodeIfPresent(Double.self, forKey: .min), high = try c.decodeIfPresent(Double.self, forKey: .max)
            guard low != nil || high != nil else {
                throw DecodingError.dataCorruptedError(forKey: .min, in: c, debugDescription: "constraint on \(id): give min, max or both")
            }
            self = .bounds(indicator: id, min: low, max: high)
        case (nil, let id?): self = .required(id)
        default:
            throw DecodingError.dataCorruptedError(forKey: .indicator, in: c, debugDescription: "a constraint is {indicator: id, min:, max:} or {required: id}")
        }
    }

    /// The indicator it reads.
    public var indicator: String {
        switch self {
        case .bounds(let id, _, _), .required(let id): id
        }
    }
}
