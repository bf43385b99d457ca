import PropiceGeometry

/// The scoring models of a folder (one YAML file each), checked against the source catalogue:
/// unique ids, and every reference to an indicator that exists and comes before it.
public struct ModelLibrary: Sendable {
    /// The models, in the order of their files' names.
    public let models: [ScoringModel]
    /// Each model's file, by id.
    public let files: [String: String]

    /// Reads every `.yaml` or `.yml` file of the folder; what rests on the indicators the
    /// catalogue left out (`SourceCatalogue.leftOut`) leaves the models.
    public init(folder: String, catalogue: SourceCatalogue) throws {
        let paths = try YAMLDocument.files(in: folder, kind: "models")
        var models: [ScoringModel] = [], files: [String: String] = [:]
        for path in paths {
            let declared = try YAMLDocument.decode(ScoringModel.self, path: path)
            if let other = files[declared.id] { throw InputError(file: path, message: "model '\(declared.id)' is also declared in \(other)") }
            let model = try declared.withoutIndicators(restingOn: catalogue.leftOut, file: path)
            try Self.check(model, catalogue: catalogue, file: path)
            files[model.id] = path
            models.append(model)
        }
        self.models = models
        self.files = files
    }

    /// The model with this id.
    public subscript(id: String) -> ScoringModel? { models.first { $0.id == id } }

    /// Checks that ids are unique and that every reference names a catalogue indicator, a
    /// constant or a derived indicator declared before it.
    static func check(_ model: ScoringModel, catalogue: SourceCatalogue, file: String) throws {
        var known = Set(catalogue.indicators.keys)
        func declare(_ id: String, _ field: String) throws {
            guard known.insert(id).inserted else { throw InputError(file: file, message: "\(field): '\(id)' is already an indicator's id") }
        }
        func require(_ id: String, _ field: String) throws {
            guard known.contains(id) else {
                throw InputError(file: file, message: "\(field): no catalogue indicator, constant or earlier derived indicator is called '\(id)'")
            }
        }
        for (i, constant) in model.constants.enumerated() { try declare(constant.id, "constants[\(i)]") }
        for (i, derived) in model.derived.enumerated() {
            for reference in derived.rule.references { try require(reference, "derived[\(i)] (\(derived.id))") }
            try declare(derived.id, "derived[\(i)]")
        }
        var used = Set<String>()
        for (i, indicator) in model.indicators.enumerated() {
            try require(indicator.id, "indicators[\(i)]")
            guard used.insert(indicator.id).inserted else { throw InputError(file: file, message: "indicators[\(i)]: '\(indicator.id)' is used twice") }
        }
        for (i, constraint) in model.constraints.enumerated() { try require(constraint.indicator, "constraints[\(i)]") }
    }
}
