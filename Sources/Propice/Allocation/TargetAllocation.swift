import PropiceGeometry

/// A regional target split among the EPCI and départements studied, for every milestone.
///
/// The final target is split among départements first (by the sum of their EPCI's keys, each
/// département at least its floor and the sum of its EPCI's floors, at most the sum of their
/// caps), then each département's part among its EPCI; both by `Apportionment.whole`, so every
/// level adds up exactly. Each earlier milestone is split the same way, départements then EPCI,
/// in proportion to their final parts, never below their part of the year before nor above
/// their final part, so that cumulative figures never decrease.
/// An EPCI belongs to the studied département holding most of its communes (ties: the smaller code).
public struct TargetAllocation: Sendable {
    /// One EPCI's part, with the figures its key was computed from.
    public struct Share: Sendable, Equatable {
        public var code: String
        public var name: String
        public var departement: String
        public var need: Double?
        public var score: Double?
        public var classe: Int?
        public var status: ModelResult.Status?
        /// The key: the need, need × score / 100, or the class quota's share of the need.
        public var weight: Double
        /// The key's share of the région's; nil when no EPCI has a key.
        public var keyShare: Double? = nil
        public var lower: Int
        public var upper: Int?
        /// Why the EPCI gets nothing, if it is excluded from the split.
        public var reason: String?
        /// The cumulative part by year.
        public var milestones: [Int: Int]
        /// The cumulative figure realised by year, when given.
        public var realised: [Int: Int] = [:]
    }

    /// One département's part.
    public struct DepartementShare: Sendable, Equatable {
        public var code: String
        public var name: String
        public var weight: Double
        /// The key's share of the région's; nil when no EPCI has a key.
        public var keyShare: Double? = nil
        public var lower: Int
        public var upper: Int?
        public var milestones: [Int: Int]
        /// The cumulative figure realised by year: given for the département, else its EPCI's sum.
        public var realised: [Int: Int] = [:]
    }

    public let programme: ProgrammeTarget
    /// By SIREN.
    public let epci: [Share]
    /// By code.
    public let departements: [DepartementShare]

