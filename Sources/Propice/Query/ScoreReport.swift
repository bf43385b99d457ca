/// The text a planner reads: a model's ranking, and one EPCI's explanation with every
/// indicator's figure, normalised value, weight, points and completeness.
public enum ScoreReport {
    /// The counts of EPCI scored, short of data and excluded.
    public static func summary(_ scores: ModelScores) -> String {
        let results = scores.results, (scored, insufficient, excluded) = scores.counts
        let synthetic = scores.table.indicators.filter(\.synthetic).map(\.id)
        var text = "\(scores.model.programme) (modèle \(scores.model.id)) : \(results.count) EPCI, \(scored) notés, "
            + "\(insufficient) \(scores.model.insufficientLabel), \(excluded) \(scores.model.excludedLabel)"
        if !synthetic.isEmpty { text += "\n  données synthétiques : " + synthetic.joined(separator: ", ") }
        if !scores.model.leftOut.isEmpty {
            text += "\n  indicateurs retirés (sources synthétiques exclues) : "
                + scores.model.leftOut.map { "\($0.id) (\($0.source))" }.joined(separator: ", ")
        }
        return text
    }

    /// The `top` best-scored EPCI, one line each, with their rank sensitivity when analysed.
    public static func ranking(_ analysed: AnalysedScores, top: Int) -> String {
        let scores = analysed.scores
        var lines = [summary(scores), "rang  score  classe             SIREN      rang médian [5–95 %]  P(classe 1)  EPCI"]
        for result in scores.ranking.prefix(top) {
            let ranks = analysed[result.code]
            let sensitivity = ranks.map { "\($0.medianRank) [\($0.rankLow)–\($0.rankHigh)]" } ?? "—"
            let top = ranks.map { FrenchNumber.percent($0.topClassProbability) } ?? "—"
            lines.append(pad(String(result.rank!), 4, right: true) + "  " + pad(FrenchNumber.format(result.score!, decimals: 1), 5, right: true)
                         + "  " + pad(result.classLabel, 17) + "  " + result.code.value + "  " + pad(sensitivity, 20) + "  "
                         + pad(top, 11, right: true) + "  " + result.name)
        }
        return lines.joined(separator: "\n")
    }

    /// One EPCI's explanation for one model's programme, from its published result.
    public static func explanation(_ result: ModelResult, name: String, code: String) -> String {
        var lines = ["\(result.programme) — \(name) (\(code))"]
        if let score = result.score, let classe = result.classe, let rank = result.rank, let percentile = result.percentile {
            lines.append("score \(FrenchNumber.format(score, decimals: 1)) sur 100 · classe \(classe) « \(result.classLabel) » · rang \(rank) sur \(result.scored)"
                         + " · percentile \(FrenchNumber.format(percentile, decimals: 0)) · complétude \(FrenchNumber.percent(result.completeness))"
                         + " · part synthétique \(FrenchNumber.percent(result.syntheticShare))")
        } else {
            lines.append("\(result.classLabel) · complétude \(FrenchNumber.percent(result.completeness)) · part synthétique \(FrenchNumber.percent(result.syntheticShare))")
        }
        if let s = result.sensitivity {
            lines.append("sensibilité (\(s.draws) tirages) : rang médian \(s.medianRank), de \(s.rankLow) à \(s.rankHigh) (5–95 %) ; "
                         + "classe 1 dans \(FrenchNumber.percent(s.topClassProbability)) des tirages")
        }
        lines.append(result.sentence)
        lines.append("")
        let width = max(result.indicators.map(\.id.count).max() ?? 0, 10)
        lines.append(pad("indicateur", width) + "  " + pad("valeur", 34) + "  normalisé  poids  points  complétude")
        for c in result.indicators {
            var value = c.value.map { FrenchNumber.format($0, decimals: c.decimals) + " " + c.unit } ?? "absent"
            let bounds = [c.lower, c.upper].map { $0.map { FrenchNumber.format($0, decimals: c.decimals) } ?? "?" }
            if c.value != nil, bounds[0] != bounds[1] { value += " [\(bounds[0])–\(bounds[1])]" }
            let flags = (c.synthetic ? ["synthétique"] : []) + (c.estimated ? ["estimé"] : [])
            lines.append(pad(c.id, width) + "  " + pad(value, 34) + "  "
                         + pad(c.normalised.map { FrenchNumber.format($0, decimals: 2) } ?? "—", 9, right: true) + "  "
                         + pad(FrenchNumber.percent(c.appliedWeight), 5, right: true) + "  "
                         + pad(c.points.map { FrenchNumber.format($0, decimals: 1) } ?? "—", 6, right: true) + "  "
                         + pad(FrenchNumber.percent(c.completeness), 10, right: true)
                         + (flags.isEmpty ? "" : "  " + flags.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(width - text.count, 0))
        return right ? fill + text : text + fill
    }
}
