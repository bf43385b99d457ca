import PropiceGeometry

/// One model of a built folder, ready to be scored again with other weights: the model as the
/// build applied it (its YAML in `metadata.json`, less the indicators the build left out), the
/// figures and constraint outcomes its territory records publish, and the published ranks to
/// compare with. `propice serve` answers `/api/v1/scores/{modele}` from it with `TableScores`,
/// the core of the `ModelScores` that made the build; the Monte Carlo is not run again.
public struct PublishedScoring: Sendable {
    public let table: ScoringTable
    /// Each EPCI's published rank, in the table's order (nil when it had no score).
    public let publishedRanks: [Int?]

    /// The scoring of model `entry` from the records (`records[k]` read from `files[k]`, each
    /// holding a result for every model). An error names the record that does not fit the model.
    public init(model entry: BuildMetadata.Model, records: [TerritoryRecord], files: [String], metadataFile: String) throws {
        let model = try entry.appliedModel(file: metadataFile)
        var epci: [ScoringTable.Territory] = [], ranks: [Int?] = []
        var figures = [[ModelFigures.Figure]](repeating: [], count: model.indicators.count)
        var status: [EPCIScore.Status?] = [], descriptions: [ModelFigures.Description]?
        let ids = model.indicators.map(\.id)
        for (record, file) in zip(records, files) {
            guard let code = EPCICode(record.code) else { throw InputError(file: file, message: "code_epci \(record.code) is not a SIREN") }
            guard let nature = EPCINature(rawValue: record.nature) else {
                throw InputError(file: file, message: "nature_epci \(record.nature) is not CA, CC, CU or ME")
            }
            guard let result = record.results.first(where: { $0.model == model.id }) else {
                throw InputError(file: file, message: "no result for model \(model.id), which metadata.json lists")
            }
            guard result.indicators.map(\.id) == ids else {
                throw InputError(file: file, message: "the indicators of its result for model \(model.id) (\(result.indicators.map(\.id).joined(separator: ", "))) "
                                 + "are not the model's (\(ids.joined(separator: ", ")))")
            }
            for (i, c) in result.indicators.enumerated() {
                guard c.value?.isFinite ?? true, (0...1).contains(c.completeness) else {
                    throw InputError(file: file, message: "indicator \(c.id) of model \(model.id): a value that is not finite or a completeness outside 0–1")
                }
                figures[i].append(ModelFigures.Figure(value: c.value ?? .nan, lower: c.lower ?? .nan, upper: c.upper ?? .nan,
                                                      completeness: c.completeness, estimated: c.estimated))
            }
            descriptions = descriptions ?? result.indicators.map {
                ModelFigures.Description(id: $0.id, label: $0.label, unit: $0.unit, synthetic: $0.synthetic)
            }
            status.append(try Self.constraintStatus(result, file: file))
            epci.append(ScoringTable.Territory(code: code, name: record.name, nature: nature))
            ranks.append(result.rank)
        }
        let fallback = model.indicators.map { ModelFigures.Description(id: $0.id, label: $0.id, unit: $0.unit ?? "", synthetic: false) }
        table = ScoringTable(model: model, epci: epci, indicators: descriptions ?? fallback, figures: figures, constraintStatus: status)
        publishedRanks = ranks
    }

    public var model: ScoringModel { table.model }

    /// The model's scores with these weights, one per indicator in the model's order (each
    /// from 0 to 100, at least one positive: `weights(from:)` checks a request's).
    public func scores(weights: [Double]) -> TableScores { TableScores(table, weights: weights) }

    /// Why a weighting cannot be applied.
    public enum WeightError: Error, Equatable, Sendable {
        case unknownIndicator(String, known: [String])
        case repeated(String)
        case notANumber(String, String)
        case outOfRange(String, Double)
        case allZero

        /// The reason, in French, for a 400 answer.
        public var message: String {
            switch self {
            case .unknownIndicator(let id, let known):
                "le modèle n'a pas d'indicateur \(id.prefix(64)) ; ses indicateurs : \(known.joined(separator: ", "))"
            case .repeated(let id): "le poids de \(id) est donné plus d'une fois"
            case .notANumber(let id, let text): "le poids de \(id) n'est pas un nombre : « \(text.prefix(32)) »"
            case .outOfRange(let id, let w): "le poids de \(id) (\(w)) doit être entre 0 et \(Int(Self.maximum))"
            case .allZero: "au moins un poids doit être positif"
            }
        }

        /// The largest weight a request may give.
        public static let maximum = 100.0
    }

    /// The weights a request gives, as (indicator id, text) pairs; the model's own for the
    /// indicators it does not name.
    public func weights(from given: [(id: String, text: String)]) -> Result<[Double], WeightError> {
        let ids = model.indicators.map(\.id)
        var weights = model.indicators.map(\.weight), seen = Set<String>()
        for (id, text) in given {
            guard let i = ids.firstIndex(of: id) else { return .failure(.unknownIndicator(id, known: ids)) }
            guard seen.insert(id).inserted else { return .failure(.repeated(id)) }
            guard text.utf8.count <= 32, let w = Double(text), !w.isNaN else { return .failure(.notANumber(id, text)) }
            guard (0...WeightError.maximum).contains(w) else { return .failure(.outOfRange(id, w)) }
            weights[i] = w
        }
        guard weights.contains(where: { $0 > 0 }) else { return .failure(.allZero) }
        return .success(weights)
    }

    /// A result's outcome when it fails a constraint, which no weight changes; nil when it meets them.
    private static func constraintStatus(_ result: ModelResult, file: String) throws -> EPCIScore.Status? {
        guard !result.meetsConstraints else { return nil }
        let reason = result.reason ?? ""
        switch result.status {
        case .insufficient: return .insufficient(reason)
        case .excluded: return .excluded(reason)
        case .scored: throw InputError(file: file, message: "model \(result.model): scored, yet published as failing the model's constraints")
        }
    }
}

extension BuildMetadata.Model {
    /// The model as the build applied it: its YAML, less the indicators the build left out
    /// with the synthetic sources. `file` is the `metadata.json` errors name.
    public func appliedModel(file: String) throws -> ScoringModel {
        var model = try YAMLDocument.decode(ScoringModel.self, text: definition, path: "\(file) (modeles \(id), definition)")
        let gone = Set(leftOut.map(\.id))
        model.indicators.removeAll { gone.contains($0.id) }
        model.constraints.removeAll { gone.contains($0.indicator) }
        model.leftOut = leftOut
        guard model.id == id, !model.indicators.isEmpty else {
            throw InputError(file: file, message: "modeles \(id): its definition is model '\(model.id)' with \(model.indicators.count) indicators left")
        }
        return model
    }
}
