/// The French sentence that names the main factors of a score with their figures:
/// "Forte pression de la demande : 6,1 demandes pour une attribution ; vacance privée de
/// longue durée élevée : 4,2 % du parc privé. En revanche, loyers de marché élevés : 11 €/m²."
enum ExplanationSentence {
    /// The most favourable and unfavourable factors named.
    static let favourable = 3, unfavourable = 2

    /// The sentence for a scored EPCI. A factor's pull is its points minus those a neutral
    /// value (0.5) would bring; the largest pulls each way are named, in the model's words for
    /// a figure in the upper (`high`) or lower (`low`) half of the EPCI's figures.
    /// `upperHalf[i]` says which half indicator `i`'s figure is in.
    static func scored(_ contributions: [IndicatorContribution], model: ScoringModel, upperHalf: [Bool]) -> String {
        let pulls = contributions.enumerated().compactMap { i, c in c.points.map { (i, $0 - 50 * c.appliedWeight) } }
        // A pull within rounding of zero is a neutral figure, named neither way.
        // Equal pulls keep the model's order.
        let up = pulls.filter { $0.1 > 1e-9 }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(favourable)
        let down = pulls.filter { $0.1 < -1e-9 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(unfavourable)
        func clause(_ factors: ArraySlice<(Int, Double)>) -> String {
            factors.map { i, _ in factor(contributions[i], model.indicators[i], upper: upperHalf[i]) }.joined(separator: " ; ")
        }
        var text = ""
        if !up.isEmpty { text = capitalised(clause(up)) + "." }
        if !down.isEmpty { text += text.isEmpty ? capitalised(clause(down)) + "." : " En revanche, " + clause(down) + "." }
        return text.isEmpty ? "Aucun facteur ne s'écarte de la moyenne." : text
    }

    /// The sentence for an EPCI without a score.
    static func unscored(label: String, reason: String) -> String { capitalised(label) + " : " + reason + "." }

    /// What every explanation of a model says of the indicators that left it with the
    /// synthetic sources they rest on; empty when none left.
    static func leftOut(_ model: ScoringModel) -> String {
        guard !model.leftOut.isEmpty else { return "" }
        let sources = Array(Set(model.leftOut.map(\.source))).sorted()
        return " Indicateurs retirés du modèle, faute de source réelle (sources synthétiques exclues : \(sources.joined(separator: ", "))) : "
            + model.leftOut.map(\.id).joined(separator: ", ") + "."
    }

    /// "forte pression de la demande : 6,1 demandes pour une attribution (synthétique)".
    private static func factor(_ c: IndicatorContribution, _ indicator: ModelIndicator, upper: Bool) -> String {
        var text = lowercasedStart(upper ? indicator.high : indicator.low)
        if indicator.figure, let value = c.value {
            text += " : " + FrenchNumber.format(value, decimals: indicator.decimals) + "\u{A0}" + (indicator.unit ?? c.unit)
        }
        let flags = (c.synthetic ? ["synthétique"] : []) + (c.estimated ? ["estimé"] : [])
        return flags.isEmpty ? text : text + " (" + flags.joined(separator: ", ") + ")"
    }

    private static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// The phrase with a lower-case first letter, unless it starts an acronym (AIS).
    private static func lowercasedStart(_ text: String) -> String {
        let start = text.prefix(2)
        guard start.count == 2, start.last!.isLowercase else { return text }
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
