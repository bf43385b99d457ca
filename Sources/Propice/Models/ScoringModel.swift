/// A scoring model for one programme, read from a YAML file of `geodata/models/`: the
/// indicators with their directions, normalisations and weights, the hard constraints, the
/// aggregation, the missing-data policy, the classes and their labels, and the sensitivity
/// analysis. Every weight and threshold is in the file; `geodata/models/README.md` documents
/// the format.
public struct ScoringModel: Sendable, Equatable, Decodable {
    /// The French labels of five classes, class 1 first.
    public static let defaultLabels = ["très propice", "propice", "intermédiaire", "peu propice", "très peu propice"]

    public struct MissingData: Sendable, Equatable, Decodable {
        /// The least weighted completeness (0 to 1) an EPCI needs to be scored: the mean of its
        /// indicators' completeness weighted by the model's weights, a missing figure counting 0.
        public var completeness: Double
    }

    public struct Sensitivity: Sendable, Equatable, Decodable {
        public var draws: Int
        public var seed: UInt64
        /// The Dirichlet concentration of the drawn weights around the model's: the higher,
        /// the closer; 0 keeps the weights fixed.
        public var concentration: Double
        /// Whether withheld figures are drawn between their bounds.
        public var masked: Bool

        enum CodingKeys: String, CodingKey, CaseIterable { case draws, seed, concentration, masked }

        /// The most Monte Carlo draws a model may ask for: each draws every EPCI's figures.
        public static let maximumDraws = 100_000
        /// Beyond this the drawn weights are the model's to every printed digit.
        public static let maximumConcentration = 1_000_000.0

        public init(draws: Int, seed: UInt64, concentration: Double, masked: Bool) {
            self.draws = draws
            self.seed = seed
            self.concentration = concentration
            self.masked = masked
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            draws = try c.decodeIfPresent(Int.self, forKey: .draws) ?? 1000
            seed = try c.decode(UInt64.self, forKey: .seed)
            concentration = try c.decode(Double.self, forKey: .concentration)
            masked = try c.decodeIfPresent(Bool.self, forKey: .masked) ?? true
            guard (0...Self.maximumDraws).contains(draws) else {
                throw DecodingError.dataCorruptedError(forKey: .draws, in: c, debugDescription: "from 0 to \(Self.maximumDraws), not \(draws)")
            }
            guard (0...Self.maximumConcentration).contains(concentration) else {
                throw DecodingError.dataCorruptedError(forKey: .concentration, in: c,
                                                       debugDescription: "from 0 to \(Self.maximumConcentration), not \(concentration)")
            }
        }
    }

    public var id: String
    /// The programme, as the maps name it (Intermédiation locative…).
    public var programme: String
    public var title: String
    public var constants: [ModelConstant]
    public var derived: [DerivedIndicator]
    public var indicators: [ModelIndicator]
    public var constraints: [ModelConstraint]
    public var aggregation: ScoreAggregation
    public var missing: MissingData
    public var classification: Classification
    /// The label of each class, class 1 (highest scores) first.
    public var labels: [String]
    /// The label of EPCI that lack data, and of those a constraint excludes.
    public var insufficientLabel: String
    public var excludedLabel: String
    public var sensitivity: Sensitivity
    /// The indicators of the file that left the model with the synthetic sources they rest on.
    public internal(set) var leftOut: [LeftOutIndicator] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, programme, title, constants, derived, indicators, constraints, aggregation, floor, missing, classification, sensitivity
        case insufficientLabel = "insufficient", excludedLabel = "excluded"
    }

    private struct ClassificationEntry: Decodable {
        var method: String
        var classes: Int?
        var breaks: [Double]?
        var labels: [String]?
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        programme = try c.decode(String.self, forKey: .programme)
        title = try c.decode(String.self, forKey: .title)
        constants = try c.decodeIfPresent([ModelConstant].self, forKey: .constants) ?? []
        derived = try c.decodeIfPresent([DerivedIndicator].self, forKey: .derived) ?? []
        indicators = try c.decode([ModelIndicator].self, forKey: .indicators)
        constraints = try c.decodeIfPresent([ModelConstraint].self, forKey: .constraints) ?? []
        switch try c.decodeIfPresent(String.self, forKey: .aggregation) ?? "arithmetic" {
        case "arithmetic": aggregation = .arithmetic
        case "geometric":
            let floor = try c.decode(Double.self, forKey: .floor)
            guard floor > 0, floor <= 1 else {
                throw DecodingError.dataCorruptedError(forKey: .floor, in: c, debugDescription: "the geometric mean's floor is a value above 0 and at most 1")
            }
            aggregation = .geometric(floor: floor)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .aggregation, in: c, debugDescription: "unknown aggregation '\(other)': use arithmetic or geometric")
        }
        missing = try c.decode(MissingData.self, forKey: .missing)
        guard (0...1).contains(missing.completeness) else {
            throw DecodingError.dataCorruptedError(forKey: .missing, in: c, debugDescription: "missing.completeness is a share from 0 to 1")
        }
        let entry = try c.decode(ClassificationEntry.self, forKey: .classification)
        let classes = entry.classes ?? entry.breaks.map { $0.count + 1 } ?? 5
        let method: Classification.Method
        switch entry.method {
        case "quantiles": method = .quantiles
        case "jenks": method = .jenks
        case "equal": method = .equalIntervals
        case "manual":
            guard let breaks = entry.breaks, breaks.count == classes - 1, breaks == breaks.sorted() else {
                throw DecodingError.dataCorruptedError(forKey: .classification, in: c, debugDescription: "manual classes need classes − 1 ascending breaks")
            }
            method = .manual(breaks)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .classification, in: c, debugDescription: "unknown classification '\(other)': use quantiles, jenks, equal or manual")
        }
        guard (2...Classification.maximumClasses).contains(classes) else {
            throw DecodingError.dataCorruptedError(forKey: .classification, in: c,
                                                   debugDescription: "from 2 to \(Classification.maximumClasses) classes (the map's colours), not \(classes)")
        }
        classification = Classification(method: method, classes: classes)
        labels = entry.labels ?? (classes == 5 ? Self.defaultLabels : [])
        guard labels.count == classes else {
            throw DecodingError.dataCorruptedError(forKey: .classification, in: c, debugDescription: "give one label per class (\(classes)), class 1 first")
        }
        insufficientLabel = try c.decodeIfPresent(String.self, forKey: .insufficientLabel) ?? "données insuffisantes"
        excludedLabel = try c.decodeIfPresent(String.self, forKey: .excludedLabel) ?? "hors critères"
        sensitivity = try c.decode(Sensitivity.self, forKey: .sensitivity)
    }
}
