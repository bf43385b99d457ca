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
        public var code: EPCICode
        public var name: String
        public var departement: DepartementCode
        public var need: Double?
        public var score: Double?
        public var classe: Int?
        public var status: ScoreOutcome?
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
        public var code: DepartementCode
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
    ///   - scores: the programme's model scores by SIREN, when it names a model.
    ///   - realised: the figures realised so far, when the programme names them.
    public init(programme: ProgrammeTarget, area: StudyArea, territories: Territories, indicators: EPCIIndicators,
                scores: [EPCICode: EPCIScore]?, realised: RealisedFigures? = nil) throws {
        self.programme = programme
        var shares = try area.epci.map { try Self.key(programme, of: $0, area: area, territories: territories, indicators: indicators, score: scores?[$0.code]) }
        if programme.method == .classQuotas, let quotas = programme.quotas { Self.applyQuotas(quotas, to: &shares) }
        let members = Dictionary(grouping: shares.indices, by: { shares[$0].departement })
        var departements = try Self.departementShares(programme, shares: shares, members: members, names: territories.departementNames)
        try Self.splitTarget(programme, shares: &shares, departements: &departements, members: members)
        try Self.splitMilestones(programme, shares: &shares, departements: &departements, members: members)
        if let realised { Self.record(realised, shares: &shares, departements: &departements, members: members) }
        let total = shares.reduce(0) { $0 + $1.weight }
        if total > 0 {
            for i in shares.indices { shares[i].keyShare = shares[i].weight / total }
            for d in departements.indices { departements[d].keyShare = departements[d].weight / total }
        }
        epci = shares
        self.departements = departements
    }

    /// An EPCI's key before the class quotas, its floor and cap, or why it gets nothing.
    private static func key(_ programme: ProgrammeTarget, of epci: Territories.EPCI, area: StudyArea, territories: Territories,
                            indicators: EPCIIndicators, score: EPCIScore?) throws -> Share {
        func figure(_ id: String) -> Double? { indicators[id, epci: epci.code]?.value }
        let need = figure(programme.need)
        let counts = Dictionary(grouping: epci.communes.compactMap { territories.communes[$0]?.departement }.filter(area.departements.contains),
                                by: { $0 })
        guard let departement = counts.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) })?.key else {
            throw Apportionment.Infeasible(description: "EPCI \(epci.code) has no commune in the départements studied")
        }
        var share = Share(code: epci.code, name: epci.name, departement: departement, need: need, score: score?.score,
                          classe: score?.classe, status: score?.status.outcome, weight: 0, lower: 0, upper: nil, reason: nil, milestones: [:])
        if let status = share.status, programme.zeroWhere.contains(status) {
            share.reason = score?.classLabel
        } else if let need {
            if programme.method == .need {
                share.weight = need
            } else if let value = score?.score {
                share.weight = programme.method == .needScore ? need * value / 100 : need
            } else {
                share.reason = score?.classLabel ?? "sans score"
            }
        } else {
            share.reason = "besoin inconnu (\(programme.need))"
        }
        if share.reason != nil {
            share.upper = 0
            return share
        }
        if let cap = programme.cap {
            share.upper = figure(cap.of).map { Int(flooring: $0 * cap.share + 1e-9, within: 0...ProgrammeTarget.maximumPlaces) } ?? 0
        }
        if let floors = programme.floors, let minimum = floors.epci, let classes = floors.classes, let classe = score?.classe, classe <= classes {
            share.lower = minimum
            if let upper = share.upper, upper < minimum {
                throw Apportionment.Infeasible(description: "\(epci.name) (\(epci.code)): its floor of \(minimum) is above its cap of \(upper)")
            }
        }
        return share
    }

    /// Each class's quota, shared within it by need; empty classes' quotas go to the others.
    private static func applyQuotas(_ quotas: [Double], to shares: inout [Share]) {
        let byClass = Dictionary(grouping: shares.indices.filter { shares[$0].weight > 0 }, by: { shares[$0].classe ?? 0 })
        for (classe, members) in byClass {
            let quota = classe >= 1 && classe <= quotas.count ? quotas[classe - 1] : 0
            let total = members.reduce(0) { $0 + shares[$1].weight }
            for i in members { shares[i].weight = total > 0 ? quota * shares[i].weight / total : 0 }
        }
    }

    /// The départements' keys, floors and caps: the sums of their EPCI's.
    private static func departementShares(_ programme: ProgrammeTarget, shares: [Share], members: [DepartementCode: [Int]],
                                          names: [DepartementCode: String]) throws -> [DepartementShare] {
        let floor = programme.floors?.departement ?? 0
        return try members.keys.sorted().map { code in
            let indices = members[code] ?? []
            let uppers = indices.compactMap { shares[$0].upper }
            let share = DepartementShare(code: code, name: names[code] ?? code.value, weight: indices.reduce(0) { $0 + shares[$1].weight },
                                         lower: max(floor, indices.reduce(0) { $0 + shares[$1].lower }),
                                         upper: uppers.count < indices.count ? nil : uppers.reduce(0, +), milestones: [:])
            if let upper = share.upper, upper < share.lower {
                throw Apportionment.Infeasible(description: "département \(code): its floor of \(share.lower) is above what its EPCI can take (\(upper))")
            }
            return share
        }
    }

    /// The target split among the départements, then each département's part among its EPCI.
    private static func splitTarget(_ programme: ProgrammeTarget, shares: inout [Share], departements: inout [DepartementShare],
                                    members: [DepartementCode: [Int]]) throws {
        let target = programme.target, last = programme.lastYear
        let parts: [Int]
        do {
            parts = try Apportionment.whole(target, weights: departements.map(\.weight), lower: departements.map(\.lower),
                                            upper: departements.map(\.upper))
        } catch let error as Apportionment.Infeasible {
            throw Apportionment.Infeasible(description: "\(FrenchNumber.format(Double(target), decimals: 0)) \(programme.unit) among \(departements.count) départements: \(error)")
        }
        for (d, part) in parts.enumerated() {
            departements[d].milestones[last] = part
            let indices = members[departements[d].code] ?? []
            let split = try Apportionment.whole(part, weights: indices.map { shares[$0].weight }, lower: indices.map { shares[$0].lower },
                                                upper: indices.map { shares[$0].upper })
            for (k, i) in indices.enumerated() { shares[i].milestones[last] = split[k] }
        }
    }

    /// Earlier milestones: each split like the target, départements then EPCI, in proportion
    /// to their final parts, never below the year before nor above the final part.
    private static func splitMilestones(_ programme: ProgrammeTarget, shares: inout [Share], departements: inout [DepartementShare],
                                        members: [DepartementCode: [Int]]) throws {
        let last = programme.lastYear
        var previousEPCI = [Int](repeating: 0, count: shares.count)
        var previousDepartement = [Int](repeating: 0, count: departements.count)
        let finals = departements.map { $0.milestones[last] ?? 0 }
        let epciFinals = shares.map { $0.milestones[last] ?? 0 }
        for year in programme.years.dropLast() {
            let split = try Apportionment.whole(programme.milestones[year] ?? 0, weights: finals.map(Double.init), lower: previousDepartement,
                                                upper: finals.map { Optional($0) })
            for (d, part) in split.enumerated() {
                departements[d].milestones[year] = part
                let indices = members[departements[d].code] ?? []
                let parts = try Apportionment.whole(part, weights: indices.map { Double(epciFinals[$0]) }, lower: indices.map { previousEPCI[$0] },
                                                    upper: indices.map { epciFinals[$0] })
                for (k, i) in indices.enumerated() {
                    shares[i].milestones[year] = parts[k]
                    previousEPCI[i] = parts[k]
                }
            }
            previousDepartement = split
        }
    }

    /// The figures realised: an EPCI's as given, a département's as given, else its EPCI's sum.
    private static func record(_ realised: RealisedFigures, shares: inout [Share], departements: inout [DepartementShare],
                               members: [DepartementCode: [Int]]) {
        for i in shares.indices { shares[i].realised = realised.epci[shares[i].code] ?? [:] }
        for d in departements.indices {
            departements[d].realised = realised.departements[departements[d].code] ?? (members[departements[d].code] ?? []).reduce(into: [:]) { sums, i in
                shares[i].realised.forEach { sums[$0.key, default: 0] += $0.value }
            }
        }
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
        return try targets.programmes.filter { only.isEmpty || only.contains($0.id) }.map { programme in
            var byCode: [EPCICode: EPCIScore]?
            if let id = programme.model {
                guard let model = scores.first(where: { $0.model.id == id }) else {
                    throw InputError(file: path, message: "\(programme.id): no model '\(id)' among \(scores.map(\.model.id).joined(separator: ", "))")
                }
                byCode = Dictionary(model.results.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            }
            for figure in [programme.need] + (programme.cap.map { [$0.of] } ?? []) where !indicators.indicators.contains(figure) {
                throw InputError(file: path, message: "\(programme.id): no catalogue indicator is called '\(figure)'")
            }
            let realised = try programme.realised.map { try RealisedFigures(path: $0) }
            do {
                return try TargetAllocation(programme: programme, area: inputs.area, territories: inputs.territories, indicators: indicators,
                                            scores: byCode, realised: realised)
            } catch let error as Apportionment.Infeasible {
                throw InputError(file: path, message: "\(programme.id): cannot be split: \(error)")
            }
        }
    }
}
