import PropiceGeometry

/// The scores as a CSV table (UTF-8, `,`, `.` decimals), one row per model and EPCI, in the
/// models' order then by SIREN:
/// `modele,code_epci,nom_epci,score,classe,classe_libelle,rang,sur,percentile,completude,`
/// `rang_median,rang_p05,rang_p95,proba_classe_1,explication`. Cells are empty where an EPCI
/// has no score or no sensitivity analysis.
public enum ScoresTable {
    public static let header = "modele,code_epci,nom_epci,score,classe,classe_libelle,rang,sur,percentile,completude,"
        + "rang_median,rang_p05,rang_p95,proba_classe_1,explication"

    public static func csv(_ models: [ModelScores]) -> String {
        var text = header + "\n"
        for scores in models {
            for result in scores.results.sorted(by: { $0.code < $1.code }) {
                let s = result.sensitivity
                let ranks: [Int?] = [result.classe, result.rank, result.scored, s?.medianRank, s?.rankLow, s?.rankHigh]
                let cells = ranks.map { $0.map(String.init) ?? "" }
                let fields: [String] = [scores.model.id, result.code.value, quoted(result.name), number(result.score), cells[0],
                                        quoted(result.classLabel), cells[1], cells[2], number(result.percentile), number(result.completeness),
                                        cells[3], cells[4], cells[5], number(s?.topClassProbability), quoted(result.sentence)]
                text += fields.joined(separator: ",") + "\n"
            }
        }
        return text
    }

    /// Writes `csv(_:)` to a file atomically.
    public static func write(_ models: [ModelScores], to path: String) throws {
        try AtomicOutput.write(Array(csv(models).utf8), to: path)
    }

    /// A number with at most six decimals and no trailing zeros; empty for nil.
    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int64(rounded)) : "\(rounded)"
    }

    /// A text cell, quoted when it holds a comma, a quote or a line break.
    private static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
