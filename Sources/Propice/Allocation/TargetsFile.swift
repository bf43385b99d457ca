import Foundation
import PropiceGeometry

/// The regional targets of a plan and how each is split among territories (YAML):
///
/// ```yaml
/// territory: Occitanie
/// source: Plan Logement d'abord Occitanie 2023-2027
/// programmes:
///   - id: iml
///     label: Places nouvelles à créer en IML (hors reconstitution du stock)
///     unit: places
///     milestones: {2023: 460, 2024: 920, 2025: 1380, 2026: 1840, 2027: 2300}   # cumulative
///     source: "« Places nouvelles à créer en IML » : Jalon 2023 460 … Cible totale 2027 2 300"
///     model: iml                         # the scores, classes and statuses used
///     method: need_score                 # need | need_score | class_quotas
///     need: demandes_sans_abri_ou_hebergees
///     quotas: [0.35, 0.3, 0.2, 0.15, 0]  # class_quotas: the share of each class, class 1 first
///     floors: {departement: 20, epci: 5, classes: 2}   # per département; per EPCI in classes 1…2
///     cap: {of: demandes_en_cours, share: 0.5}         # at most this share of a figure
///     zero_where: [donnees_insuffisantes, hors_criteres]
///     realised: realise-iml.csv          # what has been done (see RealisedFigures)
/// ```
public struct TargetsFile: Sendable, Decodable {
    public var territory: String
    public var source: String
    public var programmes: [ProgrammeTarget]

    /// Reads and checks a targets file.
    public static func load(path: String) throws -> TargetsFile {
        var file = try YAMLDocument.decode(TargetsFile.self, path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for i in file.programmes.indices { file.programmes[i].realised = file.programmes[i].realised.map { FilePath.resolve($0, against: folder) } }
        var seen = Set<String>()
        for (i, programme) in file.programmes.enumerated() {
            guard seen.insert(programme.id).inserted else {
                throw InputError(file: path, message: "programmes[\(i)]: the id '\(programme.id)' is used twice")
            }
            if let problem = programme.problem { throw InputError(file: path, message: "programmes[\(i)] (\(programme.id)): \(problem)") }
        }
        return file
    }

    /// The programme with this id.
    public subscript(id: String) -> ProgrammeTarget? { programmes.first { $0.id == id } }
}

/// One regional target and its key.
public struct ProgrammeTarget: Sendable, Decodable {
    /// How the target is split.
    public enum Method: String, Sendable, Decodable {
        /// In proportion to the need figure.
        case need
        /// In proportion to need × score / 100.
        case needScore = "need_score"
        /// Each score class gets its quota of the target, split within it by need.
        case classQuotas = "class_quotas"
    }

    /// Minimums: per département, and per EPCI in the classes 1…`classes` of the model.
    public struct Floors: Sendable, Decodable, Equatable {
        public var departement: Int?
        public var epci: Int?
        public var classes: Int?
    }

    /// A maximum per EPCI: `share` of one of its figures, rounded down.
    public struct Cap: Sendable, Decodable, Equatable {
        public var of: String
        public var share: Double
    }

    public var id: String
    public var label: String
    public var unit: String
    /// Cumulative figures by year; the last is the target.
    public var milestones: [Int: Int]
    public var source: String
    public var model: String?
    public var method: Method
    public var need: String
    public var quotas: [Double]?
    public var floors: Floors?
    public var cap: Cap?
    /// The statuses whose EPCI get nothing: `donnees_insuffisantes`, `hors_criteres`.
    public var zeroWhere: [ScoreOutcome]
    /// The CSV of the figures realised so far, absolute once loaded.
    public var realised: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, unit, milestones, source, model, method, need, quotas, floors, cap, realised
        case zeroWhere = "zero_where"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        unit = try c.decode(String.self, forKey: .unit)
        milestones = try c.decode([Int: Int].self, forKey: .milestones)
        source = try c.decode(String.self, forKey: .source)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        method = try c.decode(Method.self, forKey: .method)
        need = try c.decode(String.self, forKey: .need)
        quotas = try c.decodeIfPresent([Double].self, forKey: .quotas)
        floors = try c.decodeIfPresent(Floors.self, forKey: .floors)
        cap = try c.decodeIfPresent(Cap.self, forKey: .cap)
        zeroWhere = try c.decodeIfPresent([ScoreOutcome].self, forKey: .zeroWhere) ?? []
        realised = try c.decodeIfPresent(String.self, forKey: .realised)
    }

    /// The most places a target, a milestone, a floor or a realised figure can count: far
    /// above any plan's, and small enough that no sum of them overflows.
    public static let maximumPlaces = 10_000_000
    /// The years a milestone can fall in.
    public static let years = 2000...2100

    /// The years, in order.
    public var years: [Int] { milestones.keys.sorted() }
    /// The last year, the target's.
    public var lastYear: Int { milestones.keys.max() ?? 0 }
    /// The target: the last milestone.
    public var target: Int { milestones.max { $0.key < $1.key }?.value ?? 0 }

    /// What is wrong with the declaration, if anything.
    var problem: String? {
        let values = milestones.sorted { $0.key < $1.key }.map(\.value)
        if values.isEmpty { return "milestones: at least one year" }
        if let year = years.first(where: { !Self.years.contains($0) }) {
            return "milestones: \(year) is not a year from \(Self.years.lowerBound) to \(Self.years.upperBound)"
        }
        if values.contains(where: { $0 < 0 || $0 > Self.maximumPlaces }) || zip(values, values.dropFirst()).contains(where: { $0 > $1 }) {
            return "milestones: cumulative figures from 0 to \(Self.maximumPlaces), never decreasing (\(values.map(String.init).joined(separator: ", ")))"
        }
        for (name, floor) in [("departement", floors?.departement), ("epci", floors?.epci)] {
            if let floor, !(0...target).contains(floor) { return "floors.\(name): \(floor) is not a number of places from 0 to the target (\(target))" }
        }
        if let classes = floors?.classes, !(1...Classification.maximumClasses).contains(classes) {
            return "floors.classes: \(classes) is not a class from 1 to \(Classification.maximumClasses)"
        }
        if method != .need && model == nil { return "method \(method.rawValue) needs a model" }
        if floors?.epci != nil && (floors?.classes == nil || model == nil) { return "floors.epci needs floors.classes and a model" }
        if !zeroWhere.isEmpty && model == nil { return "zero_where needs a model" }
        if let share = cap?.share, !(0...1).contains(share) { return "cap.share: a share from 0 to 1, not \(share)" }
        if let quotas, quotas.count > Classification.maximumClasses || quotas.contains(where: { !(0...1).contains($0) }) {
            return "quotas: at most \(Classification.maximumClasses) shares, each from 0 to 1"
        }
        if method == .classQuotas {
            guard let quotas, !quotas.isEmpty, quotas.contains(where: { $0 > 0 }) else {
                return "class_quotas needs quotas: one share of 0 or more per class, class 1 first"
            }
        }
        return nil
    }
}