    /// - Parameters:
    ///   - results: the programme's model results by SIREN, when it names a model.
    ///   - studied: whether a département is studied (the région's, say).
    public init(programme: ProgrammeTarget, epci territories: [Territories.EPCI], territories all: Territories,
                indicators: EPCIIndicators, results: [String: ModelResult]?, studied: (String) -> Bool) throws {
        self.programme = programme
        let sorted = territories.sorted { $0.code < $1.code }
        func figure(_ id: String, _ code: EPCICode) -> Double? { indicators[id, epci: code]?.value }
        // The key of each EPCI, before the class quotas.
        var shares: [Share] = try sorted.map { epci in
            let result = results?[epci.code.value]
            let need = figure(programme.need, epci.code)
            let counts = Dictionary(grouping: epci.communes.compactMap { all.communes[$0]?.departement }.filter(studied), by: { $0 })
            guard let departement = counts.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) })?.key else {
                throw Apportionment.Infeasible(description: "EPCI \(epci.code) has no commune in the départements studied")
            }
            var share = Share(code: epci.code.value, name: epci.name, departement: departement, need: need, score: result?.score,
                              classe: result?.classe, status: result?.status, weight: 0, lower: 0, upper: nil, reason: nil, milestones: [:])
            if let status = result?.status, programme.zeroWhere.contains(status) {
                share.reason = result?.classLabel
            } else if let need {
                if programme.method == .need {
                    share.weight = need
                } else if let score = result?.score {
                    share.weight = programme.method == .needScore ? need * score / 100 : need
                } else {
                    share.reason = result?.classLabel ?? "sans score"
                }
            } else {
                share.reason = "besoin inconnu (\(programme.need))"
            }
            if share.reason != nil {
                share.upper = 0
                return share
            }
            if let cap = programme.cap {
                share.upper = figure(cap.of, epci.code).map { Int(flooring: $0 * cap.share + 1e-9, within: 0...ProgrammeTarget.maximumPlaces) } ?? 0
            }
            if let floors = programme.floors, let minimum = floors.epci, let classes = floors.classes, let classe = result?.classe, classe <= classes {
                share.lower = minimum
                if let upper = share.upper, upper < minimum {
                    throw Apportionment.Infeasible(description: "\(epci.name) (\(epci.code)): its floor of \(minimum) is above its cap of \(upper)")
                }
            }
            return share
        }
        if programme.method == .classQuotas, let quotas = programme.quotas {
            // Each class's quota, shared within it by need; empty classes' quotas go to the others.
            let byClass = Dictionary(grouping: shares.indices.filter { shares[$0].weight > 0 }, by: { shares[$0].classe ?? 0 })
            for (classe, members) in byClass {
                let quota = classe >= 1 && classe <= quotas.count ? quotas[classe - 1] : 0
                let total = members.reduce(0) { $0 + shares[$1].weight }
                for i in members { shares[i].weight = total > 0 ? quota * shares[i].weight / total : 0 }
            }
        }

        // Départements first, then their EPCI.
        let codes = Array(Set(shares.map(\.departement))).sorted()
        let members = Dictionary(grouping: shares.indices, by: { shares[$0].departement })
        let floor = programme.floors?.departement ?? 0
        var departements = codes.map { code in
            let indices = members[code]!
            let uppers = indices.map { shares[$0].upper }
            return DepartementShare(code: code, name: all.departementNames[code] ?? code,
                                    weight: indices.reduce(0) { $0 + shares[$1].weight },
                                    lower: max(floor, indices.reduce(0) { $0 + shares[$1].lower }),
                                    upper: uppers.contains(where: { $0 == nil }) ? nil : uppers.reduce(0) { $0 + $1! }, milestones: [:])
        }
        for d in departements.indices where (departements[d].upper ?? .max) < departements[d].lower {
            throw Apportionment.Infeasible(description: "département \(departements[d].code): its floor of \(departements[d].lower) is above what its EPCI can take (\(departements[d].upper!))")
        }
        let target = programme.target, last = programme.years.last!
        let parts: [Int]
        do {
            parts = try Apportionment.whole(target, weights: departements.map(\.weight), lower: departements.map(\.lower),
                                            upper: departements.map(\.upper))
        } catch let error as Apportionment.Infeasible {
            throw Apportionment.Infeasible(description: "\(FrenchNumber.format(Double(target), decimals: 0)) \(programme.unit) among \(departements.count) départements: \(error)")
        }
        for (d, part) in parts.enumerated() {
            departements[d].milestones[last] = part
            let indices = members[departements[d].code]!
            let split = try Apportionment.whole(part, weights: indices.map { shares[$0].weight }, lower: indices.map { shares[$0].lower },
                                                upper: indices.map { shares[$0].upper })
            for (k, i) in indices.enumerated() { shares[i].milestones[last] = split[k] }
        }
        // Earlier milestones: each split like the target, départements then EPCI, in proportion
        // to their final parts, never below the year before nor above the final part.
        var previousEPCI = [Int](repeating: 0, count: shares.count)
        var previousDepartement = [Int](repeating: 0, count: departements.count)
        for year in programme.years.dropLast() {
            let finals = departements.map { $0.milestones[last]! }
            let split = try Apportionment.whole(programme.milestones[year]!, weights: finals.map(Double.init), lower: previousDepartement,
                                                upper: finals.map { Optional($0) })
            for (d, part) in split.enumerated() {
                departements[d].milestones[year] = part
                let indices = members[departements[d].code]!
                let parts = try Apportionment.whole(part, weights: indices.map { Double(shares[$0].milestones[last]!) },
                                                    lower: indices.map { previousEPCI[$0] }, upper: indices.map { shares[$0].milestones[last] })
                for (k, i) in indices.enumerated() {
                    shares[i].milestones[year] = parts[k]
                    previousEPCI[i] = parts[k]
                }
            }
            previousDepartement = split
        }
        if let path = programme.realised {
            let realised = try RealisedFigures(path: path).figures
            for i in shares.indices { shares[i].realised = realised[shares[i].code] ?? [:] }
            for d in departements.indices {
                departements[d].realised = realised[departements[d].code] ?? members[departements[d].code]!.reduce(into: [:]) { sums, i in
                    shares[i].realised.forEach { sums[$0.key, default: 0] += $0.value }
                }
            }
        }
        let total = shares.reduce(0) { $0 + $1.weight }
        if total > 0 {
            for i in shares.indices { shares[i].keyShare = shares[i].weight / total }
            for d in departements.indices { departements[d].keyShare = departements[d].weight / total }
        }
        epci = shares
        self.departements = departements
    }
}

extension TargetAllocation {
    /// The programmes of a targets file (`only` these ids, when given) split with the scores
    /// of the models they name.
    public static func programmes(_ targets: TargetsFile, only: [String] = [], inputs: IndicatorInputs, indicators: EPCIIndicators,
                                  scores: [ModelScores]) throws -> [TargetAllocation] {
        let path = inputs.configuration.targets ?? ""
        for id in only where targets[id] == nil {
            throw InputError(file: path, message: "no programme '\(id)'; the programmes are \(targets.programmes.map(\.id).joined(separator: ", "))")
        }
        let departements = Set(inputs.territories.communes.values.filter(inputs.configuration.studies).map(\.departement))
        return try targets.programmes.filter { only.isEmpty || only.contains($0.id) }.map { programme in
            var results: [String: ModelResult]?
            if let id = programme.model {
                guard let model = scores.first(where: { $0.model.id == id }) else {
                    throw InputError(file: path, message: "\(programme.id): no model '\(id)' among \(scores.map(\.model.id).joined(separator: ", "))")
                }
                results = Dictionary(uniqueKeysWithValues: model.results.map { ($0.code.value, ModelResult($0, model: model.model)) })
            }
            for figure in [programme.need] + (programme.cap.map { [$0.of] } ?? []) where !indicators.indicators.contains(figure) {
                throw InputError(file: path, message: "\(programme.id): no catalogue indicator is called '\(figure)'")
            }
            do {
                return try TargetAllocation(programme: programme, epci: inputs.epci, territories: inputs.territories, indicators: indicators,
                                            results: results, studied: departements.contains)
            } catch let error as Apportionment.Infeasible {
                throw InputError(file: path, message: "\(programme.id): cannot be split: \(error)")
            }
        }
    }
}
