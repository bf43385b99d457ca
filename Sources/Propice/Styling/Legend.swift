import Foundation
import PropiceGeometry

/// The legend of every model's map (`legend.json`): its classes with their labels, score
/// ranges, counts and colours from ColorBrewer's YlGnBu, a sequential scheme safe for
/// colour-blind readers (the darkest for class 1, the most suited); *données insuffisantes* in
/// grey with a hatch, *hors critères* in a lighter grey.
public struct Legend: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var classe: Int?
        public var label: String
        public var colour: String
        /// `hachures` for insufficient data.
        public var pattern: String?
        public var minimum: Double?
        public var maximum: Double?
        public var count: Int

        enum CodingKeys: String, CodingKey, CaseIterable {
            case classe, label = "libelle", colour = "couleur", pattern = "motif", minimum, maximum, count = "effectif"
        }
    }

    public struct Model: Codable, Sendable, Equatable {
        /// How the scores were cut into classes, as `legend.json` names it.
        public enum Method: String, Codable, Sendable {
            case quantiles, jenks, equal, manual
        }

        public var model: String
        public var programme: String
        public var title: String
        public var method: Method
        public var classes: [Entry]
        public var insufficient: Entry
        public var excluded: Entry

        enum CodingKeys: String, CodingKey, CaseIterable {
            case model = "modele", programme, title = "titre", method = "methode", classes
            case insufficient = "donnees_insuffisantes", excluded = "hors_criteres"
        }
    }

    public var palette: String
    public var models: [Model]

    enum CodingKeys: String, CodingKey, CaseIterable { case palette, models = "modeles" }

    /// ColorBrewer's YlGnBu for 3 to 9 classes, lightest first (Cynthia Brewer, colorbrewer2.org).
    static let yellowGreenBlue: [Int: [String]] = [
        3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
        4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
        5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
        6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
        7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
        8: ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
        9: ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"],
    ]
    static let insufficientColour = "#969696"
    static let excludedColour = "#e0e0e0"

    /// The colours of `classes` classes, class 1 first (darkest); two classes take the ends of three.
    static func colours(classes: Int) -> [String]? {
        if classes == 2 { return ["#2c7fb8", "#edf8b1"] }
        return yellowGreenBlue[classes]?.reversed()
    }

    public init(_ scores: [ModelScores]) throws {
        palette = "ColorBrewer YlGnBu (séquentielle, adaptée aux daltoniens)"
        models = try scores.map { scores in
            let model = scores.model
            guard let colours = Self.colours(classes: model.classification.classes) else {
                throw InputError(file: model.id, message: "classification.classes: the map colours 2 to 9 classes, not \(model.classification.classes)")
            }
            let results = scores.results
            let classes = (1...model.classification.classes).map { k in
                let members = results.filter { $0.classe == k }.compactMap(\.score)
                return Entry(classe: k, label: model.labels[k - 1], colour: colours[k - 1], pattern: nil,
                             minimum: members.min(), maximum: members.max(), count: members.count)
            }
            let counts = scores.counts
            let method: Model.Method = switch model.classification.method {
            case .quantiles: .quantiles
            case .jenks: .jenks
            case .equalIntervals: .equal
            case .manual: .manual
            }
            return Model(model: model.id, programme: model.programme, title: model.title, method: method, classes: classes,
                         insufficient: Entry(classe: nil, label: model.insufficientLabel, colour: Self.insufficientColour, pattern: "hachures",
                                             count: counts.insufficient),
                         excluded: Entry(classe: nil, label: model.excludedLabel, colour: Self.excludedColour, pattern: nil,
                                         count: counts.excluded))
        }
    }
}
